/**
 * `cjm.export.format` and `cjm.export.folder` read into decisions, apart from the vscode API
 * so they can be tested: which format Export… writes without asking, and where its save
 * dialog starts.
 */
export const EXPORT_FORMAT_VALUES = ['html', 'svg', 'png', 'md'] as const;
export type ExportFormatValue = (typeof EXPORT_FORMAT_VALUES)[number];

/** The format to use without asking, or undefined to ask (`ask`, and anything unknown). */
export function formatWithoutAsking(setting: unknown): ExportFormatValue | undefined {
  return (EXPORT_FORMAT_VALUES as readonly unknown[]).includes(setting) ? (setting as ExportFormatValue) : undefined;
}

/**
 * `cjm.export.lanes` as the renderer's `lanes` option: undefined (the whole map) unless it
 * is a list with at least one name. Names the map does not have are dropped by the renderer.
 */
export function exportLanes(setting: unknown): string[] | undefined {
  if (!Array.isArray(setting)) return undefined;
  const lanes = setting.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim());
  return lanes.length ? lanes : undefined;
}

/** Where the save dialog starts: beside the map, in a folder of the workspace, or an absolute folder. */
export type ExportPlace =
  | { readonly kind: 'beside' }
  | { readonly kind: 'workspace'; readonly segments: readonly string[] }
  | { readonly kind: 'absolute'; readonly path: string };

export function exportPlace(setting: unknown): ExportPlace {
  const value = typeof setting === 'string' ? setting.trim() : '';
  if (!value) return { kind: 'beside' };
  // `/srv/maps`, `~`-less on purpose (no home folder in the browser), `C:\maps`, `\\server\share`.
  if (value.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(value) || value.startsWith('\\\\')) return { kind: 'absolute', path: value };
  const segments = value.split(/[\\/]+/).filter((s) => s && s !== '.');
  // A folder inside the workspace: `..` would leave it, so it is not followed.
  if (!segments.length || segments.includes('..')) return { kind: 'beside' };
  return { kind: 'workspace', segments };
}
