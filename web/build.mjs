// Bundles the playground into build/web: the page, its stylesheet, the custom element (with
// CodeMirror) as one ES module, and the wasm core next to it. Nothing is written into web/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = `${repo}build/web`;
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [`${repo}web/src/playground.js`],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outfile: `${out}/playground.js`,
  external: ['node:*'], // the module reads the .wasm with node:fs only under Node
  logLevel: 'warning',
});
for (const file of ['index.html', 'playground.css']) copyFileSync(`${repo}web/${file}`, `${out}/${file}`);
// The glue locates the .wasm next to the bundle (import.meta.url).
copyFileSync(`${repo}build/wasm/pkg/userapi-core.wasm`, `${out}/userapi-core.wasm`);
