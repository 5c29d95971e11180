/**
 * The semantic diff: two analyses of a map → what changed in the journey, in order, with
 * a stable kind id, a severity, a path of display names and source locations on both
 * sides. The CLI, the PR comment and the visual diff in the editor all read this one
 * result, so it is plain JSON-safe data (no Maps, no classes, no functions).
 *
 * Matching, in short (docs/diff-schema.md has the full story):
 * - stages by id; an unmatched stage whose steps mostly survive in another unmatched stage
 *   is that stage renamed, not a removal plus an addition;
 * - steps by id, then by name, then by content similarity, across stages (moves);
 * - pains, joys, evidence, opportunities, KPIs and free-text lists by normalized content,
 *   never by list index, so reordering such items is not a change;
 * - diagnostics by code + message + the stage/step they sit in, never by offset.
 *
 * The files: ./types (the kinds and the result's shape, the public contract), ./values
 * (field values as compared and shown), ./match (pairing stages, steps and list items),
 * ./changes (diffMaps and the ordered change list), ./summary (emotion statistics and the
 * headline). This index exports the public surface only; the rest stays internal.
 */
export {
  CHANGE_KINDS,
  CHANGE_KIND_IDS,
  CHANGE_SEVERITIES,
  DIFF_SCHEMA_VERSION,
  changeSeverityRank,
  isChangeKind,
} from './types';
export type {
  Change,
  ChangeKind,
  ChangeSeverity,
  DiffLocation,
  DiffSummary,
  DiffValue,
  Direction,
  EmotionDiff,
  EmotionStats,
  MapDiff,
  Moment,
  PathItem,
  PathType,
  StageEmotion,
} from './types';
export { comparableFields, normalizeText, show } from './values';
export type { FieldVal } from './values';
export { matchJourney } from './match';
export type { MapText } from './match';
export type { JourneyMatch, StepAt } from './match';
export { diffChanges, diffMaps } from './changes';
export type { ChangeLog, ChangePolicy, DiffOptions } from './changes';
