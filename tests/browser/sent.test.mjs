// What the page says about a send is what happened (issues 26 and 23): the bytes a server
// receives are the bytes the page says it sends; "Request as sent" only for a request that was
// sent; the verdict is the core's (a contract-breaking 2xx is a failure); and with a typo pasted
// at 1280×800 the underline and its Rename fix are in the first screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createUserApi } from '../../build/wasm/pkg/userapi.mjs';
import {
  assertBuilt,
  closedPort,
  corsHeaders,
  launchChromium,
  nextValidation,
  openPlayground,
  setBody,
  startNodeServer,
  startSandbox,
  startStaticServer,
  validatedCount,
} from './harness.mjs';

const ESCAPED = String.raw`{"user_group_id":"example_1","name":"O'Brien & \"Co\" café $HOME \u00e9"}`;
const TYPO = '{"userGroupId":"x"}';

let sandbox;
let browser;
let recorder;
const received = []; // raw bodies of the PUTs the recorder got
let answer = () => ({ status: 200, text: '' });
const api = await createUserApi();

before(async () => {
  assertBuilt();
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  // A server that keeps the exact bytes of every PUT and answers what the test sets.
  recorder = await startNodeServer((req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, corsHeaders(req)).end();
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      received.push(bytes);
      const { status, text } = answer(bytes);
      res.writeHead(status, { ...corsHeaders(req), 'content-type': 'application/json' }).end(text);
    });
  });
});

after(async () => {
  await browser?.close();
  await Promise.all([sandbox?.stop(), recorder?.close()]);
});

async function withPage(fn, { viewport = { width: 1280, height: 800 }, url = sandbox.url } = {}) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15000);
  try {
    const page = await openPlayground(context, url);
    await fn(page);
    assert.deepEqual(page.errors.map(String), [], 'errors on the page');
  } finally {
    await context.close();
  }
}

async function target(page, baseUrl, token = sandbox.token) {
  const count = await validatedCount(page);
  await page.locator('#base-url').fill(baseUrl);
  await nextValidation(page, count);
  const again = await validatedCount(page);
  await page.locator('#token').fill(token);
  await nextValidation(page, again);
}

async function clickSend(page) {
  const sentBefore = await page.evaluate(() => window.__pg.sent.length);
  await page.locator('[part~="send-button"]').click();
  await page.waitForFunction((n) => window.__pg.sent.length > n, sentBefore);
  return page.evaluate(() => window.__pg.sent.at(-1));
}

const success = (bytes) => {
  const sent = JSON.parse(bytes.toString('utf8'));
  const group = { team_id: 1, token: 't', name: sent.name ?? '', provided_id: sent.user_group_id };
  return { status: 200, text: JSON.stringify({ success: 1, user_group: group }) };
};

describe('the bytes that go out are the bytes shown', () => {
  test('the \\u00e9 case: the server receives exactly the bytes the page names', async () => {
    answer = success;
    await withPage(async (page) => {
      await target(page, recorder.origin);
      assert.equal(Buffer.byteLength(ESCAPED), 74);
      await setBody(page, ESCAPED);
      const claim = await page.locator('.sent-bytes').textContent();
      const m =
        /^Sends (\d+) bytes, not the editor's (\d+): the contract re-writes the body compactly\./.exec(claim);
      assert.ok(m, claim);
      assert.deepEqual([Number(m[1]), Number(m[2])], [70, 74], claim);
      assert.ok(claim.includes('\\u00e9 → é'), claim);
      assert.doesNotMatch(claim, /exactly as typed|exactly the editor's text/);
      const snippet = await page.locator('pre.snippet').textContent();

      const receivedBefore = received.length;
      const sent = await clickSend(page);
      assert.equal(sent.status, 200);
      assert.equal(received.length, receivedBefore + 1, 'one PUT');
      const bytes = received.at(-1);
      // The bytes received: as many as the page said, the core's build, and what the page shows.
      assert.equal(bytes.length, Number(m[1]));
      const built = api.buildRequest(ESCAPED, { baseUrl: recorder.origin, token: sandbox.token });
      assert.equal(bytes.toString('utf8'), built.request.body);
      assert.ok(bytes.toString('utf8').endsWith('$HOME é"}'));
      const shown = await page.locator('.request-sent pre').textContent();
      assert.equal(shown, bytes.toString('utf8'), '"Request as sent" shows the received bytes');
      const note = await page.locator('.request-sent .hint').textContent();
      assert.match(note, /^Body: 70 B, exactly these bytes sent: the editor's 74 bytes re-written/);
      // The curl snippet carries the same bytes (single-quoted for sh).
      assert.ok(snippet.includes(`--data-raw '${bytes.toString('utf8').replaceAll("'", "'\\''")}'`), snippet);
      await page.locator('.outcome.success').waitFor();
    });
  });

  test('a body already compact: "Sends exactly the editor\'s text", and so it is', async () => {
    answer = success;
    await withPage(async (page) => {
      await target(page, recorder.origin);
      const body = '{"user_group_id":"example_1","name":"café é"}';
      await setBody(page, body);
      assert.equal(
        await page.locator('.sent-bytes').textContent(),
        `Sends exactly the editor's text (${Buffer.byteLength(body)} bytes).`,
      );
      await clickSend(page);
      assert.equal(received.at(-1).toString('utf8'), body);
    });
  });
});

describe('"Request as sent" only for a request that was sent', () => {
  const summary = (page) => page.locator('.request-view summary').textContent();

  test('server down: "Request (not sent …)", no "Request as sent"', async () => {
    await withPage(async (page) => {
      const port = await closedPort();
      await target(page, `http://127.0.0.1:${port}`);
      const sent = await clickSend(page);
      assert.deepEqual([sent.kind, sent.cause], ['network', 'unreachable']);
      assert.match(
        await summary(page),
        /^Request \(not sent: nothing answers at http:\/\/127\.0\.0\.1:\d+ \(network\)/,
      );
      assert.equal(await page.locator('.request-sent').count(), 0);
      assert.doesNotMatch(await page.locator('[part~="response"]').textContent(), /Request as sent/);
    });
  });

  test('origin refused by CORS: "Request (not sent …)", no "Request as sent"', async () => {
    const other = await startStaticServer('127.0.0.2');
    try {
      await withPage(
        async (page) => {
          await target(page, sandbox.origin);
          const sent = await clickSend(page);
          assert.deepEqual([sent.kind, sent.cause], ['network', 'cors']);
          assert.match(await summary(page), /^Request \(not sent: the browser's CORS preflight was refused/);
          assert.equal(await page.locator('.request-sent').count(), 0);
          assert.doesNotMatch(await page.locator('[part~="response"]').textContent(), /Request as sent/);
        },
        { url: `${other.origin}/` },
      );
    } finally {
      await other.close();
    }
  });
});

describe('one verdict, the core’s', () => {
  test('a 2xx with "success": 1 that breaks the contract is a failure, in the view and the history', async () => {
    answer = () => ({ status: 200, text: '{"success":1}' });
    await withPage(async (page) => {
      await target(page, recorder.origin);
      const sent = await clickSend(page);
      assert.deepEqual([sent.kind, sent.status], ['ok', 200]);
      const outcome = page.locator('[part~="response"] .outcome');
      assert.match(await outcome.getAttribute('class'), /\bfailure\b/);
      assert.match(await outcome.textContent(), /outcome: success, but the response breaks the contract/);
      assert.equal(await page.locator('.history-list li').first().getAttribute('class'), 'failure');
      // The same answer, valid: green.
      answer = success;
      await clickSend(page);
      assert.match(await outcome.getAttribute('class'), /\bsuccess\b/);
      assert.equal(await page.locator('.history-list li').first().getAttribute('class'), 'success');
    });
  });
});

describe('the problem and its fix in view', () => {
  for (const token of [true, false]) {
    test(`1280×800, the typo pasted${token ? '' : ' (no token yet)'}: underline and Rename in view, Rename fixes it`, async () => {
      await withPage(async (page) => {
        if (token) await target(page, sandbox.origin);
        await page.evaluate(() => scrollTo(0, 0));
        await setBody(page, TYPO);
        const inView = async (locator) => {
          const b = await locator.boundingBox();
          assert.ok(b, 'not drawn');
          return b.x >= 0 && b.y >= 0 && b.x + b.width <= 1280 && b.y + b.height <= 800 ? true : b;
        };
        assert.equal(await page.evaluate(() => scrollY), 0, 'the page did not scroll');
        const mark = page.locator('.cm-lintRange-error').first();
        assert.equal(await inView(mark), true, 'the underline');
        assert.equal(await mark.textContent(), '"userGroupId"');
        const rename = page.getByRole('button', { name: 'Rename to user_group_id' });
        assert.equal(await inView(rename), true, 'the Rename button');
        const count = await validatedCount(page);
        await rename.click();
        const renamed = await nextValidation(page, count);
        assert.equal(await page.locator('.cm-content').textContent(), '{"user_group_id":"x"}');
        assert.deepEqual(
          renamed.violations.filter((v) => v.location === 'body').map((v) => v.code),
          ['nothing_to_update'],
        );
      });
    });
  }
});
