/**
 * The renderer: one journey-map model, drawn as HTML (preview, standalone export), SVG
 * (export, PNG), Markdown with a Mermaid journey block, or JSON (the laid-out view). Free of
 * Node and DOM APIs: it only builds strings.
 */
export { escapeHtml } from './escape';
export { renderMapHtml, renderStandaloneHtml, renderViewHtml } from './html';
export type { HtmlOptions, DocumentOptions } from './html';
export { renderSvg, renderViewSvg, wrapText } from './svg';
export { renderMarkdown, escapeMarkdown } from './markdown';
export { buildView, isHttpUrl } from './layout';
export { MAX_ITEM_CHARS } from './view';
export type { MapView, StageView, StepView, LaneView, LaneKey, Item, Badge, EmotionView, PersonaView } from './view';
export { label, kindName, levelName, levelLabel, valueName, channelIcon } from './labels';
export { COLUMN_WIDTH, LABEL_WIDTH, CURVE_HEIGHT } from './geometry';
export { buildDiffView, renderDiffViewHtml, renderDiffHtml, changeGroup, comparisonWords, mergeItems, CHANGE_GROUPS } from './diff-view';
export type { DiffView, ChangeEntry, ChangeGroup } from './diff-view';
export type { DiffMark, StepDiffMark, StageDiffMark, MarkStatus } from './view';
export { changeKindLabel } from './diff-labels';
export { buildBaselineOverlay, currentStateToggleLabel, renderBaselineHtml, renderBaselineStandaloneHtml, renderBaselineSvg } from './baseline';
export type { BaselineOverlay } from './baseline';
export { buildInsightsView, renderInsightsHtml, renderInsightsMarkdown, renderInsightsDocument } from './insights';
export type { InsightsView, InsightsRenderOptions, InsightsDocumentOptions } from './insights';
export { chooseLanes, LANE_CHOICES } from './layout';
export type { SvgComparison, SvgLook, SvgOptions, SvgTheme } from './svg';
export { gridTokens, stagePieceHtml, stageSteps, viewTokens } from './html';
export type { StagePiece, StageSlot } from './html';
export { viewBuilder } from './layout';
export type { StagePart, ViewOptions } from './layout';
