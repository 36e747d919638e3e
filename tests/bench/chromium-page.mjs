// The playground page in Chromium (headless, Debian's /usr/bin/chromium): from navigation to
// "Validator ready" on the page `userapi serve` compiles in, from 127.0.0.1, in a fresh browser
// context per run (empty caches). `ready_ms` is performance.now() when the status says so (time
// since the navigation started, seen by a MutationObserver on the element's shadow root);
// `instantiate_ms` is the element's own createUserApi() time. Medians.
// Prints {"ready_ms", "instantiate_ms", "runs": [...], "chromium": version}.
//
//   node tests/bench/chromium-page.mjs WORK_DIR [RUNS]
import { mkdirSync, rmSync } from 'node:fs';
import { launchChromium } from '../chromium.mjs';
import { startServe } from './bench-pages.mjs';
import { median } from './stats.mjs';

const [workDir = 'build/bench/chromium-page', runsArg = '15'] = process.argv.slice(2);
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });

const { origin, stop } = await startServe(workDir);

// Before any script of the page: watch every shadow root for the status line.
function watchStatus() {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    const host = this;
    new MutationObserver((_, observer) => {
      if (root.querySelector('.status')?.textContent.includes('Validator ready')) {
        window.ready = { ready_ms: performance.now(), instantiate_ms: host.instantiateMs };
        observer.disconnect();
      }
    }).observe(root, { subtree: true, childList: true, characterData: true });
    return root;
  };
}

const browser = await launchChromium();
const runs = [];
try {
  for (let i = 0; i < Number(runsArg); i++) {
    const context = await browser.newContext();
    await context.addInitScript(watchStatus);
    const tab = await context.newPage();
    await tab.goto(`${origin}/`);
    const run = await tab
      .waitForFunction(() => window.ready?.instantiate_ms !== undefined && window.ready, null, {
        timeout: 30000,
        polling: 50,
      })
      .then((h) => h.jsonValue());
    await context.close();
    runs.push(run);
  }
} finally {
  await browser.close();
  stop();
}
const med = (key) => median(runs.map((r) => r[key]));
console.log(
  JSON.stringify({
    ready_ms: med('ready_ms'),
    instantiate_ms: med('instantiate_ms'),
    runs,
    chromium: browser.version(),
  }),
);
