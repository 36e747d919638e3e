// Helpers of the playground's Chromium suite: the sandbox (`userapi serve`) and small node servers
// the test starts, Chromium through playwright-core, and ways to drive and read the element.
//
//   const sandbox = await startSandbox();              // { url, origin, token, db, stop }
//   const browser = await launchChromium();
//   const page = await openPlayground(context, sandbox.url);
//   await setBody(page, '{"user_group_id":"a"}');      // paste into the editor, wait for validation
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHROMIUM, launchChromium } from '../chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const webDir = path.join(repoRoot, 'build', 'web');
export const screenshotDir = path.join(repoRoot, 'build', 'screenshots');
const CLI = path.resolve(repoRoot, process.env.USERAPI_CLI ?? 'build/native/src/cli/userapi');

/** A scratch folder for this test process, removed when it exits. */
export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'userapi-browser-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

export function assertBuilt() {
  assert.ok(fs.existsSync(CLI), `no userapi CLI at ${CLI}: run scripts/build`);
  assert.ok(
    fs.existsSync(path.join(webDir, 'playground.js')),
    `no ${webDir}/playground.js: run scripts/build`,
  );
  assert.ok(
    fs.existsSync(CHROMIUM),
    `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`,
  );
}

let serial = 0;

/** The arguments of `userapi serve` for startSandbox's options. */
function serveArgs({ web, host, args, db }) {
  return [
    'serve',
    '--port',
    '0',
    '--db',
    db,
    ...(host ? ['--host', host] : []),
    ...(web ? ['--web', webDir] : []),
    ...args,
  ];
}

/**
 * Starts `userapi serve --port 0` with a fresh database, or `db` (and the page unless web is
 * false). Resolves once it printed its URL and dev token.
 */
export function startSandbox({
  web = true,
  host,
  args = [],
  db = path.join(tmp, `sandbox-${++serial}.db`),
} = {}) {
  const proc = spawn(CLI, serveArgs({ web, host, args, db }), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let log = '';
  proc.stderr.on('data', (c) => (log += c));
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`userapi serve did not start:\n${stdout}${log}`)), 10000);
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`userapi serve exited (${code}):\n${stdout}${log}`)));
    proc.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /userapi sandbox on (\S+?)\/? /.exec(stdout)?.[1];
      const token = /dev token: (\S+)/.exec(stdout)?.[1];
      if (!url || !token) return;
      clearTimeout(timer);
      resolve({
        url: `${url}/`,
        origin: url,
        token,
        db,
        log: () => log,
        /** Resolves once the request log (stderr) matches `pattern`. */
        waitForLog(pattern, timeoutMs = 5000) {
          if (pattern.test(log)) return Promise.resolve();
          return new Promise((ok, fail) => {
            const logTimer = setTimeout(() => {
              proc.stderr.off('data', check);
              fail(new Error(`no ${pattern} in the sandbox log:\n${log}`));
            }, timeoutMs);
            function check() {
              if (!pattern.test(log)) return;
              clearTimeout(logTimer);
              proc.stderr.off('data', check);
              ok();
            }
            proc.stderr.on('data', check);
          });
        },
        async stop(signal = 'SIGTERM') {
          if (proc.exitCode === null) proc.kill(signal);
          await exited;
        },
      });
    });
  });
}

/** Starts a node HTTP server on host:0 with `handler`; resolves to { origin, port, server, close }. */
export async function startNodeServer(handler, host = '127.0.0.1') {
  const server = http.createServer(handler);
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address();
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    origin: `http://${shown}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * A plain static server (no CSP, no API) of `root`, build/web by default: "usable from any
 * static server". A folder serves its index.html; /page serves page.html when there is one.
 */
export function startStaticServer(host, root = webDir) {
  return startNodeServer((req, res) => {
    let file = path.join(root, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file) && fs.existsSync(`${file}.html`)) file = `${file}.html`;
    if (!file.startsWith(root) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  }, host);
}

/** CORS headers that let any page origin call a test server (the sandbox is stricter). */
export function corsHeaders(req) {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-methods': 'PUT',
    'access-control-allow-headers': 'Content-Type, Authorization',
  };
}

/** A free TCP port with nothing listening on it (bound, then closed). */
export async function closedPort() {
  const { port, close } = await startNodeServer(() => {});
  await close();
  return port;
}

export { launchChromium };

// Runs in the page before its scripts: counts the element's events. userapi-validate does not
// bubble, so the listeners capture on window.
function recordEvents() {
  const pg = { ready: false, validated: 0, last: undefined, paintedAt: 0, sent: [], keydownAt: undefined };
  window.__pg = pg;
  addEventListener('userapi-ready', () => (pg.ready = true), true);
  addEventListener(
    'userapi-validate',
    (e) => {
      pg.validated += 1;
      pg.last = { ms: e.detail.ms, at: performance.now(), violations: e.detail.violations };
      requestAnimationFrame(() => (pg.paintedAt = performance.now())); // the next frame shows the result
    },
    true,
  );
  addEventListener(
    'userapi-response',
    (e) => {
      const { ok, kind, status, cause } = e.detail;
      pg.sent.push({ kind: ok ? 'ok' : kind, status, ...(cause && { cause }) });
    },
    true,
  );
  addEventListener('keydown', () => (pg.keydownAt = performance.now()), true);
  addEventListener('paste', () => (pg.pasteAt = performance.now()), true);
}

/** Opens the page in a new tab of `context` and waits for the element to be ready. */
export async function openPlayground(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  // Console errors count too, except the browser's own reports of failed requests, which the
  // bad-network and HTTP-error tests cause on purpose.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource|blocked by CORS policy/.test(m.text()))
      page.errors.push(new Error(m.text()));
  });
  await page.addInitScript(recordEvents);
  await page.addInitScript({
    content: `window.__probe = { marks: ${probeMarks}, field: ${probeField}, paste: ${probePaste} };`,
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__pg.ready);
  return page;
}

/** The page's own count of userapi-validate events. */
export const validatedCount = (page) => page.evaluate(() => window.__pg.validated);

/** Waits for a userapi-validate event after `count` events; resolves to its detail. */
export async function nextValidation(page, count) {
  await page.waitForFunction((n) => window.__pg.validated > n, count);
  return page.evaluate(() => window.__pg.last);
}

/**
 * Replaces the editor's text the way a user pastes it (a paste event with the text as
 * clipboard data: exact, any size), then waits for the validation it causes.
 */
export async function setBody(page, text) {
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+a'); // the editor's own select-all, so the paste replaces everything
  // Every call must change the text: an identical text is no edit, and no validation would come.
  await page.evaluate((body) => window.__probe.paste(body), text);
  return page.evaluate(() => window.__pg.last);
}

/** Every element of the document and of open shadow roots that matches `selector`. */
export function deepQueryCount(page, selector) {
  return page.evaluate((sel) => {
    let n = 0;
    const walk = (root) => {
      n += root.querySelectorAll(sel).length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return n;
  }, selector);
}

// Page-side readers (installed by the init script as window.__probe), so that one round trip
// can paste a body and read everything it shows.

/** Diagnostics as the editor shows them: start line/column (code points) and severity of each mark. */
function probeMarks() {
  const root = document.querySelector('update-user-playground').shadowRoot;
  const gutter = [...root.querySelectorAll('.cm-lineNumbers .cm-gutterElement')]
    .filter((g) => g.getBoundingClientRect().height > 0)
    .map((g) => ({ top: Math.round(g.getBoundingClientRect().top), n: Number(g.textContent) }));
  const marks = [];
  for (const el of root.querySelectorAll(
    '.cm-lintRange-error, .cm-lintRange-warning, .cm-lintPoint-error, .cm-lintPoint-warning',
  )) {
    const line = el.closest('.cm-line');
    if (!line) continue;
    const top = Math.round(line.getBoundingClientRect().top);
    const before = document.createRange();
    before.setStart(line, 0);
    before.setEndBefore(el);
    marks.push({
      line: gutter.find((g) => Math.abs(g.top - top) <= 1)?.n,
      column: [...before.toString()].length + 1,
      severity: /-error\b/.test(el.className) ? 'error' : 'warning',
      point: el.classList.contains('cm-lintPoint'),
      // A long line is drawn in part (a gap element stands for the rest): then columns are unknown.
      partial: [...line.querySelectorAll('div')].some(
        (d) => !el.contains(d) && d.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    });
  }
  return marks;
}

/** The form control for a body path (/user_group_id, /name, /mapping/<key>) and its messages. */
function probeField(pointer, code) {
  const root = document.querySelector('update-user-playground').shadowRoot;
  const form = root.querySelector('form.body-form');
  let input;
  const segments = pointer
    .slice(1)
    .split('/')
    .map((x) => x.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (segments.length === 1) input = form.querySelector(`input[name="${segments[0]}"]`);
  else if (segments[0] === 'mapping' && segments.length === 2) {
    const rows = [...form.querySelectorAll('fieldset.rows')].find(
      (f) => f.querySelector('legend').textContent === 'Mapping',
    );
    const row = [...(rows?.querySelectorAll('.row') ?? [])]
      .reverse()
      .find((r) => r.querySelector('input').value === segments[1]);
    if (row) input = row.querySelectorAll('input')[code === 'mapping.key_format' ? 0 : 1];
  }
  if (!input) return { found: false, notice: form.textContent };
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return {
    found: true,
    invalid: input.getAttribute('aria-invalid'),
    messages: ids.map((id) => root.getElementById(id)?.textContent ?? null),
  };
}

/**
 * Pastes `body` over the editor's (already selected) text; resolves after the validation it
 * causes. CodeMirror draws decorations and line numbers in the same update, so they are there.
 */
async function probePaste(body) {
  const host = document.querySelector('update-user-playground');
  const done = new Promise((resolve) =>
    host.addEventListener('userapi-validate', (e) => resolve(e.detail), { once: true }),
  );
  const data = new DataTransfer();
  data.setData('text/plain', body);
  host.shadowRoot
    .querySelector('.cm-content')
    .dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }),
    );
  return done;
}

export const editorMarks = (page) => page.evaluate(() => window.__probe.marks());
export const formFieldState = (page, pointer, code) =>
  page.evaluate(([p, c]) => window.__probe.field(p, c), [pointer, code]);

/**
 * Pastes `text` as the whole body and reads back, in one round trip, the violations the page
 * reported, the editor's marks and the form state of each [pointer, code] in `fields`. The
 * editor wraps long lines: their heights, and so the line numbers' places, are measured in the
 * frames after the update, so the marks are read after two frames.
 */
export async function pasteAndRead(page, text, fields) {
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+a');
  return page.evaluate(
    async ([body, wanted]) => {
      const { violations } = await window.__probe.paste(body);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return {
        violations,
        marks: window.__probe.marks(),
        fields: wanted.map(([p, c]) => window.__probe.field(p, c)),
      };
    },
    [text, fields],
  );
}

/** The id of the focused element inside the playground (or a short description of it). */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.querySelector('update-user-playground').shadowRoot.activeElement;
    if (!el) return null;
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('name'),
      label: el.getAttribute('aria-label'),
      text: el.textContent.slice(0, 300),
      className: String(el.className),
    };
  });
}

/** Presses Tab (or Shift+Tab) until `predicate(focused)` holds; fails after `max` presses. */
export async function tabUntil(page, predicate, { max = 80, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f && predicate(f)) return f;
  }
  throw new Error(`focus never reached the wanted element in ${max} Tab presses`);
}

/** Waits until the browser has painted twice (CodeMirror measures and redraws in frames). */
export function settle(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Saves build/screenshots/<name>.png: the whole page, or the first screen with { fullPage: false }. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await settle(page);
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Decodes the page's share fragment (#body=<base64url of the UTF-8 body>). */
export function decodeShareHash(hash) {
  const m = /^#body=([A-Za-z0-9_-]*)$/.exec(hash);
  assert.ok(m, `unexpected share fragment ${hash}`);
  return Buffer.from(m[1], 'base64url').toString('utf8');
}

/**
 * The Batch tab of the `nth` element (which loads the batch module and its own .wasm on first use): a
 * three-row CSV, two valid rows sent, then back to one request.
 */
export async function sendBatch(page, nth = 0) {
  const el = page.locator('update-user-playground').nth(nth);
  await el.locator('#mode-tab-batch').click();
  await el.locator('#batch-file').setInputFiles({
    name: 'groups.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('user_group_id,name\r\nexample_1,From a batch\r\nacme,Acme\r\n,nameless\r\n'),
  });
  await el.locator('.batch-summary', { hasText: '2 valid, 1 invalid; nothing sent yet' }).waitFor();
  await el.getByRole('button', { name: 'Send 2 valid rows' }).click();
  await el
    .locator('.batch-outcome', { hasText: 'Done. 2 succeeded, 0 failed, 1 invalid (not sent).' })
    .waitFor();
  await el.locator('#mode-tab-single').click();
}
