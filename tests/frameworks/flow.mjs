// What a reader does with the playground on a framework's page, in Chromium: the validator loads,
// a typo is flagged with its fix, the reference body is sent to the sandbox on another origin and
// its 200 shown; and how the element sits in the page: its width, overflow and theme.
import assert from 'node:assert/strict';

export const REFERENCE =
  '{"user_group_id":"example_1","name":"Example 1","mapping":{"40":"213","134":"386"},"properties":{"filterValue":"value"}}';
export const TYPO = '{"userGroupId":"x"}';

// Runs in the page before its scripts: the element's events, captured on window.
function recordEvents() {
  const seen = (window.__userapi = { ready: 0, validate: [], response: [], layoutShift: 0 });
  // Chromium's layout-shift entries: what moved in view without the reader's input (CLS).
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) seen.layoutShift += shift.value;
  }).observe({ type: 'layout-shift', buffered: true });
  addEventListener('userapi-ready', () => (seen.ready += 1), true);
  addEventListener('userapi-validate', (e) => seen.validate.push(e.detail), true);
  addEventListener('userapi-response', (e) => seen.response.push(e.detail), true);
}

/**
 * Opens `url` in a new page that records page errors, console errors and failed responses (a
 * missing favicon aside), and waits until `count` elements are ready.
 */
export async function openPage(browser, url, { count = 1, viewport = { width: 1280, height: 900 } } = {}) {
  const page = await browser.newPage({ viewport });
  const problems = (page.problems = []);
  page.loaded = new Set();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    page.loaded.add(new URL(r.url()).pathname);
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
      problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.addInitScript(recordEvents);
  await page.goto(url);
  await page
    .waitForFunction((n) => window.__userapi.ready >= n, count, { timeout: 30000 })
    .catch((error) =>
      assert.fail(`${url}: the element never got ready (${problems.join('; ') || error.message})`),
    );
  return page;
}

const lastValidation = (page) => page.evaluate(() => window.__userapi.validate.at(-1));

/** The flow on the `nth` element of the page; resolves to the response event's detail. */
export async function tryIt(page, sandbox, { nth = 0, setBase = true } = {}) {
  const el = page.locator('update-user-playground').nth(nth);
  if (setBase) await el.evaluate((e, base) => (e.baseUrl = base), sandbox.origin);
  await el.locator('input#token').fill(sandbox.token);
  await el.evaluate((e, body) => (e.body = body), TYPO);
  await el.getByRole('button', { name: 'Rename to user_group_id' }).waitFor();
  const typo = await lastValidation(page);
  assert.ok(
    typo.violations.some((v) => v.code === 'unknown_field' && v.params?.suggestion === 'user_group_id'),
    JSON.stringify(typo),
  );
  await el.evaluate((e, body) => (e.body = body), REFERENCE);
  await page.waitForFunction(() => window.__userapi.validate.at(-1)?.valid === true);
  const sent = await page.evaluate(() => window.__userapi.response.length);
  await el.locator('[part~="send-button"]').click();
  await page.waitForFunction((n) => window.__userapi.response.length > n, sent, { timeout: 15000 });
  const response = await page.evaluate(() => window.__userapi.response.at(-1));
  assert.equal(response.status, 200, JSON.stringify(response));
  await el.locator('[part~="response"]', { hasText: '200' }).first().waitFor();
  await sandbox.waitForLog(/PUT \/api\/user 200/);
  return response;
}

/** Asserts the page had no errors (page errors, console errors, failed loads). */
export function assertNoErrors(page) {
  assert.deepEqual(page.problems, [], `errors on ${page.url()}`);
}

/**
 * In the page: the `nth` element's box, its editor's and whether anything overflows sideways.
 * Self-contained, so any engine's driver can send it to the page.
 */
export function pageLayout(nth) {
  const el = document.querySelectorAll('update-user-playground')[nth];
  const top = el.shadowRoot.querySelector('[part~="playground"]');
  const doc = document.scrollingElement;
  return {
    width: el.getBoundingClientRect().width,
    editorWidth: el.shadowRoot.querySelector('.cm-editor').getBoundingClientRect().width,
    overflowInside: top.scrollWidth - top.clientWidth,
    overflowPage: doc.scrollWidth - doc.clientWidth,
  };
}

export const layoutOf = (page, nth = 0) => page.evaluate(pageLayout, nth);

/** Asserts the layout `pageLayout` measured is one column that fits. */
export function assertOneColumn(box, label) {
  assert.ok(box.editorWidth >= 0.9 * box.width, `${label}: editor ${box.editorWidth} px of ${box.width} px`);
  assert.ok(box.overflowInside <= 0 && box.overflowPage <= 0, `${label}: overflows: ${JSON.stringify(box)}`);
}

/** Asserts one column: the editor at least 90% of the element's width, nothing wider than the page. */
export async function assertFits(page, label, nth = 0) {
  const box = await layoutOf(page, nth);
  assertOneColumn(box, label);
  return box;
}

/**
 * In the page: the `nth` element's colours as a reader sees them: a card's background, the title's
 * colour and the background behind the title (the first opaque one, through the shadow root into
 * the page). Self-contained, like pageLayout.
 */
export function pageTheme(nth) {
  const el = document.querySelectorAll('update-user-playground')[nth];
  const rgb = (c) => c.match(/[\d.]+/g).map(Number);
  const opaque = (c) => !/rgba?\(.*,\s*0\)$/.test(c) && c !== 'transparent';
  const title = el.shadowRoot.querySelector('h1');
  let behind = 'rgb(255, 255, 255)';
  for (let node = title; node; node = node.parentElement ?? node.getRootNode().host) {
    const bg = getComputedStyle(node).backgroundColor;
    if (opaque(bg)) {
      behind = bg;
      break;
    }
  }
  const luminance = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const card = getComputedStyle(el.shadowRoot.querySelector('.card')).backgroundColor;
  const [a, b] = [luminance(getComputedStyle(title).color), luminance(behind)].sort((x, y) => y - x);
  return { card, cardLuminance: luminance(card), behind, contrast: (a + 0.05) / (b + 0.05) };
}

/** Asserts the colours `pageTheme` measured are `dark` (or light), the title readable. */
export function assertColours(theme, dark, label) {
  if (dark)
    assert.ok(theme.cardLuminance < 0.2, `${label}: the element is not dark: ${JSON.stringify(theme)}`);
  else assert.ok(theme.cardLuminance > 0.6, `${label}: the element is not light: ${JSON.stringify(theme)}`);
  assert.ok(
    theme.contrast >= 4.5,
    `${label}: title contrast ${theme.contrast.toFixed(2)}: ${JSON.stringify(theme)}`,
  );
}

/** Asserts the element is `dark` (or light) with a readable title. */
export async function assertTheme(page, dark, label, nth = 0) {
  assertColours(await page.evaluate(pageTheme, nth), dark, label);
}

/**
 * What a build ships of the package: its two .wasm files once each, nothing else of the package's
 * files (README, LICENSE, types, package.json, raw modules), and no .wasm inlined as base64.
 */
export function assertShipsOnlyWhatLoads(files, readFile, label) {
  const wasm = files.filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/[-.][\w-]{8}\.wasm$/, '.wasm'));
  assert.deepEqual(
    wasm.map((f) => f.split('/').pop()).sort(),
    ['userapi-batch-core.wasm', 'userapi-core.wasm'],
    `${label}: ${files}`,
  );
  const stray = files.filter((f) => /(^|\/)(README|LICENSE)|\.d\.ts$|package\.json$|\.mjs$|\.node\./.test(f));
  assert.deepEqual(stray, [], `${label}: files of the package that nothing loads`);
  for (const f of files.filter((name) => /\.(js|html)$/.test(name)))
    assert.doesNotMatch(
      readFile(f),
      /AGFzbQ|data:application\/wasm;base64/,
      `${label}: ${f} inlines a .wasm`,
    );
}
