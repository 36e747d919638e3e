// Puts the playground next to the try-it panels of Scalar and Swagger UI on the same OpenAPI
// document (docs/openapi.yaml) and the same sandbox, in Chromium at 1280×800: time to a usable
// panel, where Send and the response land, and a screenshot of each after one send, written to
// docs/screenshots/peer-*.png. For docs/playground.md; not part of the test command.
//
//   (cd tools/peers && npm ci) && node tools/compare-peers.mjs     # after scripts/build
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createUserApi } from '../build/wasm/pkg/userapi.mjs';
import { launchChromium, startSandbox } from '../tests/browser/harness.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const peers = path.join(repo, 'tools', 'peers', 'node_modules');
const shots = path.join(repo, 'docs', 'screenshots');
const BODY = JSON.stringify((await createUserApi()).contract.referenceBody);

function serve(routes) {
  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (!route) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': route.type }).end(route.body());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.2', () =>
      resolve({ origin: `http://127.0.0.2:${server.address().port}`, close: () => server.close() }),
    ),
  );
}

const page = (title, head, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

async function main() {
  let spec = '';
  const file = (p, type) => ({ type, body: () => fs.readFileSync(p) });
  const site = await serve({
    '/openapi.yaml': { type: 'application/yaml', body: () => spec },
    '/scalar.html': {
      type: 'text/html',
      body: () =>
        page(
          'Scalar',
          '',
          '<script id="api-reference" data-url="/openapi.yaml"></script><script src="/scalar.js"></script>',
        ),
    },
    '/scalar.js': file(
      path.join(peers, '@scalar/api-reference/dist/browser/standalone.js'),
      'text/javascript',
    ),
    '/swagger.html': {
      type: 'text/html',
      body: () =>
        page(
          'Swagger UI',
          '<link rel="stylesheet" href="/swagger-ui.css">',
          // The token comes in the fragment and goes in by an interceptor: Swagger UI's Authorize
          // dialog would be one more step to script, not a difference that matters here.
          '<div id="ui"></div><script src="/swagger-ui-bundle.js"></script><script>SwaggerUIBundle({ url: "/openapi.yaml", dom_id: "#ui", requestInterceptor: (r) => { r.headers.Authorization = "Token " + location.hash.slice(1); return r; } })</script>',
        ),
    },
    '/swagger-ui.css': file(path.join(peers, 'swagger-ui-dist/swagger-ui.css'), 'text/css'),
    '/swagger-ui-bundle.js': file(
      path.join(peers, 'swagger-ui-dist/swagger-ui-bundle.js'),
      'text/javascript',
    ),
  });
  const sandbox = await startSandbox({ args: ['--allow-origin', site.origin] });
  // The document as a docs site publishes it for its sandbox (`scripts/contract-docs --base-url`):
  // the sandbox is the first server, so every panel sends there and the code samples name it.
  spec = execFileSync(
    process.execPath,
    [path.join(repo, 'tools', 'contract-docs.mjs'), '--base-url', sandbox.origin],
    {
      encoding: 'utf8',
    },
  );
  const browser = await launchChromium();
  const load = [os.loadavg()[0]];
  const rows = [];
  try {
    for (const panel of [
      ['userapi playground', sandbox.url, ours],
      ['Scalar 1.76', `${site.origin}/scalar.html`, scalar],
      ['Swagger UI 5.35', `${site.origin}/swagger.html#${sandbox.token}`, swagger],
    ])
      rows.push(await measure(browser, panel, sandbox.token));
  } finally {
    await browser.close();
    await sandbox.stop();
    site.close();
  }
  load.push(os.loadavg()[0]);
  printTable(rows, load);
}

const RUNS = 5;

// Load to usable is the median of RUNS fresh contexts; the send and the screenshot are the last run's.
async function measure(browser, [name, url, panel], token) {
  const times = [];
  let where = {};
  const shot = `peer-${name.split(' ')[0].toLowerCase()}.png`;
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    const started = Date.now();
    await p.goto(url);
    await panel.ready(p);
    times.push(Date.now() - started);
    if (run === RUNS) {
      where = await panel.send(p, token);
      await p.screenshot({ path: path.join(shots, shot) });
    }
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { name, times, loadMs: times[RUNS >> 1], ...where, shot };
}

function printTable(rows, load) {
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB;`,
  );
  console.log(
    `load average (1 min) ${load.map((l) => l.toFixed(1)).join(' → ')} during the run; ${RUNS} fresh contexts per panel\n`,
  );
  console.log(
    '| panel | load to usable, median (min–max) ms | Send button y (px) | response status y (px) | screenshot |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    const spread = `${r.loadMs} (${r.times[0]}–${r.times.at(-1)})`;
    console.log(`| ${r.name} | ${spread} | ${r.sendY ?? '-'} | ${r.responseY ?? '-'} | ${r.shot} |`);
  }
}

const y = async (locator) => Math.round((await locator.first().boundingBox())?.y ?? NaN);

const ours = {
  ready: (p) => p.locator('update-user-playground .status', { hasText: 'Validator ready' }).waitFor(),
  async send(p, token) {
    await p.locator('update-user-playground #token').fill(token);
    const sendY = await y(p.locator('update-user-playground [part~="send-button"]'));
    await p.locator('update-user-playground [part~="send-button"]').click();
    await p.locator('update-user-playground .response .outcome').waitFor();
    return { sendY, responseY: await y(p.locator('update-user-playground .response .outcome')) };
  },
};

const scalar = {
  ready: (p) => p.getByText('Update User').first().waitFor({ timeout: 20000 }),
  async send(p, token) {
    // Scalar's "Test Request" opens its client; a token and the body go in there.
    const open = p.getByRole('button', { name: /Test Request/i }).first();
    await open.waitFor({ timeout: 10000 }).catch(() => {});
    if (!(await open.count())) return {};
    await open.click();
    await p.waitForTimeout(1500);
    // The apiKey scheme's value field (its header is Authorization) sits after its "Value:" label.
    await p
      .getByText('Value:')
      .first()
      .click()
      .catch(() => {});
    await p.keyboard.type(`Token ${token}`).catch(() => {});
    const sendButton = p.getByRole('button', { name: /^Send/i }).first();
    const sendY = await y(sendButton).catch(() => undefined);
    await sendButton.click().catch(() => {});
    await p.waitForTimeout(2000);
    const status = p.getByText(/200|401|Status/).first();
    return { sendY, responseY: await y(status).catch(() => undefined) };
  },
};

const swagger = {
  ready: (p) => p.locator('.opblock').first().waitFor({ timeout: 20000 }),
  async send(p) {
    await p.locator('.opblock-summary').first().click();
    await p.getByRole('button', { name: 'Try it out' }).click();
    await p.locator('.body-param__text').fill(BODY);
    const execute = p.getByRole('button', { name: 'Execute' });
    const sendY = await y(execute);
    await execute.click();
    await p.locator('.live-responses-table .response-col_status').first().waitFor({ timeout: 10000 });
    const responseY = await y(p.locator('.live-responses-table .response-col_status'));
    await p.locator('.live-responses-table').scrollIntoViewIfNeeded();
    return { sendY, responseY };
  },
};

await main();
