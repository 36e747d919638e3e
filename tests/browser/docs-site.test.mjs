// The playground as a docs-site component (issue 13): request and response side by side, docs
// from the contract beside the form, history, response size, the request as sent, download, the
// regressions (mapping rows with a message, the order of Problems, nothing_to_update beside a
// typo), and the load time from the sandbox against a plain static server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';

import { createUserApi } from '../../build/wasm/pkg/userapi.mjs';
import {
  assertBuilt,
  launchChromium,
  nextValidation,
  openPlayground,
  screenshot,
  setBody,
  startSandbox,
  startStaticServer,
  validatedCount,
} from './harness.mjs';

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

async function withPage(fn, { viewport = { width: 1280, height: 800 }, colorScheme = 'light', url } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  context.setDefaultTimeout(10000);
  try {
    const page = await openPlayground(context, url ?? sandbox.url);
    await fn(page);
    assert.deepEqual(page.errors.map(String), [], 'errors on the page');
  } finally {
    await context.close();
  }
}

async function typeToken(page) {
  const count = await validatedCount(page);
  await page.locator('#token').fill(sandbox.token);
  await nextValidation(page, count);
}

async function send(page) {
  const sentBefore = await page.evaluate(() => window.__pg.sent.length);
  await page.locator('[part~="send-button"]').click();
  await page.waitForFunction((n) => window.__pg.sent.length > n, sentBefore);
  return page.evaluate(() => window.__pg.sent.at(-1));
}

const box = (page, selector) => page.locator(selector).first().boundingBox();

describe('layout', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`1280×800 ${colorScheme}: editor, Send and the response status in the first screen, side by side`, async () => {
      await withPage(
        async (page) => {
          const editor = await box(page, '.cm-editor');
          const sendButton = await box(page, '[part~="send-button"]');
          const response = await box(page, '.response-card');
          for (const [name, b] of Object.entries({ editor, sendButton, response }))
            assert.ok(
              b.y >= 0 && b.y + Math.min(b.height, 120) <= 800,
              `${name} at y=${b.y}..${b.y + b.height}`,
            );
          assert.ok(
            editor.y + editor.height <= 800,
            `the whole editor is visible (bottom ${editor.y + editor.height})`,
          );
          assert.ok(response.x > editor.x + editor.width, 'the response is right of the request');
          await screenshot(page, `wide-${colorScheme}`);
        },
        { colorScheme },
      );
    });
  }

  test('360×740: one column, nothing wider than the screen', async () => {
    await withPage(
      async (page) => {
        const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
        assert.ok(width <= 360, `page is ${width}px wide`);
        const editor = await box(page, '.cm-editor');
        const response = await box(page, '.response-card');
        assert.ok(response.y > editor.y, 'the response is below the request');
      },
      { viewport: { width: 360, height: 740 } },
    );
  });

  test('a mapping row with a message keeps its inputs wide enough to read', async () => {
    await withPage(async (page) => {
      await setBody(page, '{"user_group_id":"a","mapping":{"01":"a data source id","5":""}}');
      const widths = await page.evaluate(() => {
        const root = document.querySelector('update-user-playground').shadowRoot;
        return [...root.querySelectorAll('.row input')].map((i) => i.getBoundingClientRect().width);
      });
      assert.equal(widths.length, 4);
      for (const w of widths) assert.ok(w > 60, `an input is ${w}px wide: ${widths}`);
      const messages = await page.locator('.field-message').count();
      assert.equal(messages, 2, 'one message per row');
    });
  });
});

describe('problems', () => {
  test('the Problems list is in the order of the text', async () => {
    await withPage(async (page) => {
      // Sorted by path the codes would come as /mapping, /name, /properties, /zzz: not text order.
      const body = '{"user_group_id":"a","zzz":1,"properties":{"":1},"name":"","mapping":{"x":"y"}}';
      await setBody(page, body);
      const where = await page.locator('.problems .where').allTextContents();
      const columns = where.filter((w) => /^line /.test(w)).map((w) => Number(/line 1:(\d+)/.exec(w)[1]));
      assert.ok(columns.length >= 4, where.join(', '));
      assert.deepEqual(
        columns,
        [...columns].sort((a, b) => a - b),
        `not in text order: ${where.join(', ')}`,
      );
    });
  });

  test('a typo gets its unknown_field and no "nothing would change"', async () => {
    await withPage(async (page) => {
      const shown = await setBody(page, '{"user_group_id":"g","nmae":"x"}');
      const codes = shown.violations.filter((v) => v.location === 'body').map((v) => v.code);
      assert.deepEqual(codes, ['unknown_field']);
      assert.equal(await page.locator('.problems').getByText('nothing would change').count(), 0);
    });
  });
});

describe('docs beside the form, from the contract', () => {
  test('a snippet tab for every language the core renders, and no other', async () => {
    await withPage(async (page) => {
      const tabs = await page
        .locator('[aria-label="Snippet language"] [role="tab"]')
        .evaluateAll((els) => els.map((e) => e.id.replace(/^tab-/, '')));
      // The page groups them its own way (the JavaScript and Python clients together).
      assert.deepEqual([...tabs].sort(), [...api.contract.languages].sort());
    });
  });

  test('every member with its description, rules and codes; every answer with its example', async () => {
    await withPage(async (page) => {
      const docs = page.locator('.docs');
      for (const m of api.contract.members) {
        await docs.getByText(m.description).waitFor();
        for (const code of m.codes)
          assert.ok((await docs.locator('code', { hasText: code }).count()) > 0, code);
      }
      await docs.getByText('Responses').click();
      for (const r of api.contract.responses) await docs.getByText(r.description).waitFor();
      assert.ok(await docs.locator('pre', { hasText: '"invalid_body"' }).isVisible());
    });
  });
});

describe('after a send', () => {
  test('size, the request as sent with the token masked, download, and history that re-opens and re-sends', async () => {
    await withPage(async (page) => {
      await typeToken(page);
      assert.deepEqual(await send(page), { kind: 'ok', status: 200 });
      const status = await page.locator('.response .outcome').textContent();
      assert.match(status, /^200 OK · \d+ ms · \d+ B · outcome: success$/);

      // The request as it went out: the compact body, the token masked.
      const sentText = await page.locator('.request-sent').evaluate((d) => {
        d.open = true;
        return d.textContent;
      });
      assert.ok(sentText.includes('Authorization'), sentText);
      assert.ok(sentText.includes('Token <token>'), sentText);
      assert.ok(!sentText.includes(sandbox.token), 'the token is masked');
      const built = api.buildRequest(await page.locator('update-user-playground').evaluate((el) => el.body), {
        baseUrl: sandbox.origin,
        token: sandbox.token,
      });
      assert.ok(sentText.includes(built.request.body), 'the bytes that went out are shown');
      assert.match(
        await page.locator('.sent-bytes').textContent(),
        new RegExp(`Sends ${Buffer.byteLength(built.request.body)} bytes`),
      );

      // Download of the response body.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'response-200.json');
      const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
      assert.equal(saved.success, 1);
      assert.equal(saved.user_group.provided_id, 'example_1');

      // History: a second, different send; "Open" brings the first body back, "Re-send" sends it.
      await setBody(page, '{"user_group_id":"example_1","name":"Renamed"}');
      assert.equal((await send(page)).kind, 'ok');
      assert.equal(await page.locator('.history-list li').count(), 2);
      await page.getByRole('button', { name: 'Open 2' }).click();
      assert.match(await page.locator('update-user-playground').evaluate((el) => el.body), /"Example 1"/);
      const sent = await page.evaluate(() => window.__pg.sent.length);
      await page.getByRole('button', { name: 'Re-send 1' }).click();
      await page.waitForFunction((n) => window.__pg.sent.length > n, sent);
      assert.equal(await page.locator('.history-list li').count(), 3);
      const html = await page.locator('update-user-playground').evaluate((el) => el.shadowRoot.innerHTML);
      assert.ok(!html.includes(sandbox.token), 'the token is nowhere in the element but its input');
      await screenshot(page, 'sent-wide');
    });
  });
});

describe('loading from the sandbox', () => {
  test('ETag and Cache-Control on the page files; time to "Validator ready" against a static server', async () => {
    for (const file of ['playground.js', 'userapi-core.wasm', 'userapi.mjs']) {
      const res = await fetch(`${sandbox.origin}/${file}`, { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(res.status, 200, file);
      assert.ok(res.headers.get('etag'), `${file}: ETag`);
      assert.match(res.headers.get('cache-control') ?? '', /max-age|no-cache/, `${file}: Cache-Control`);
      const again = await fetch(`${sandbox.origin}/${file}`, {
        headers: { 'If-None-Match': res.headers.get('etag') },
      });
      assert.equal(again.status, 304, `${file}: revalidation`);
    }
    const statik = await startStaticServer('127.0.0.1');
    try {
      const times = { sandbox: [], static: [] };
      for (let round = 0; round < 5; round++)
        for (const [name, url] of [
          ['sandbox', sandbox.url],
          ['static', `${statik.origin}/`],
        ]) {
          const context = await browser.newContext();
          const page = await context.newPage();
          const started = Date.now();
          await page.goto(url);
          await page.locator('update-user-playground .status', { hasText: 'Validator ready' }).waitFor();
          times[name].push(Date.now() - started);
          await context.close();
        }
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const [s, t] = [median(times.sandbox), median(times.static)];
      // Measured, not asserted (speed targets live in scripts/bench): printed for docs/playground.md.
      // With the machine and its load beside them: a figure without them says little.
      const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`;
      console.log(
        `# navigation to "Validator ready", median of 5 fresh contexts: sandbox ${s} ms, static server ${t} ms, ratio ${(s / t).toFixed(2)} (${machine})`,
      );
    } finally {
      await statik.close();
    }
  });
});
