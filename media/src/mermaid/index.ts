/**
 * The Mermaid bundle (dist/media/mermaid.js): loaded by the preview only when its Mermaid view
 * opens. Strict security: labels are sanitized, no scripts or click handlers from the text.
 */
import mermaid from 'mermaid';

let seq = 0;
let theme: 'dark' | 'default' | undefined;

async function render(text: string, dark: boolean): Promise<string> {
  const wanted = dark ? 'dark' : 'default';
  if (theme !== wanted) {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: wanted, journey: { useMaxWidth: false } });
    theme = wanted;
  }
  const { svg } = await mermaid.render(`cjm-mermaid-${++seq}`, text);
  return svg;
}

(globalThis as unknown as { cjmMermaid: unknown }).cjmMermaid = { render };
