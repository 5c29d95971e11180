/**
 * The language-neutral facts of every vocabulary: ids, the journey order of the built-in
 * stages, each emotion's valence and emoji. Words for people live in languages/<code>.ts;
 * these ids are what a map means, whatever language it is written in.
 */

/** Built-in stages in the order a journey usually runs. */
export const STAGE_IDS = [
  'need', 'awareness', 'consideration', 'decision', 'purchase', 'delivery', 'onboarding', 'usage', 'support', 'retention', 'loyalty', 'advocacy',
] as const;
export type StageId = (typeof STAGE_IDS)[number];

export interface EmotionFact {
  readonly id: string;
  /** Unicode 10 or older: the fonts a PNG export relies on (Symbola, DejaVu) draw them */
  readonly emoji: string;
  /** valence on the −3…+3 scale; docs/language.md explains each one by meaning */
  readonly score: number;
}

/**
 * Sorted from the best feeling to the worst. The first emotion of each score is the one a
 * bare score is drawn with (`nearestEmotion`), so it is the plainest feeling of that score.
 */
export const EMOTION_FACTS = [
  { id: 'delighted', emoji: '🤩', score: 3 },
  { id: 'happy', emoji: '😄', score: 2 },
  { id: 'grateful', emoji: '🙏', score: 2 },
  { id: 'excited', emoji: '😃', score: 2 },
  { id: 'confident', emoji: '😎', score: 2 },
  { id: 'satisfied', emoji: '🙂', score: 1 },
  { id: 'relieved', emoji: '😌', score: 1 },
  { id: 'calm', emoji: '🧘', score: 1 },
  { id: 'safe', emoji: '🔒', score: 1 },
  { id: 'anticipating', emoji: '😋', score: 1 },
  { id: 'hopeful', emoji: '🤞', score: 1 },
  { id: 'trusting', emoji: '🤝', score: 1 },
  { id: 'interested', emoji: '🧐', score: 1 },
  { id: 'curious', emoji: '🤔', score: 1 },
  { id: 'surprised', emoji: '😮', score: 1 },
  { id: 'neutral', emoji: '😐', score: 0 },
  { id: 'indifferent', emoji: '😑', score: 0 },
  { id: 'uncertain', emoji: '🤨', score: -1 },
  { id: 'dissatisfied', emoji: '🙁', score: -1 },
  { id: 'confused', emoji: '😕', score: -1 },
  { id: 'impatient', emoji: '⏳', score: -1 },
  { id: 'bored', emoji: '😒', score: -1 },
  { id: 'tired', emoji: '😫', score: -1 },
  { id: 'embarrassed', emoji: '😳', score: -1 },
  { id: 'nervous', emoji: '😬', score: -1 },
  { id: 'anxious', emoji: '😟', score: -2 },
  { id: 'stressed', emoji: '😰', score: -2 },
  { id: 'distrustful', emoji: '🙄', score: -2 },
  { id: 'overwhelmed', emoji: '😵', score: -2 },
  { id: 'helpless', emoji: '😩', score: -2 },
  { id: 'disappointed', emoji: '😞', score: -2 },
  { id: 'sad', emoji: '😢', score: -2 },
  { id: 'regretful', emoji: '😔', score: -2 },
  { id: 'frustrated', emoji: '😣', score: -2 },
  { id: 'afraid', emoji: '😨', score: -2 },
  { id: 'shocked', emoji: '😲', score: -2 },
  { id: 'disgusted', emoji: '🤢', score: -2 },
  { id: 'angry', emoji: '😠', score: -3 },
  { id: 'outraged', emoji: '😡', score: -3 },
] as const satisfies readonly EmotionFact[];
export type EmotionId = (typeof EMOTION_FACTS)[number]['id'];

export const KIND_IDS = ['current-state', 'future-state', 'service-blueprint', 'day-in-the-life', 'internal-process', 'library'] as const;
export type KindId = (typeof KIND_IDS)[number];

export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

/** The fields a level qualifies: its label agrees with each field's noun in gender and number. */
export const LEVEL_FIELDS = ['criticality', 'impact', 'effort'] as const;
export type LevelField = (typeof LEVEL_FIELDS)[number];

export const CHANNEL_TYPES = ['web', 'mobile-app', 'social', 'email', 'phone', 'chat', 'branch', 'store', 'ads', 'partner', 'mail', 'event', 'other'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const SOURCE_TYPES = ['survey', 'interview', 'focus-group', 'analytics', 'social-listening', 'reviews', 'support-tickets', 'usability-test', 'observation', 'other'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const OPPORTUNITY_STATUSES = ['idea', 'planned', 'in-progress', 'done', 'rejected'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
