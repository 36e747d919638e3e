// Writes the npm package and the page, from the built wasm module (build/wasm/pkg):
//
//   build/npm/   the package `userapi`: the module (userapi.mjs, send.mjs, the Emscripten glue and
//                the .wasm), `userapi/playground` (the element with CodeMirror and its styles in
//                one ES module that imports ./userapi.mjs), `userapi/worker`, the types, README,
//                LICENSE and its own package.json. scripts/pack turns it into a tarball.
//   build/web/   the page userapi serve shows: index.html and page.css around the same files,
//                loaded as plain ES modules (no bundler between the page and the package).
//
// Nothing is written into web/ or bindings/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const pkgDir = `${repo}build/wasm/pkg`;
const npmDir = `${repo}build/npm`;
const webDir = `${repo}build/web`;

// One version: the CMake project's (the core's USERAPI_VERSION) is the package's.
const version = /project\(userapi VERSION (\S+)/.exec(readFileSync(`${repo}CMakeLists.txt`, 'utf8'))[1];
const workspace = JSON.parse(readFileSync(`${repo}package.json`, 'utf8'));
if (workspace.version !== version)
  throw new Error(`package.json says ${workspace.version}, CMakeLists.txt says ${version}: make them agree`);

// The Emscripten output, and the hand-written wrapper and types (taken from bindings/ itself, so a
// changed wrapper never ships stale).
const CORE_FILES = [
  'userapi-core.mjs',
  'userapi-core.wasm',
  'userapi-batch-core.mjs',
  'userapi-batch-core.wasm',
];
const BINDING_FILES = [
  'userapi.mjs',
  'userapi.node.mjs',
  'send.mjs',
  'load-core.mjs',
  'worker.mjs',
  'worker-thread.mjs',
  'react.mjs',
  'react-hook-form.mjs',
];
const TYPE_FILES = ['userapi.d.ts', 'worker.d.ts', 'playground.d.ts', 'react.d.ts', 'react-hook-form.d.ts'];
// The .wasm files as modules, for Node and server bundles (userapi.node.mjs).
const INLINED_WASM = ['userapi-core.wasm.node.mjs', 'userapi-batch-core.wasm.node.mjs'];
// What the page loads: the element, the module and the core.
const PAGE_FILES = ['playground.js', 'userapi.mjs', 'send.mjs', 'load-core.mjs', 'batch.mjs', ...CORE_FILES];

const manifest = {
  name: 'userapi',
  version,
  description: workspace.description,
  license: workspace.license,
  type: 'module',
  // Only the element's module has an effect on import (it defines <update-user-playground> in a
  // browser; on a server it defines nothing).
  sideEffects: ['./playground.js'],
  engines: { node: '>=20.16' },
  keywords: ['openapi', 'validation', 'webassembly', 'playground', 'try-it', 'custom-element'],
  exports: {
    // Node and server bundles: the .wasm files inside (userapi.node.mjs says why).
    '.': { types: './userapi.d.ts', node: './userapi.node.mjs', default: './userapi.mjs' },
    './playground': { types: './playground.d.ts', default: './playground.js' },
    './worker': { types: './worker.d.ts', default: './worker.mjs' },
    './react': { types: './react.d.ts', default: './react.mjs' },
    './react-hook-form': { types: './react-hook-form.d.ts', default: './react-hook-form.mjs' },
    './userapi-core.wasm': './userapi-core.wasm',
    './userapi-batch-core.wasm': './userapi-batch-core.wasm',
    './package.json': './package.json',
  },
  types: './userapi.d.ts',
  // userapi/react only: everything else works without React.
  peerDependencies: { react: '>=18' },
  peerDependenciesMeta: { react: { optional: true } },
  files: [
    ...CORE_FILES,
    ...INLINED_WASM,
    ...BINDING_FILES,
    ...TYPE_FILES,
    'batch.mjs',
    'playground.js',
    'README.md',
    'LICENSE',
  ],
};

rmSync(npmDir, { recursive: true, force: true });
rmSync(webDir, { recursive: true, force: true });
mkdirSync(npmDir, { recursive: true });
mkdirSync(webDir, { recursive: true });

for (const file of CORE_FILES) copyFileSync(`${pkgDir}/${file}`, `${npmDir}/${file}`);
for (const file of INLINED_WASM) {
  const wasm = file.replace('.node.mjs', '');
  const base64 = readFileSync(`${pkgDir}/${wasm}`).toString('base64');
  writeFileSync(`${npmDir}/${file}`, `// ${wasm} for userapi.node.mjs.\nexport default '${base64}';\n`);
}
for (const file of [...BINDING_FILES, ...TYPE_FILES])
  copyFileSync(`${repo}bindings/${file}`, `${npmDir}/${file}`);
copyFileSync(`${repo}bindings/README.md`, `${npmDir}/README.md`);
copyFileSync(`${repo}LICENSE`, `${npmDir}/LICENSE`);
writeFileSync(`${npmDir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);

// The page's own texts: the `page` section of every catalog (i18n/<tag>.json), English first, as
// the module 'userapi-page-texts' (web/src/texts.js).
const pageTexts = {
  name: 'userapi-page-texts',
  setup(b) {
    b.onResolve({ filter: /^userapi-page-texts$/ }, () => ({ path: 'page-texts', namespace: 'i18n' }));
    b.onLoad({ filter: /.*/, namespace: 'i18n' }, () => {
      const tags = readdirSync(`${repo}i18n`)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort((a, z) => (a === 'en' ? -1 : z === 'en' ? 1 : a.localeCompare(z)));
      const texts = Object.fromEntries(
        tags.map((tag) => [tag, JSON.parse(readFileSync(`${repo}i18n/${tag}.json`, 'utf8')).page]),
      );
      return {
        contents: JSON.stringify(texts),
        loader: 'json',
        watchFiles: tags.map((t) => `${repo}i18n/${t}.json`),
      };
    });
  },
};

// The element: CodeMirror and the styles inside, the core shared with `import 'userapi'` (so one
// .wasm, found next to userapi-core.mjs by the glue's new URL(..., import.meta.url)).
await build({
  entryPoints: [`${repo}web/src/playground.js`],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  outfile: `${npmDir}/playground.js`,
  loader: { '.css': 'text' },
  plugins: [
    {
      name: 'userapi-next-door',
      setup(b) {
        b.onResolve({ filter: /^userapi$/ }, () => ({ path: './userapi.mjs', external: true }));
      },
    },
    pageTexts,
  ],
  logLevel: 'warning',
});

// The batch functions, loaded by userapi.mjs on first use: the batch core (CSV tokeniser
// included) and the module's own files beside it.
await build({
  entryPoints: [`${repo}bindings/batch.mjs`],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  outfile: `${npmDir}/batch.mjs`,
  plugins: [
    {
      name: 'userapi-files-next-door',
      setup(b) {
        b.onResolve({ filter: /^\.\/[\w-]+\.mjs$/ }, ({ path }) => ({ path, external: true }));
      },
    },
  ],
  logLevel: 'warning',
});

for (const file of PAGE_FILES) copyFileSync(`${npmDir}/${file}`, `${webDir}/${file}`);
for (const file of ['index.html', 'page.css']) copyFileSync(`${repo}web/${file}`, `${webDir}/${file}`);
