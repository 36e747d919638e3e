// The page on a public sandbox (`userapi serve --public`, issue 14): with no token given it asks
// its own sandbox for a session token (POST /sandbox/sessions), says so, and a Send with it
// succeeds on the visitor's own copy of the user groups. On a local sandbox (dev token on) and
// when a token is given, it asks for none.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertBuilt, launchChromium, openPlayground, startSandbox } from './harness.mjs';

let browser;
const sandboxes = [];

before(async () => {
  assertBuilt();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of sandboxes) await s.stop();
});

async function sandbox(args = []) {
  const s = await startSandbox({ args });
  sandboxes.push(s);
  return s;
}

async function withPage(url, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10000);
  try {
    const page = await openPlayground(context, url);
    await fn(page);
    assert.deepEqual(page.errors.map(String), [], 'errors on the page');
  } finally {
    await context.close();
  }
}

const sessionsMade = (s) => (s.log().match(/ POST \/sandbox\/sessions 201 /g) ?? []).length;

describe('sandbox sessions in the page', () => {
  test('--public: the page gets a session token by itself, says until when, and Send succeeds', async () => {
    const s = await sandbox(['--public']);
    await withPage(s.url, async (page) => {
      const note = page.locator('#session-note');
      await page.waitForFunction(() =>
        document
          .querySelector('update-user-playground')
          .shadowRoot.querySelector('#session-note')
          .textContent.startsWith('Using a sandbox session token'),
      );
      assert.match(await note.textContent(), /^Using a sandbox session token, valid until .+\./);
      const token = await page.locator('#token').inputValue();
      assert.match(token, /^s-[0-9a-f]{64}$/);
      assert.equal(sessionsMade(s), 1);
      await page.waitForFunction(() => !window.__pg.last?.violations?.some((v) => v.location === 'token'));
      const sentBefore = await page.evaluate(() => window.__pg.sent.length);
      await page.locator('[part~="send-button"]').click();
      await page.waitForFunction((n) => window.__pg.sent.length > n, sentBefore);
      const sent = await page.evaluate(() => window.__pg.sent.at(-1));
      assert.equal(sent.kind, 'ok', JSON.stringify(sent));
      assert.equal(sent.status, 200, JSON.stringify(sent));
      await s.waitForLog(/ PUT \/api\/user 200 /);
    });
  });

  test('a local sandbox (dev token on): no session is asked for, the token field stays empty', async () => {
    const s = await sandbox();
    await withPage(s.url, async (page) => {
      await s.waitForLog(/ GET \/sandbox\/sessions 200 /);
      await page.waitForTimeout(300);
      assert.equal(await page.locator('#token').inputValue(), '');
      assert.equal(await page.locator('#session-note').textContent(), '');
      assert.equal(sessionsMade(s), 0);
    });
  });
});
