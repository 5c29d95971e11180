/**
 * Finds English words in what a Russian or Polish reader sees. "English" means a word
 * cjm's own English messages use (read from the sources, so a new message extends the
 * list by itself); codes, ids, file names, Markdown code, Mermaid syntax, HTML and the
 * keys of YAML examples are not words a reader reads, and are skipped.
 */
import { CHANGE_KIND_IDS, DIAGNOSTIC_CODES } from '@cjm/core';
import { ROOT } from '../helpers';
import { scanTree } from './scan';

/** Every word cjm's English messages use: none may appear in Russian or Polish output. */
export const ENGLISH = (() => {
  const words = new Set<string>();
  for (const u of scanTree(ROOT).uses) {
    // A YAML example (`title: First order…`, schema.ts) is read like one: its keys are code.
    const text = /^[a-z]+:[ \n]/.test(u.text) ? yamlValues(u.text) : u.text;
    for (const w of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) words.add(w);
  }
  // Names and codes every language writes the same way.
  for (const w of ['cjm', 'kpi', 'kpis', 'yaml', 'mermaid', 'github', 'json', 'svg', 'utf', 'csat', 'nps', 'http', 'https']) words.delete(w);
  // Polish writes "persona" as English does.
  words.delete('persona');
  return words;
})();

/** Polish words spelled as English ones (`e-mail`; `data`, a date; `map` and `person`, genitive plurals of mapa and persona): in Polish text they are Polish. */
const POLISH_TOO = new Set(['partner', 'status', 'test', 'mail', 'person', 'data', 'diagram', 'map']);

/** A YAML example keeps its keys in every language; its values are what a reader reads. */
function yamlValues(block: string): string {
  return block
    .split('\n')
    .map((line) => line.replace(/^(\s*-\s+|\s*)[^\s:]+:(\s|$)/, '$1'))
    .join('\n');
}

/** Codes, ids, file names, Mermaid syntax and HTML are not words a reader reads. */
export function readableText(s: string): string {
  return s
    .replace(/````mermaid[\s\S]*?````/g, (block) => (block.match(/"[^"]*"/g) ?? []).join(' '))
    .replace(/```yaml\n([\s\S]*?)```/g, (_, block: string) => yamlValues(block))
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\[[a-z-]+\]/g, ' ')
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/\S*\/\S*\.cjm\b/g, ' ')
    .replace(new RegExp(`\\b(${[...Object.keys(DIAGNOSTIC_CODES), ...CHANGE_KIND_IDS].join('|')})\\b`, 'g'), ' ');
}

/** @param language the reader's language, when it shares some words with English */
export function englishWords(s: string, language?: 'ru' | 'pl'): string[] {
  const english = (w: string) => ENGLISH.has(w) && !(language === 'pl' && POLISH_TOO.has(w));
  // Whole words only: "mapę" is Polish, not the English "map" with a letter after it.
  return [...new Set((readableText(s).match(/\p{L}{3,}/gu) ?? []).filter((w) => english(w.toLowerCase())))];
}
