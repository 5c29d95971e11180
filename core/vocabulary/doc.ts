/**
 * The vocabulary tables of docs/language.md, generated from the language packs so the
 * page cannot drift from what cjm accepts (scripts/gen-vocabulary-doc.mjs writes them;
 * test/docs/language-doc.test.ts checks they are current).
 */
import { EMOTIONS, formatScore } from './emotions';
import { LEVELS, LEVEL_FIELDS } from './ids';
import { LOCALES, Locale, pack } from './locale';
import { STAGES } from './stages';
import { VOCABULARIES, VocabularyName, vocabularyEntry, vocabularyIds, vocabularyWords } from './words';

/** `**label** · form, form`: what cjm shows, then what else it understands. */
function cell(vocabulary: VocabularyName, id: string, locale: Locale): string {
  const e = vocabularyEntry(vocabulary, id, locale);
  if (!e) return '';
  const forms = e.forms ?? [];
  return `**${e.label}**${forms.length ? ` · ${forms.join(', ')}` : ''}`;
}

const languageHeads = () => LOCALES.map((l) => pack(l).englishName);

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function simple(vocabulary: VocabularyName): string {
  return table(['id', ...languageHeads()], vocabularyIds(vocabulary).map((id) => [`\`${id}\``, ...LOCALES.map((l) => cell(vocabulary, id, l))]));
}

function levels(): string {
  const fieldNames = (l: Locale) => LEVEL_FIELDS.map((f) => pack(l).labels[f]);
  return table(['id', ...languageHeads()], LEVELS.map((level) => [`\`${level}\``, ...LOCALES.map((l) => {
    const e = pack(l).levels[level];
    const names = fieldNames(l);
    const shown = LEVEL_FIELDS.map((f, i) => `${names[i]}: **${e.agrees[f]}**`).join(', ');
    return `${shown} · ${[e.label, ...(e.forms ?? [])].join(', ')}`;
  })]));
}

function emotions(): string {
  return table(['id', 'emoji', 'score', ...languageHeads()], EMOTIONS.map((e) => [`\`${e.id}\``, e.emoji, formatScore(e.score), ...LOCALES.map((l) => cell('emotion', e.id, l))]));
}

function stages(): string {
  return table(['#', 'id', ...languageHeads()], STAGES.map((s) => [String(s.order + 1), `\`${s.id}\``, ...LOCALES.map((l) => cell('stage', s.id, l))]));
}

const VOCABULARY_TITLES: Readonly<Record<VocabularyName, string>> = {
  stage: 'built-in stages',
  emotion: 'emotions',
  kind: 'kinds of map',
  level: 'levels',
  status: 'opportunity statuses',
  channelType: 'channel types',
  sourceType: 'source types',
  language: 'languages',
};

/** Entries per vocabulary, and how many words each language accepts in all (labels and forms). */
function sizes(): string {
  const head = ['language', ...VOCABULARIES.map((v) => VOCABULARY_TITLES[v]), 'accepted words'];
  const rows = LOCALES.map((l) => {
    const counts = VOCABULARIES.map((v) => vocabularyIds(v).filter((id) => vocabularyEntry(v, id, l)).length);
    const words = VOCABULARIES.reduce((n, v) => n + vocabularyWords(v).filter((w) => w.locale === l).length, 0);
    return [`${pack(l).englishName} (\`${l}\`)`, ...counts.map(String), String(words)];
  });
  return table(head, rows);
}

/** Every generated table of docs/language.md, by the name of its marker. */
export function vocabularyDocTables(): Readonly<Record<string, string>> {
  return {
    emotions: emotions(),
    stages: stages(),
    kinds: simple('kind'),
    levels: levels(),
    statuses: simple('status'),
    'channel-types': simple('channelType'),
    'source-types': simple('sourceType'),
    languages: simple('language'),
    sizes: sizes(),
  };
}
