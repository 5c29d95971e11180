/**
 * The one escape function for everything the renderers emit (HTML text, attribute values,
 * SVG/XML). Every user string passes through it: quotes are escaped too, so the same call is
 * safe inside attributes. Control characters XML forbids are dropped so an SVG always parses.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
