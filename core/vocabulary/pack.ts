/**
 * What one language brings to cjm: the words for every built-in stage, emotion and enum
 * value, and the words the rendered map shows. A language is one `LanguagePack` in
 * languages/<code>.ts plus one line in languages/index.ts (docs/translating.md).
 */
import type { ChannelType, EmotionId, KindId, Level, LevelField, OpportunityStatus, SourceType, StageId } from './ids';

/**
 * A vocabulary entry in one language. `label` is what cjm shows (with its diacritics);
 * `forms` are the other words a writer may type for the same thing: grammatical gender and
 * number, nouns and adjectives, common synonyms. Matching ignores case, diacritics, ё/е and
 * the difference between spaces, `-` and `_`.
 */
export interface Entry {
  readonly label: string;
  readonly forms?: readonly string[];
}

export interface DescribedEntry extends Entry {
  readonly description: string;
}

/** A level (low/medium/high) with the label that agrees with each field's noun. */
export interface LevelEntry extends Entry {
  readonly agrees: Readonly<Record<LevelField, string>>;
}

/** Every word the rendered map shows around the author's own text: lane names, headings, badges. */
export interface MapLabels {
  readonly goals: string;
  readonly actions: string;
  readonly touchpoints: string;
  readonly thoughts: string;
  readonly expectations: string;
  readonly emotion: string;
  readonly pains: string;
  readonly joys: string;
  readonly opportunities: string;
  readonly frontstage: string;
  readonly backstage: string;
  readonly support: string;
  readonly owners: string;
  readonly kpis: string;
  readonly evidence: string;
  readonly notes: string;
  readonly stageOpportunities: string;
  readonly stageKpis: string;
  readonly stages: string;
  readonly steps: string;
  readonly persona: string;
  readonly personaGoals: string;
  readonly personaNeeds: string;
  readonly personaFrustrations: string;
  readonly criticality: string;
  readonly impact: string;
  readonly effort: string;
  readonly owner: string;
  readonly status: string;
  readonly current: string;
  readonly target: string;
  readonly journeyKpis: string;
  readonly backlog: string;
  readonly sources: string;
  readonly channels: string;
  readonly lineOfVisibility: string;
  readonly noEmotion: string;
  readonly unknownEmotion: string;
  readonly noSteps: string;
  readonly step: string;
  readonly stage: string;
  readonly emotionCol: string;
  readonly untitled: string;
  readonly personas: string;
  readonly diffAdded: string;
  readonly diffRemoved: string;
  readonly diffChanged: string;
  readonly diffMoved: string;
  readonly diffProblems: string;
  readonly curveBefore: string;
  readonly curveAfter: string;
  readonly changeCount: string;
  readonly changeList: string;
  readonly movedFrom: string;
  readonly movedTo: string;
  readonly wasPosition: string;
  readonly noChanges: string;
  readonly formattingOnly: string;
  readonly noFile: string;
}

export interface LanguagePack {
  /** the BCP 47 code a map names in `language:` */
  readonly code: string;
  /** the language's name in itself and in English, for pickers and docs */
  readonly name: string;
  readonly englishName: string;
  /** the script its words are written in: a word's script tells which languages it may be in */
  readonly script: 'latin' | 'cyrillic';
  /** letters only this language uses among those of its script (ą ę ł …): they settle a word's language */
  readonly ownLetters: string;
  /**
   * Prefixes that turn a word into its opposite (не-, nie-, un-): "did you mean" never
   * suggests across one (недоверие is not a typo of доверие).
   */
  readonly negations: readonly string[];
  /** two everyday emotions named when nothing typed is close: "use a name like …" */
  readonly exampleEmotions: readonly [EmotionId, EmotionId];
  readonly stages: Readonly<Record<StageId, DescribedEntry>>;
  readonly emotions: Readonly<Record<EmotionId, Entry>>;
  readonly kinds: Readonly<Record<KindId, DescribedEntry>>;
  readonly levels: Readonly<Record<Level, LevelEntry>>;
  readonly statuses: Readonly<Record<OpportunityStatus, Entry>>;
  readonly channelTypes: Readonly<Record<ChannelType, Entry>>;
  readonly sourceTypes: Readonly<Record<SourceType, Entry>>;
  /**
   * The name of every language cjm speaks, as a writer of this language calls it (`language:
   * русский`, `language: polski`), keyed by code. Keyed by string, not by `Locale`: the
   * locales are the packs' own keys; test/core/vocabulary.test.ts asserts every pack names all.
   */
  readonly languages: Readonly<Record<string, Entry>>;
  readonly labels: MapLabels;
}
