/** The errors banner: shown while the document has errors; each entry links to its line. */
import type { BannerError, PreviewSettings } from '../../../client/src/preview/protocol';
import { post } from './messaging';

export function renderBanner(el: HTMLElement, errors: readonly BannerError[], stale: boolean, version: number, settings: PreviewSettings): void {
  el.replaceChildren();
  if (!errors.length) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const title = document.createElement('div');
  title.className = 'cjm-banner-title';
  title.textContent = stale ? `${settings.labels.errorsTitle} ${settings.labels.staleNote}` : settings.labels.errorsTitle;
  el.appendChild(title);
  const list = document.createElement('ul');
  for (const e of errors.slice(0, 20)) {
    const li = document.createElement('li');
    li.className = 'cjm-banner-error';
    li.setAttribute('data-line', String(e.line));
    li.setAttribute('data-code', e.code);
    const a = document.createElement('a');
    a.tabIndex = 0;
    a.textContent = `${settings.labels.line} ${e.line + 1}`;
    const go = () => post({ type: 'reveal', version, start: e.offset, end: e.offset });
    a.addEventListener('click', go);
    a.addEventListener('keydown', (k) => (k.key === 'Enter' ? go() : undefined));
    li.append(a, document.createTextNode(`: ${e.message}`));
    list.appendChild(li);
  }
  el.appendChild(list);
}
