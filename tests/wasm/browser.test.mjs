// The same ES module, unchanged, in Chromium: on a page and in a module Web Worker.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { test } from 'node:test';

import { launchChromium } from '../chromium.mjs';
import { loadCases } from '../vectors/vectors.mjs';

const pkg = new URL('../../build/wasm/pkg/', import.meta.url).pathname;
const TYPES = { '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
// The test's own files, next to the package's.
const EXTRA = {
  '/index.html': '<!doctype html><title>userapi module</title>',
  '/worker.mjs': `import { createUserApi } from './userapi.mjs';
    const api = await createUserApi();
    postMessage(api.validate(self.name));`,
};

async function serve() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    try {
      const body = EXTRA[path] ?? (await readFile(join(pkg, path)));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

const BODY = '{"userGroupId":"x","name":"é😀"}';

test('page and module worker give the same result as Node', async () => {
  const { server, url } = await serve();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/index.html`);
    const onPage = await page.evaluate(async (body) => {
      const { createUserApi } = await import('./userapi.mjs');
      const started = performance.now();
      const api = await createUserApi();
      return { ms: performance.now() - started, report: api.validate(body) };
    }, BODY);
    const inWorker = await page.evaluate(
      (body) =>
        new Promise((resolve, reject) => {
          const worker = new Worker('./worker.mjs', { type: 'module', name: body });
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => reject(new Error(e.message));
        }),
      BODY,
    );

    const { createUserApi } = await import('userapi');
    const inNode = (await createUserApi()).validate(BODY);
    assert.deepEqual(onPage.report, inNode);
    assert.deepEqual(inWorker, inNode);
    assert.equal(inNode.violations[0].code, 'unknown_field');
    console.log(`# instantiate in Chromium: ${onPage.ms.toFixed(1)} ms (fetch + compile + init)`);
  } finally {
    await browser.close();
    server.close();
  }
});

test('the CSV vectors in Chromium: the batch module tokenises each as the vectors say', async () => {
  const cases = loadCases('csv');
  const { server, url } = await serve();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/index.html`);
    const read = await page.evaluate(
      async (texts) => {
        const { loadBatchCore } = await import('./batch.mjs');
        const core = await loadBatchCore();
        return texts.map((text) => JSON.parse(core.batchCsvRecords(text)));
      },
      cases.map((c) => c.csv),
    );
    cases.forEach((c, i) =>
      assert.deepEqual(
        read[i],
        c.error ? { error: c.error } : { records: c.records },
        `${c.file}: ${c.name}`,
      ),
    );
  } finally {
    await browser.close();
    server.close();
  }
});
