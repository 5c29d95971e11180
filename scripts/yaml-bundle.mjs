// Which build of the `yaml` package the bundles hold, the Node ones included: its browser
// build. It is the same parser from the same sources, as ES modules, without the Node build's
// debug switches: that one reads `process.env.LOG_TOKENS` for every token the lexer yields and
// `process.env.LOG_STREAM` for every document, and a `process.env` read is a call into the
// C++ environment (~120 ns here). Measured: 5–10 % of a keystroke's or a whole analysis of a
// 125 KB map, 0.4–0.6 s of a 100-map × 50-version `cjm site` (docs/performance.md). The
// browser bundles (web extension, preview, site) already hold this build, so the whole
// product, and the unit tests, run one parser.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yamlRoot = dirname(require.resolve('yaml/package.json'));

/** esbuild's `alias` entry mapping `yaml` to its browser build. */
export const yamlAlias = { yaml: join(yamlRoot, 'browser', 'index.js') };
