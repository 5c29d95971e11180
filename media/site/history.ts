/**
 * The map page's time travel: the map as of any version, drawn in the page with the same
 * analysis and renderer as the preview from the version's text (versions.js), so the site
 * holds one text per version instead of one page per version.
 */
import { analyze, mapLanguage } from '@cjm/core';
import { renderMapHtml } from '@cjm/render';
import { VersionText, decodeVersionTexts } from '@cjm/render/site/versionTexts';

interface Version {
  readonly date: string;
  readonly author: string;
  readonly subject: string;
  readonly commit: string;
  /** the newest whole, each older one as its edit of the one before it in the list */
  readonly text: VersionText;
}

function init(): void {
  const data = (window as unknown as { CJM_VERSIONS?: unknown }).CJM_VERSIONS;
  const versions = Array.isArray(data) ? (data as Version[]) : [];
  let texts: string[] | undefined;
  const section = document.getElementById('site-history');
  const target = document.getElementById('site-map');
  const slider = document.getElementById('site-version-slider') as HTMLInputElement | null;
  const output = document.getElementById('site-version-output');
  const banner = document.getElementById('site-version-banner');
  const bannerText = document.getElementById('site-version-text');
  if (!section || !target || !slider || !banner || !bannerText || !versions.length) return;
  const current = target.innerHTML;
  const currentLabel = section.dataset.currentLabel ?? '';
  let shown = -1;

  const mark = (index: number) => {
    for (const el of document.querySelectorAll('.site-version, .site-chart-version')) {
      el.classList.toggle('site-selected', (el as HTMLElement).dataset.version === String(index));
    }
  };
  const show = (index: number) => {
    if (index === shown) return;
    shown = index;
    mark(index);
    if (index < 0) {
      target.innerHTML = current;
      banner.hidden = true;
      slider.value = String(versions.length);
      slider.setAttribute('aria-valuetext', currentLabel);
      if (output) output.textContent = currentLabel;
      return;
    }
    const v = versions[index];
    texts ??= decodeVersionTexts(versions.map((x) => x?.text));
    const a = analyze(texts[index]);
    const language = mapLanguage(a.map, texts[index]);
    // The renderer escapes every text of the map: this HTML holds no markup from the file.
    target.innerHTML = renderMapHtml(a.map, { locale: language, language });
    // Broken as the build found it, which read the libraries and baseline the version names as
    // they were in its commit; the page has the version's own text alone.
    const item = document.querySelector(`.site-version[data-version="${index}"]`);
    const broken = item ? item.classList.contains('site-version-broken') : a.diagnostics.some((d) => d.severity === 'error');
    const text = (section.dataset.viewing ?? '{0}').replace('{0}', v.date).replace('{1}', v.author).replace('{2}', v.subject);
    bannerText.textContent = broken ? `${text} ${section.dataset.broken ?? ''}` : text;
    banner.hidden = false;
    banner.classList.toggle('site-version-broken', broken);
    slider.value = String(versions.length - 1 - index);
    slider.setAttribute('aria-valuetext', `${v.date}, ${v.author}`);
    if (output) output.textContent = v.date;
  };

  slider.addEventListener('input', () => {
    const k = Number(slider.value);
    show(k >= versions.length ? -1 : versions.length - 1 - k);
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('.site-version-view')) {
    b.addEventListener('click', () => {
      show(Number(b.dataset.version));
      banner.scrollIntoView({ block: 'nearest' });
    });
  }
  document.getElementById('site-version-current')?.addEventListener('click', () => show(-1));
  section.dataset.ready = 'true';
  // A version picked while this script was on its way (site.js loads it when wanted).
  const pending = section.dataset.pending;
  delete section.dataset.pending;
  if (pending !== undefined) show(Number(pending));
  else if (slider.value !== String(versions.length)) slider.dispatchEvent(new Event('input'));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
