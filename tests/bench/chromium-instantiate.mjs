// Instantiating the module in Chromium (headless, Debian's /usr/bin/chromium): a fresh browser
// context per run (empty HTTP and code caches) opens a page that imports userapi.mjs, then awaits
// createUserApi(). `ms` is createUserApi() alone: fetching and compiling the .wasm, instantiating
// it and Embind's set-up (the JavaScript is loaded by then, as with any script on a page);
// `import_ms` is the import of the two JavaScript files before it; `from_memory_ms` is a second
// createUserApi({wasmBinary}) on the same page with the bytes already fetched: compiling,
// instantiating and Embind's set-up without the network. The files are served by
// `userapi serve --web` (as the playground is), in a process of its own.
// Prints {"ms", "import_ms", "from_memory_ms" (medians), "runs": [...], "chromium": version}.
//
//   node tests/bench/chromium-instantiate.mjs PKG_DIR WORK_DIR [RUNS]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { launchChromium } from '../chromium.mjs';
import { copyModuleFiles, startServe } from './bench-pages.mjs';
import { median } from './stats.mjs';

const [pkgDir = 'build/wasm/pkg', workDir = 'build/bench/chromium', runsArg = '15'] = process.argv.slice(2);

// The page and the package, side by side (the server's page policy allows no inline script).
const web = join(workDir, 'web');
rmSync(workDir, { recursive: true, force: true });
mkdirSync(join(web, 'pkg'), { recursive: true });
copyModuleFiles(pkgDir, join(web, 'pkg'));
writeFileSync(
  join(web, 'index.html'),
  '<!doctype html><meta charset="utf-8"><title>instantiate</title><link rel="icon" href="data:,"><script type="module" src="bench.mjs"></script>\n',
);
writeFileSync(
  join(web, 'bench.mjs'),
  `const t0 = performance.now();
const { createUserApi } = await import('./pkg/userapi.mjs');
const t1 = performance.now();
const api = await createUserApi();
const t2 = performance.now();
const wasmBinary = new Uint8Array(await (await fetch('./pkg/userapi-core.wasm')).arrayBuffer());
const t3 = performance.now();
const again = await createUserApi({ wasmBinary });
const t4 = performance.now();
const body = '{"user_group_id":"a","name":"b"}';
window.result = api.validate(body).valid && again.validate(body).valid
  ? { ms: t2 - t1, import_ms: t1 - t0, from_memory_ms: t4 - t3 } : { error: 'the module does not work' };
`,
);

const { origin, stop } = await startServe(workDir, web);

const browser = await launchChromium();
const runs = [];
try {
  for (let i = 0; i < Number(runsArg); i++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${origin}/`);
    const result = await tab
      .waitForFunction(() => window.result, null, { timeout: 30000, polling: 50 })
      .then((h) => h.jsonValue());
    await context.close();
    if (result.error) throw new Error(result.error);
    runs.push(result);
  }
} finally {
  await browser.close();
  stop();
}
const med = (key) => median(runs.map((r) => r[key]));
console.log(
  JSON.stringify({
    ms: med('ms'),
    import_ms: med('import_ms'),
    from_memory_ms: med('from_memory_ms'),
    runs,
    chromium: browser.version(),
  }),
);
