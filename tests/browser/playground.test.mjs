// The playground page (<update-user-playground>) in real Chromium, against `userapi serve` started
// here with a temporary database: the full flow, the shared corpus in the editor and the form,
// bad networks, security, accessibility, screenshots and measured (never asserted) timings.
//
//   node --test tests/browser/          (after scripts/build; screenshots land in build/screenshots/)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import AxeBuilder from '@axe-core/playwright';
import { createUserApi } from 'userapi';

import { asText, bodyBytes, loadCases } from '../vectors/vectors.mjs';
import {
  assertBuilt,
  closedPort,
  corsHeaders,
  decodeShareHash,
  deepQueryCount,
  editorMarks,
  focused,
  formFieldState,
  launchChromium,
  nextValidation,
  openPlayground,
  pasteAndRead,
  screenshot,
  setBody,
  settle,
  startNodeServer,
  startSandbox,
  startStaticServer,
  tabUntil,
  validatedCount,
} from './harness.mjs';

const XSS_IMG = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '</script><script>window.__xss=1</script>';

let sandbox;
let browser;
const api = await createUserApi();

before(async () => {
  assertBuilt();
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(10000);
  return context;
}

/** Runs fn(page) on a fresh page in a fresh context and checks the page threw nothing. */
async function withPage(fn, { url = sandbox.url, context: options } = {}) {
  const context = await newContext(options);
  try {
    const page = await openPlayground(context, url);
    await fn(page, context);
    assert.deepEqual(page.errors.map(String), [], 'errors on the page');
  } finally {
    await context.close();
  }
}

const editorText = (page) => page.locator('.cm-content').textContent();
// The editor's text from its lines (all drawn for a small body).
const editorLines = (page) =>
  page.evaluate(() =>
    [...document.querySelector('update-user-playground').shadowRoot.querySelectorAll('.cm-line')]
      .map((l) => l.textContent)
      .join('\n'),
  );
const outcome = (page) => page.locator('.response .outcome');

async function typeToken(page, token = sandbox.token) {
  const count = await validatedCount(page);
  await page.locator('#token').fill(token);
  await nextValidation(page, count);
}

/** Sends with the Send button and waits for the element's userapi-response event. */
async function clickSend(page, button = 'Send') {
  const sent = await page.evaluate(() => window.__pg.sent.length);
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForFunction((n) => window.__pg.sent.length > n, sent);
  return page.evaluate(() => window.__pg.sent.at(-1));
}

async function readBack(id) {
  const response = await fetch(`${sandbox.origin}/sandbox/user-groups/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Token ${sandbox.token}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()).user_group;
}

async function noXss(page) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'a payload ran');
  assert.equal(await deepQueryCount(page, 'img[src="x"], [onerror]'), 0, 'a payload became an element');
  assert.equal(
    await page.evaluate(
      () => document.querySelector('update-user-playground').shadowRoot.querySelectorAll('script').length,
    ),
    0,
    'a script element in the playground',
  );
}

async function flowToken(page) {
  // Served with a strict CSP (any violation would be a console error, and fail the test).
  const csp = (await fetch(sandbox.url)).headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  // Before a token: one error, on the token; the preview is still there, redacted.
  await page.locator('.problems .problem.error').first().waitFor();
  assert.match(await page.locator('.problems').textContent(), /API token.*\[required\]/);
  await typeToken(page);
  await page.locator('.problems .all-good').waitFor();
  assert.equal(await page.locator('#send-hint').textContent(), 'Ready to send.');
  await screenshot(page, 'valid');
}

async function flowBreakKey(page) {
  // Rename "user_group_id" to "userGroupId" in the editor, with the keyboard only.
  await page.locator('.cm-content').click();
  const count = await validatedCount(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'user_group_id'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type('userGroupId');
  const { violations } = await page.evaluate(() => window.__pg.last);
  assert.ok((await validatedCount(page)) > count);
  const codes = violations.map((v) => `${v.path} ${v.code}`);
  assert.deepEqual(codes, ['/userGroupId unknown_field', '/user_group_id required']);
  // The unknown member is underlined where it is (line 2, column 3), as an error.
  const marks = await editorMarks(page);
  assert.ok(
    marks.some((m) => m.line === 2 && m.column === 3 && m.severity === 'error'),
    JSON.stringify(marks),
  );
  assert.match(await page.locator('.problems').textContent(), /line 2:3.*\/userGroupId.*\[unknown_field\]/s);
  assert.equal(await page.locator('button.primary', { hasText: 'Send' }).isDisabled(), true);
  assert.match(await page.locator('#send-hint').textContent(), /blocked by 2 errors/);
  assert.equal(await page.getByRole('button', { name: 'Send anyway' }).isVisible(), true);
  await screenshot(page, 'invalid');
}

async function flowApplySuggestion(page) {
  // One click applies the suggestion.
  const count = await validatedCount(page);
  await page.getByRole('button', { name: 'Rename to user_group_id' }).click();
  await nextValidation(page, count);
  await page.locator('.problems .all-good').waitFor();
  assert.match(await editorText(page), /"user_group_id": "example_1"/);
  // The pressed button is gone with the problem: the focus goes to the renamed key.
  assert.ok((await focused(page))?.className.includes('cm-content'));
}

async function flowFixAndSend(page, name) {
  // Fix the name through the form (the editor follows), then send with the button.
  const count = await validatedCount(page);
  await page.locator('input[name="name"]').fill(name);
  await nextValidation(page, count);
  assert.match(await editorText(page), new RegExp(`"name": "${name}"`));
  const first = await clickSend(page);
  assert.deepEqual(first, { kind: 'ok', status: 200 });
  assert.match(await outcome(page).textContent(), /^200 OK · \d+ ms · \d+ B · outcome: success$/);
  assert.match(
    await page.locator('.response').textContent(),
    /Response check.*The response matches the contract\./s,
  );
  assert.equal((await readBack('example_1')).name, name);
}

async function flowCtrlEnter(page, name) {
  // Ctrl+Enter in the editor sends again (once).
  const count = await validatedCount(page);
  await page.locator('input[name="name"]').fill(`${name} again`);
  await nextValidation(page, count);
  await page.locator('.cm-content').click();
  const sentBefore = await page.evaluate(() => window.__pg.sent.length);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => window.__pg.sent.length > n, sentBefore);
  await page.locator('button.primary:not([disabled])').waitFor();
  assert.equal(
    await page.evaluate(() => window.__pg.sent.length),
    sentBefore + 1,
    'Ctrl+Enter sent more than once',
  );
  assert.match(await outcome(page).textContent(), /^200 OK/);
  assert.match(await page.locator('.response-body').textContent(), new RegExp(`"name": "${name} again"`));
  await screenshot(page, 'sent');
}

async function flowStoredNow(page, name) {
  // "What is stored now?" shows the stored group; the sandbox's read-back route agrees.
  await page.getByRole('button', { name: 'What is stored now?' }).click();
  await page.locator('pre.stored', { hasText: `${name} again` }).waitFor();
  const shown = JSON.parse(await page.locator('pre.stored').textContent()).user_group;
  const stored = await readBack('example_1');
  assert.equal(stored.name, `${name} again`);
  assert.deepEqual(stored.mapping, { 40: '213', 134: '386' });
  assert.deepEqual(stored.properties, { filterValue: 'value' });
  assert.deepEqual(shown, stored);
}

describe('full flow', () => {
  test('type a token, break the example, apply the suggestion, fix, send twice, read back', async () => {
    await withPage(async (page) => {
      await flowToken(page);
      await flowBreakKey(page);
      await flowApplySuggestion(page);
      const name = `Flow ${process.pid}`;
      await flowFixAndSend(page, name);
      await flowCtrlEnter(page, name);
      await flowStoredNow(page, name);
    });
  });
});

const CORPUS_FIELDS = /^\/(user_group_id|name|mapping\/[^/]*)$/;

/** The corpus cases to check in the page: { eligible, cases } (the sample of the eligible ones). */
function corpusSample() {
  // The corpus cases the page can hold: valid UTF-8 (an editor holds text, not bytes), under
  // 20 KB, with at least one positioned violation. A line longer than 3000 characters is drawn
  // in part by CodeMirror, so its columns cannot be read from the DOM: those few cases are left out.
  const fields = CORPUS_FIELDS;
  const onField = (c) =>
    c.violations.some((v) => v.line !== undefined && fields.test(v.path) && v.code !== 'unknown_field');
  const eligible = loadCases('body').filter((c) => {
    const bytes = bodyBytes(c);
    const text = asText(bytes);
    return (
      text !== undefined &&
      bytes.length < 20000 &&
      c.violations.some((v) => v.line !== undefined) &&
      Math.max(...text.split(/\r\n?|\n/).map((l) => l.length)) <= 3000
    );
  });
  // The sample: every case with a violation on a form field, and every third of the others
  // (USERAPI_BROWSER_CORPUS=all takes them all).
  let other = 0;
  const cases =
    process.env.USERAPI_BROWSER_CORPUS === 'all'
      ? eligible
      : eligible.filter((c) => onField(c) || other++ % 3 === 0);
  return { eligible, cases };
}

/** A positioned violation of a case: the module reports it, the editor underlines it there. */
function assertUnderlined(label, v, expected, marks) {
  assert.ok(
    expected.some(
      (e) => e.code === v.code && e.path === v.path && e.line === v.line && e.column === v.column,
    ),
    `${label}: the wasm module itself does not report ${v.path} ${v.code} at ${v.line}:${v.column} (a core or corpus matter, not the page's; rebuild with scripts/build)`,
  );
  const at = marks.filter((m) => m.line === v.line && m.column === v.column && !m.partial);
  const where = `${label}: ${v.path} ${v.code} at ${v.line}:${v.column}; marks ${JSON.stringify(marks)}`;
  assert.ok(at.length > 0, `not underlined: ${where}`);
  // A warning under an error shows as the error (CodeMirror draws the worst severity).
  if (v.severity === 'error')
    assert.ok(
      at.some((m) => m.severity === 'error'),
      `not an error: ${where}`,
    );
}

/** A violation of a case on a form field: the field, marked invalid if an error, described by the message. */
function assertOnField(label, v, expected, field) {
  const message = expected.find(
    (e) => e.path === v.path && e.code === v.code && e.line === v.line && e.column === v.column,
  ).message;
  assert.ok(field.found, `${label}: no form field for ${v.path} (${JSON.stringify(field)})`);
  assert.equal(field.invalid, v.severity === 'error' ? 'true' : null, `${label}: aria-invalid on ${v.path}`);
  assert.ok(
    field.messages.some((m) => m?.includes(message)),
    `${label}: ${v.path} is not described by "${message}": ${JSON.stringify(field.messages)}`,
  );
}

/**
 * One corpus case in the page (`view` keeps the text shown and what was read, across cases):
 * resolves to the numbers of underlines and form fields checked.
 */
async function checkCorpusCase(page, c, view) {
  const label = `${c.file}: ${c.name}`;
  // The editor keeps line breaks as \n (CRLF and CR are one break for the contract too, so
  // lines and columns stay the same).
  const text = asText(bodyBytes(c)).replace(/\r\n?/g, '\n');
  const positioned = c.violations.filter((v) => v.line !== undefined);
  const onFields = positioned.filter((v) => CORPUS_FIELDS.test(v.path) && v.code !== 'unknown_field');
  if (text !== view.previous)
    view.shown = await pasteAndRead(
      page,
      text,
      onFields.map((v) => [v.path, v.code]),
    );
  else view.shown.fields = await Promise.all(onFields.map((v) => formFieldState(page, v.path, v.code)));
  view.previous = text;
  const { shown } = view;
  const expected = api.buildRequest(text, {
    baseUrl: sandbox.origin,
    token: '',
    force: true,
  }).violations;
  assert.deepEqual(shown.violations, expected, `${label}: the page's report differs from the module's`);
  for (const v of positioned) assertUnderlined(label, v, expected, shown.marks);
  onFields.forEach((v, i) => assertOnField(label, v, expected, shown.fields[i]));
  return { marks: positioned.length, fields: onFields.length };
}

describe('corpus in the editor and the form', () => {
  test('every positioned violation is underlined at its line/column and marked on its field', async () => {
    const { eligible, cases } = corpusSample();
    assert.ok(cases.length >= 25, `only ${cases.length} cases`);
    let checkedMarks = 0;
    let checkedFields = 0;
    await withPage(async (page) => {
      const view = { previous: null, shown: undefined };
      for (const c of cases) {
        const checked = await checkCorpusCase(page, c, view);
        checkedMarks += checked.marks;
        checkedFields += checked.fields;
      }
    });
    console.log(
      `# corpus in the page: ${cases.length} of ${eligible.length} eligible cases, ${checkedMarks} underlines and ${checkedFields} form fields checked`,
    );
    assert.ok(checkedFields >= 25);
  });
});

/** Sends the example to `baseUrl` with a token (and `timeout`); resolves to what was sent. */
async function sendTo(page, baseUrl, { timeout } = {}) {
  await page.locator('#base-url').fill(baseUrl);
  await typeToken(page);
  if (timeout) await page.locator('#timeout').fill(String(timeout));
  return clickSend(page);
}

describe('bad network: nothing answers, or CORS refuses', () => {
  test('server down: "nothing answers", told apart from a CORS refusal', async () => {
    await withPage(async (page) => {
      const port = await closedPort();
      const sent = await sendTo(page, `http://127.0.0.1:${port}`);
      assert.equal(sent.kind, 'network');
      assert.equal(sent.cause, 'unreachable');
      const text = await page.locator('.outcome.kind-network').textContent();
      assert.match(
        text,
        new RegExp(`Nothing answers at http://127\\.0\\.0\\.1:${port}: the server is not running`),
      );
      assert.doesNotMatch(text, /CORS/);
      await screenshot(page, 'error-network');
    });
  });

  test('CORS refused: the page on another origin gets the network explanation', async () => {
    // The page from a plain static server on 127.0.0.2: an origin the sandbox does not allow.
    const other = await startStaticServer('127.0.0.2');
    try {
      await withPage(
        async (page) => {
          const sent = await sendTo(page, sandbox.origin);
          assert.equal(sent.kind, 'network');
          assert.equal(sent.cause, 'cors', 'the no-cors probe found the sandbox up');
          const text = await page.locator('.outcome.kind-network').textContent();
          assert.match(text, new RegExp(`The server at ${sandbox.origin.replaceAll('.', '\\.')} is up, but`));
          assert.match(text, /CORS/);
          assert.ok(text.includes(`this page's origin (${other.origin})`), text);
          assert.ok(text.includes(`--allow-origin ${other.origin}`), text);
        },
        { url: `${other.origin}/` },
      );
      // It was the sandbox that said no: its preflight answer was 403.
      await sandbox.waitForLog(/OPTIONS \/api\/user 403/);
    } finally {
      await other.close();
    }
  });
});

describe('bad network: a server that holds the request', () => {
  let hanging;
  let onPut = () => {};
  before(async () => {
    // Answers the preflight, then never answers the PUT.
    hanging = await startNodeServer((req, res) => {
      if (req.method === 'OPTIONS') return res.writeHead(204, corsHeaders(req)).end();
      onPut();
    });
  });
  after(() => hanging.close());

  test('timeout: 300 ms without an answer', async () => {
    await withPage(async (page) => {
      const sent = await sendTo(page, hanging.origin, { timeout: 300 });
      assert.equal(sent.kind, 'timeout');
      assert.match(
        await page.locator('.outcome.kind-timeout').textContent(),
        /^No response within 300 ms\. The server may be slow or stuck/,
      );
      assert.equal(await page.getByRole('button', { name: 'Cancel' }).isDisabled(), true);
    });
  });

  test('cancel: the Cancel button stops a slow request', async () => {
    await withPage(async (page) => {
      await page.locator('#base-url').fill(hanging.origin);
      await typeToken(page);
      const held = new Promise((resolve) => {
        onPut = resolve;
      });
      const sentBefore = await page.evaluate(() => window.__pg.sent.length);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.locator('.response', { hasText: 'Sending…' }).waitFor();
      // Cancel once the server holds the request (a real "slow server", not a request not yet sent).
      await held;
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForFunction((n) => window.__pg.sent.length > n, sentBefore);
      assert.equal((await page.evaluate(() => window.__pg.sent.at(-1))).kind, 'aborted');
      assert.match(
        await page.locator('.outcome.kind-aborted').textContent(),
        /^Cancelled: you stopped the request/,
      );
      assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled(), false);
    });
  });
});

const payloadBody = JSON.stringify(
  {
    user_group_id: 'acme',
    name: `${XSS_IMG}${XSS_SCRIPT}`.slice(0, 255),
    properties: { img: XSS_IMG, script: XSS_SCRIPT, [XSS_IMG]: XSS_SCRIPT },
  },
  null,
  2,
);

/** A server whose error message and HTML response carry the payloads. */
function hostileHandler(req, res) {
  if (req.method === 'OPTIONS') return res.writeHead(204, corsHeaders(req)).end();
  req.resume();
  const headers = { ...corsHeaders(req) };
  if (req.url.startsWith('/json-error/')) {
    res.writeHead(400, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: 0, error: { code: 'bad', message: `${XSS_IMG}${XSS_SCRIPT}` } }));
  } else {
    res.writeHead(200, { ...headers, 'content-type': 'text/html' });
    res.end(
      `<!doctype html><html><body>${XSS_IMG}${XSS_SCRIPT}<svg onload="window.__xss=1"></svg></body></html>`,
    );
  }
}

describe('security: payloads stay text', () => {
  test('payloads in properties, stored and echoed by the sandbox, stay text', async () => {
    await withPage(async (page) => {
      await typeToken(page);
      await setBody(page, payloadBody);
      // The form shows them as input values, the snippet as text.
      assert.equal(await page.locator('input[name="name"]').inputValue(), `${XSS_IMG}${XSS_SCRIPT}`);
      assert.ok(
        (await page.locator('pre.snippet').textContent()).includes(XSS_SCRIPT.replaceAll("'", "'\\''")),
      );
      assert.equal((await clickSend(page)).status, 200);
      assert.ok(
        (await page.locator('.response-body').textContent()).includes(XSS_IMG.replaceAll('"', '\\"')),
      );
      await page.getByRole('button', { name: 'What is stored now?' }).click();
      await page.locator('pre.stored', { hasText: 'onerror' }).waitFor();
      await noXss(page);
      assert.equal((await readBack('acme')).properties.script, XSS_SCRIPT);
    });
  });

  test('payloads in a server error message and in a response body stay text', async () => {
    const hostile = await startNodeServer(hostileHandler);
    try {
      await withPage(async (page) => {
        await typeToken(page);
        await page.locator('#base-url').fill(`${hostile.origin}/json-error`);
        assert.equal((await clickSend(page)).kind, 'http');
        assert.equal(await page.locator('.server-message q').textContent(), `${XSS_IMG}${XSS_SCRIPT}`);
        await noXss(page);
        await screenshot(page, 'error-server');

        await page.locator('#base-url').fill(`${hostile.origin}/html`);
        assert.equal((await clickSend(page)).status, 200);
        assert.ok(
          (await page.locator('.response-body').textContent()).includes(`<svg onload="window.__xss=1">`),
        );
        assert.match(await outcome(page).textContent(), /outcome: failure/);
        await noXss(page);
        assert.equal(await deepQueryCount(page, 'svg[onload]'), 0);
      });
    } finally {
      await hostile.close();
    }
  });
});

/** The page's storage, cookie and URL, each as a string. */
function tokenStorage(page) {
  return page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    url: location.href,
  }));
}

/** Every snippet language redacts the token unless asked to show it. */
async function tokenOutOfSnippets(page, token) {
  // Every snippet language, redacted by default; revealing it is the user's choice.
  const tabs = await page
    .getByRole('tablist', { name: 'Snippet language' })
    .getByRole('tab')
    .allTextContents();
  assert.deepEqual(tabs, [
    'curl',
    'JavaScript',
    'Python',
    'HTTP',
    'HTTPie',
    'wget',
    'Go',
    'Java',
    'PHP',
    'Ruby',
    'Node.js',
    'Python http.client',
    'C',
    'C++',
    'C#',
    'Kotlin',
    'TypeScript',
    'Python httpx',
    'JavaScript axios',
    'Perl',
  ]);
  for (const tab of tabs) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    const snippet = await page.locator('pre.snippet').textContent();
    assert.ok(!snippet.includes(token), `token in the ${tab} snippet`);
    assert.match(snippet, /Token <token>|<token>|TOKEN/, `${tab} snippet without a redaction mark`);
  }
  await page.getByLabel('Show the token in the snippet').check();
  assert.ok((await page.locator('pre.snippet').textContent()).includes(token));
  await page.getByLabel('Show the token in the snippet').uncheck();
  assert.ok(!(await page.locator('pre.snippet').textContent()).includes(token));
}

/** The share link carries the body, never the token. */
async function tokenOutOfShareLink(page, context, token) {
  // The share link: the body in the fragment, never the token.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.locator('.copy-status', { hasText: 'Link copied' }).waitFor();
  const url = page.url();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, url);
  assert.ok(!url.includes(token) && !decodeURIComponent(url).includes(token));
  const shared = decodeShareHash(new URL(url).hash);
  assert.equal(shared, await editorLines(page));
  assert.deepEqual(JSON.parse(shared), {
    user_group_id: 'example_1',
    name: 'Example 1',
    mapping: { 40: '213', 134: '386' },
    properties: { filterValue: 'value' },
  });
  assert.ok(!shared.includes(token));
  // The link opens the same body, without a token.
  const other = await openPlayground(context, url);
  assert.equal(await other.locator('#token').inputValue(), '');
  assert.equal(await other.locator('input[name="name"]').inputValue(), 'Example 1');
  await other.close();
}

/** "Remember for this tab" and "Forget". */
async function tokenRememberedAndForgotten(page, token) {
  // "Remember for this tab" puts it in sessionStorage; "Forget" takes it out again.
  await page.getByLabel(/Remember for this tab/).check();
  assert.ok((await tokenStorage(page)).session.includes(token));
  assert.ok(!(await tokenStorage(page)).local.includes(token));
  await page.reload();
  await page.waitForFunction(() => window.__pg.ready);
  assert.equal(await page.locator('#token').inputValue(), token);
  assert.equal(await page.getByLabel(/Remember for this tab/).isChecked(), true);
  await page.getByRole('button', { name: 'Forget' }).click();
  assert.equal(await page.locator('#token').inputValue(), '');
  assert.equal(await page.getByLabel(/Remember for this tab/).isChecked(), false);
  for (const [where, value] of Object.entries(await tokenStorage(page)))
    assert.ok(!value.includes(token), `token in ${where} after Forget`);
}

describe('security: the token', () => {
  test('the token stays out of storage, the URL, the share link and redacted snippets', async () => {
    const token = sandbox.token;
    await withPage(
      async (page, context) => {
        await typeToken(page);
        for (const [where, value] of Object.entries(await tokenStorage(page)))
          assert.ok(!value.includes(token), `token in ${where}`);
        assert.equal(await page.locator('#token').getAttribute('type'), 'password');
        await tokenOutOfSnippets(page, token);
        await tokenOutOfShareLink(page, context, token);
        await tokenRememberedAndForgotten(page, token);
      },
      { context: { permissions: ['clipboard-read', 'clipboard-write'] } },
    );
  });
});

describe('embedding', () => {
  test('token-storage="memory" and base-url: no remember box, nothing stored, the given base URL', async () => {
    // A docs page of its own that drops the element in, next to the sandbox's files.
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs page</title>
      <script type="module" src="playground.js"></script></head>
      <body><main><update-user-playground base-url="${sandbox.origin}/" token-storage="memory"></update-user-playground></main></body></html>`;
    const context = await newContext();
    try {
      await context.route('**/docs-embed.html', (route) =>
        route.fulfill({ contentType: 'text/html', body: html }),
      );
      const page = await openPlayground(context, `${sandbox.url}docs-embed.html`);
      assert.equal(await page.locator('#base-url').inputValue(), `${sandbox.origin}/`);
      assert.equal(await page.locator('#remember').count(), 0);
      assert.match(await page.locator('.target').textContent(), /Kept in memory only/);
      await typeToken(page);
      assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
      assert.equal((await clickSend(page)).status, 200);
      assert.deepEqual(page.errors.map(String), []);
    } finally {
      await context.close();
    }
  });
});

/** axe over the page: its serious and critical violations, one line each. */
async function seriousViolations(page) {
  const errors = page.errors.length;
  const { violations } = await new AxeBuilder({ page }).analyze();
  // axe's injected script sets inline styles, which the page's CSP refuses (and reports): that is
  // axe's noise, not the page's.
  page.errors = page.errors.filter(
    (e, i) => i < errors || !/^Applying inline style violates/.test(e.message),
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The keyboard only, part 1: the token, a mapping key broken in the form and fixed from the problem, Ctrl+Enter. */
async function keyboardFixMapping(page) {
  await tabUntil(page, (f) => f.id === 'token');
  await page.keyboard.type(sandbox.token);
  await page.locator('.problems .all-good').waitFor();

  // Break a mapping key in the form: "40" -> "040".
  await tabUntil(page, (f) => f.label === 'Mapping: Schema id');
  let count = await validatedCount(page);
  await page.keyboard.press('Home');
  await page.keyboard.type('0');
  await nextValidation(page, count);
  assert.match(await editorText(page), /"040": "213"/);

  // On through the form into the editor: Tab indents there, Esc then Tab moves on.
  await tabUntil(page, (f) => f.className.includes('cm-content'));
  await page.keyboard.press('Escape');
  const problem = await tabUntil(page, (f) => f.className.includes('problem'), { max: 5 });
  assert.match(problem.text, /\/mapping\/040.*\[mapping\.key_format\]/);

  // Enter jumps to the key in the editor, selected: typing replaces it.
  await page.keyboard.press('Enter');
  assert.ok((await focused(page)).className.includes('cm-content'));
  count = await validatedCount(page);
  await page.keyboard.type('"40"');
  await page.locator('.problems .all-good').waitFor();
  assert.ok((await validatedCount(page)) > count);
  assert.match(await editorText(page), /"40": "213"/);

  const sent = await page.evaluate(() => window.__pg.sent.length);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => window.__pg.sent.length > n, sent);
  assert.match(await outcome(page).textContent(), /^200 OK/);
}

/** The keyboard only, part 2: the snippet tabs, then Enter on Send. */
async function keyboardSnippetTabsAndSend(page) {
  // The snippet tabs: one Tab stop, arrows move between them.
  await page.keyboard.press('Escape');
  await tabUntil(page, (f) => f.id.startsWith('tab-'));
  assert.equal((await focused(page)).id, 'tab-curl');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).id, 'tab-fetch');
  assert.match(await page.locator('pre.snippet').textContent(), /fetch\(/);
  // The arrows wrap around: from the first tab ArrowLeft goes to the last.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focused(page)).id, 'tab-perl');
  assert.match(await page.locator('pre.snippet').textContent(), /HTTP::Tiny/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).id, 'tab-fetch');
  const next = await tabUntil(page, () => true);
  assert.ok(!next.id.startsWith('tab-'), 'Tab went through every snippet tab');

  // Enter on Send: the focus waits on Cancel, then comes back to Send.
  await tabUntil(page, (f) => f.text === 'Send' && f.className.includes('primary'));
  const sent = await page.evaluate(() => window.__pg.sent.length);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.__pg.sent.length > n, sent);
  await page.locator('button.primary:not([disabled])').waitFor();
  assert.equal((await focused(page))?.text, 'Send');
  assert.match(await outcome(page).textContent(), /^200 OK/);
}

describe('accessibility: axe', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe: no serious or critical violations (${colorScheme})`, async () => {
      await withPage(
        async (page) => {
          // Before a token, with a broken body: the token's error, body errors, a warning, field messages.
          const states = {};
          await setBody(
            page,
            '{\n  "userGroupId": "example_1",\n  "name": " ",\n  "mapping": {"01": 5}\n}\n',
          );
          states.invalid = await seriousViolations(page);
          await typeToken(page);
          await setBody(page, '{"user_group_id": "test_group", "name": "Axe"}');
          await clickSend(page);
          states.sent = await seriousViolations(page);
          assert.deepEqual(states, { invalid: [], sent: [] });
          if (colorScheme === 'dark') {
            await setBody(
              page,
              '{\n  "userGroupId": "example_1",\n  "name": "Dark",\n  "mapping": {"40": "213"}\n}\n',
            );
            await screenshot(page, 'dark');
          }
        },
        { context: { colorScheme } },
      );
    });
  }
});

describe('accessibility: the keyboard only', () => {
  test('keyboard only: Tab to fields, type, Esc+Tab out of the editor, jump from a problem, Ctrl+Enter', async () => {
    await withPage(async (page) => {
      await keyboardFixMapping(page);
      await keyboardSnippetTabsAndSend(page);
    });
  });
});

describe('screenshots', () => {
  test('360 px wide: no sideways scrolling of the page', async () => {
    await withPage(
      async (page) => {
        await typeToken(page);
        await setBody(
          page,
          '{\n  "user_group_id": "example_1",\n  "nmae": "Narrow",\n  "mapping": {"40": "213"}\n}\n',
        );
        await settle(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `the page is ${width} px wide`);
        // The snippet tabs wrap into rows inside the page, each tab whole on one line.
        const boxes = await page
          .getByRole('tablist', { name: 'Snippet language' })
          .getByRole('tab')
          .evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().toJSON()));
        assert.equal(boxes.length, 20);
        for (const b of boxes) assert.ok(b.left >= 0 && b.right <= 360, `a tab at ${b.left}..${b.right} px`);
        const rows = new Set(boxes.map((b) => Math.round(b.top)));
        assert.ok(rows.size > 1, 'the tabs did not wrap');
        const heights = boxes.map((b) => Math.round(b.height));
        assert.equal(new Set(heights).size, 1, `a tab label broke over lines: ${heights}`);
        await screenshot(page, 'narrow-360');
      },
      { context: { viewport: { width: 360, height: 780 } } },
    );
  });
});

// A valid body of about 1 MiB: 1,000 mapping rows and 1,000 properties with arrays.
function bigBody() {
  const mapping = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [String(i + 1), `source_${i}`]));
  const properties = Object.fromEntries(
    Array.from({ length: 1000 }, (_, i) => [`p${i}`, Array.from({ length: 90 }, (_item, j) => i * 1000 + j)]),
  );
  return `${JSON.stringify({ user_group_id: 'perf', name: 'Perf', mapping, properties }, null, 1)}\n`;
}

async function keystrokes(page, n = 7) {
  const samples = [];
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < n; i++) {
    const count = await validatedCount(page);
    await page.keyboard.press(i % 2 ? 'Backspace' : 'Space');
    await nextValidation(page, count);
    await page.waitForFunction(() => window.__pg.paintedAt > window.__pg.last.at);
    samples.push(
      await page.evaluate(() => ({
        core: window.__pg.last.ms,
        event: window.__pg.last.at - window.__pg.keydownAt,
        painted: window.__pg.paintedAt - window.__pg.keydownAt,
      })),
    );
  }
  const median = (k) => samples.map((s) => s[k]).sort((a, b) => a - b)[samples.length >> 1];
  return `update (detail.ms) ${median('core').toFixed(1)} ms, keydown->event ${median('event').toFixed(1)} ms, keydown->next frame ${median('painted').toFixed(1)} ms (median of ${n})`;
}

describe('performance (measured, not asserted)', () => {
  test('wasm instantiate and keystroke to diagnostics', async () => {
    await withPage(
      async (page) => {
        await typeToken(page); // as in use: with a token the preview needs one build, not two
        const instantiate = await page.evaluate(
          () => document.querySelector('update-user-playground').instantiateMs,
        );
        console.log(`# wasm instantiate in the page: ${instantiate.toFixed(1)} ms`);
        console.log(
          `# keystroke, example body (${(await editorLines(page)).length} B): ${await keystrokes(page)}`,
        );
        const body = bigBody();
        const pasted = Date.now();
        const { violations } = await setBody(page, body);
        assert.deepEqual(
          violations.filter((v) => v.location === 'body' && v.severity === 'error'),
          [],
        );
        await page.waitForFunction(() => window.__pg.paintedAt > window.__pg.last.at);
        const paste = await page.evaluate(() => ({
          event: window.__pg.last.at - window.__pg.pasteAt,
          painted: window.__pg.paintedAt - window.__pg.pasteAt,
        }));
        console.log(
          `# paste of a ${(Buffer.byteLength(body) / 1048576).toFixed(2)} MiB body: paste->event ${paste.event.toFixed(1)} ms, paste->next frame ${paste.painted.toFixed(1)} ms (${Date.now() - pasted} ms wall from the test, with its IPC)`,
        );
        console.log(
          `# keystroke, ${(Buffer.byteLength(body) / 1048576).toFixed(2)} MiB body: ${await keystrokes(page, 5)}`,
        );
        // The preview shows the start of the huge snippet; Copy still copies all of it.
        assert.match(
          await page.locator('#snippet-panel .hint').textContent(),
          /^Showing the first 20,000 of [\d,]+ characters/,
        );
        await page.getByRole('button', { name: 'Copy the snippet' }).click();
        await page.locator('.copy-status', { hasText: 'Snippet copied.' }).waitFor();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        const compact = JSON.stringify(JSON.parse(body)); // the request sends the body compacted
        assert.ok(
          copied.length > compact.length && copied.includes(compact.slice(-200)),
          `copied ${copied.length} characters`,
        );
      },
      { context: { permissions: ['clipboard-read', 'clipboard-write'] } },
    );
  });
});
