// scripts/build.mjs bundles .css files as text (loader 'text'): the stylesheet the webview
// links is also inlined into standalone HTML exports by the extension and `cjm render`.
declare module '*.css' {
  const text: string;
  export default text;
}
