// api.validate(text) against JSON.parse(text) + ajv in Chromium (headless, Debian's
// /usr/bin/chromium), on every benchmark body, in one page: the same comparison as
// node-bench.mjs, with the browser's own JSON.parse and ajv compiled to standalone code (the
// schema compiled once at build time, as a page would ship it). Wall time (performance.now): a
// page has no CPU clock. Files served by `userapi serve --web` from 127.0.0.1.
// Prints {"validate": {shape: {oursNs, peerNs, ratio, bytes}}, "chromium": version}.
//
//   node tests/bench/chromium-validate.mjs PKG_DIR BODY_DIR WORK_DIR
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { launchChromium } from '../chromium.mjs';
import { copyModuleFiles, startServe } from './bench-pages.mjs';

const [pkgDir = 'build/wasm/pkg', bodyDir = 'build/bench/bodies', workDir = 'build/bench/chromium-validate'] =
  process.argv.slice(2);
const repo = new URL('../../', import.meta.url);

const web = join(workDir, 'web');
rmSync(workDir, { recursive: true, force: true });
mkdirSync(join(web, 'pkg'), { recursive: true });
mkdirSync(join(web, 'bodies'), { recursive: true });
copyModuleFiles(pkgDir, join(web, 'pkg'));
const shapes = readFileSync(join(bodyDir, 'shapes.txt'), 'utf8').split('\n').filter(Boolean);
for (const name of shapes) copyFileSync(join(bodyDir, `${name}.json`), join(web, 'bodies', `${name}.json`));

// ajv's defaults, as in node-bench.mjs, compiled to a standalone ES module and bundled.
const schema = JSON.parse(readFileSync(new URL('docs/update-user.schema.json', repo), 'utf8'));
const ajv = new Ajv2020({ code: { source: true, esm: true } });
writeFileSync(join(workDir, 'ajv-validate.mjs'), standaloneCode(ajv, ajv.compile(schema)));
await build({
  entryPoints: [join(workDir, 'ajv-validate.mjs')],
  bundle: true,
  format: 'esm',
  outfile: join(web, 'ajv-validate.js'),
  nodePaths: [new URL('node_modules', repo).pathname],
  logLevel: 'error',
});
copyFileSync(new URL('stats-browser.mjs', import.meta.url), join(web, 'stats-browser.mjs'));
writeFileSync(
  join(web, 'index.html'),
  '<!doctype html><meta charset="utf-8"><title>validate</title><link rel="icon" href="data:,"><script type="module" src="bench.mjs"></script>\n',
);
writeFileSync(
  join(web, 'bench.mjs'),
  `import { createUserApi } from './pkg/userapi.mjs';
import ajvValidate from './ajv-validate.js';
import { compare } from './stats-browser.mjs';
const api = await createUserApi();
const peer = (text) => { let data; try { data = JSON.parse(text); } catch { return false; } return ajvValidate(data); };
const ours = (text) => api.validate(text);
const out = {};
for (const name of ${JSON.stringify(shapes)}) {
  const text = await (await fetch('./bodies/' + name + '.json')).text();
  if (!ours(text).valid || !peer(text)) { window.result = { error: name + ': both validators must accept the body' }; throw 0; }
  out[name] = { bytes: new TextEncoder().encode(text).length, ...compare(ours, peer, text) };
}
window.result = out;
`,
);

const { origin, stop } = await startServe(workDir, web);

const browser = await launchChromium();
let result;
try {
  const tab = await (await browser.newContext()).newPage();
  await tab.goto(`${origin}/`);
  result = await tab
    .waitForFunction(() => window.result, null, { timeout: 600000, polling: 200 })
    .then((h) => h.jsonValue());
  if (result.error) throw new Error(result.error);
} finally {
  await browser.close();
  stop();
}
console.log(JSON.stringify({ validate: result, chromium: browser.version() }));
