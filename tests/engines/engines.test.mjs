// Every engine: the playground flow and the module's API in Firefox ESR and WebKitGTK (Chromium has
// tests/browser/ and tests/wasm/), through the small driver layer in drivers.mjs.
//
//   node --test --test-reporter=spec tests/engines/      (after scripts/build and scripts/setup)
//
// For each engine: (1) the page `userapi serve` serves, against that sandbox: validator ready, the
// typo body pasted, its unknown_field problem with "Did you mean" and the Rename fix applied, the
// reference body typed with the keyboard and sent, 200 shown, no page errors; (2) build/npm's
// userapi.mjs loaded in a page of a plain static server: validate, buildRequest, snippet (every
// language) and checkResponse give what the same module gives in Node, in this test run.
// Each engine's parts are timed and printed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { assertBuilt, repoRoot, startNodeServer, startSandbox } from '../browser/harness.mjs';
import { loadCases } from '../vectors/vectors.mjs';
import { ENGINES, launchEngine, missing, TIMEOUT } from './drivers.mjs';

const npmDir = path.join(repoRoot, 'build', 'npm');
const TYPO = '{"userGroupId":"x"}';
// The reference page's example, compact (typed key by key; the editor does not close brackets).
const REFERENCE = JSON.stringify(
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/update-user.json'))),
);

// Bodies for the module: text (positions in UTF-16 and code points), bytes and objects.
const BODIES = [
  { text: REFERENCE },
  { text: TYPO },
  {
    text: '{\n  "user_group_id": "grüße_日本",\n  "name": "Zoë 👩‍💻 Łódź",\n  "properties": {"città": "Zürich"}\n}',
  },
  // Violations after astral characters: UTF-16 from/to and code-point columns differ.
  { text: '{"name":"日本👩‍💻","user_group_id":"é","mapping":{"040":213,"٣":"x"},"naem":1}' },
  { text: '{"user_group_id":"a","name":"\\ud800"}' },
  { text: '{"user_group_id": "a", "name": "🎉",}' },
  { text: '{"user_group_id":"a","user_group_id":"b","extra":[1e400]}' },
  { bytes: [0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d] }, // {"name":"\xc3("}
  { object: { user_group_id: 'acme', name: 'Ünïcödé', mapping: { 7: '8' } } },
];
// A few response cases of the shared corpus, alone and against the request that was sent.
const RESPONSES = ['success.json', 'failure.json', 'mismatch.json'].flatMap((file) =>
  loadCases('response')
    .filter((c) => c.file === file)
    .slice(0, 3)
    .map(({ status, text }) => ({ status, text })),
);

// Runs the same way in Node and in the page: self-contained (it is sent to the page as its source).
async function exercise(api, bodies, responses) {
  const input = (b) => (b.bytes ? new Uint8Array(b.bytes) : (b.text ?? b.object));
  const options = { baseUrl: 'http://127.0.0.1:8787', token: 'tok-ÄÖ-123' };
  const out = { version: api.version, languages: api.contract.languages, bodies: [], responses: [] };
  for (const b of bodies) {
    const one = { validate: api.validate(input(b)), build: api.buildRequest(input(b), options) };
    one.forced = api.buildRequest(input(b), { ...options, force: true });
    const request = one.build.request ?? one.forced.request;
    if (request) {
      one.snippets = {};
      for (const language of api.contract.languages) {
        one.snippets[language] = [
          api.snippet(request, language),
          api.snippet(request, language, { token: 'inline' }),
          api.snippet(request, language, { token: { env: 'USERAPI_TOKEN' } }),
        ];
      }
      one.checks = responses.map((r) => api.checkResponse(r.status, r.text, request));
    }
    out.bodies.push(one);
  }
  out.responses = responses.map((r) => api.checkResponse(r.status, r.text));
  return out;
}

let sandbox;
let statics;
let nodeResult;

before(async () => {
  assertBuilt();
  assert.ok(fs.existsSync(path.join(npmDir, 'userapi.mjs')), `no ${npmDir}/userapi.mjs: run scripts/build`);
  const { createUserApi } = await import(pathToFileURL(path.join(npmDir, 'userapi.mjs')));
  nodeResult = JSON.parse(JSON.stringify(await exercise(await createUserApi(), BODIES, RESPONSES)));
  [sandbox, statics] = await Promise.all([startSandbox(), startModuleServer()]);
});

after(async () => {
  await sandbox?.stop();
  await statics?.close();
});

// build/npm's files, and at / an empty page to import the module from (same origin, no CSP).
function startModuleServer() {
  const types = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  return startNodeServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1);
    if (name === '') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><meta charset="utf-8"><title>userapi module</title>');
    }
    const file = path.join(npmDir, path.basename(name));
    if (!types[path.extname(file)] || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] });
    fs.createReadStream(file).pipe(res);
  });
}

// Each wait is bounded by TIMEOUT; a whole test or hook by this, so a hung engine cannot hang the run.
const LIMIT = { timeout: 5 * TIMEOUT };
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

for (const name of ENGINES) {
  describe(name, () => {
    let engine;
    const times = {};

    before(async () => {
      assert.deepEqual(missing(name), [], `${name} is not installed`);
      const started = performance.now();
      engine = await launchEngine(name);
      times.launch = performance.now() - started;
    }, LIMIT);

    after(async () => {
      await engine?.close();
      const parts = Object.entries(times).map(([part, ms]) => `${part} ${seconds(ms)}`);
      const total = Object.values(times).reduce((a, b) => a + b, 0);
      console.log(
        `# ${name} (${engine?.version ?? 'not started'}): ${parts.join(', ')}; ${seconds(total)} in all`,
      );
    });

    test(
      'playground flow: validator ready, typo flagged, Rename, reference body sent, 200',
      LIMIT,
      async () => {
        const started = performance.now();
        await openPlayground(engine);
        await typeTokenAndTypo(engine);
        await renameTypo(engine);
        await sendReference(engine);
        times['playground flow'] = performance.now() - started;
      },
    );

    test("module API: validate, buildRequest, snippet, checkResponse equal Node's", LIMIT, async () => {
      const started = performance.now();
      await engine.open(`${statics.origin}/`);
      const inPage = await engine.evaluate(
        async (src, url, bodies, responses) => {
          const { createUserApi } = await import(url);
          const run = new Function(`return (${src})`)();
          return run(await createUserApi(), bodies, responses);
        },
        String(exercise),
        `${statics.origin}/userapi.mjs`,
        BODIES,
        RESPONSES,
      );
      assert.equal(inPage.bodies.length, BODIES.length);
      assert.deepEqual(inPage, nodeResult);
      assert.deepEqual(await engine.pageErrors(), [], 'errors on the page');
      times['module API'] = performance.now() - started;
    });
  });
}

async function openPlayground(engine) {
  await engine.open(sandbox.url).catch(async (error) => {
    // Say whether the sandbox is still there, and what it logged.
    const probe = await fetch(sandbox.url).then(
      (r) => `HTTP ${r.status}`,
      (e) => String(e.cause ?? e),
    );
    error.message += `\nsandbox ${sandbox.url}: ${probe}; its log:\n${sandbox.log().slice(-2000)}`;
    throw error;
  });
  await engine.evaluate(installProbe);
  await waitPg(engine, () => window.__pg.ready(), [], '"Validator ready" and the editor');
}

// The dev token, typed with the keyboard; then the typo body pasted over the example (the
// editor's select-all with the keyboard first).
async function typeTokenAndTypo(engine) {
  let count = await validatedCount(engine);
  await engine.typeInto('#token', sandbox.token);
  await waitPg(
    engine,
    (n) => window.__pg.validatedAfter(n, 0),
    [count],
    'no problems once the token is typed',
  );
  count = await validatedCount(engine);
  await engine.focus('.cm-content');
  await engine.selectAll();
  await engine.paste(TYPO);
  await waitPg(engine, (n) => window.__pg.validatedAfter(n), [count], 'validation of the typo body');
  const typo = await engine.evaluate(() => window.__pg.read());
  assert.equal(typo.text, TYPO);
  assert.deepEqual(typo.violations, ['/userGroupId unknown_field', '/user_group_id required']);
  assert.match(typo.problems, /\/userGroupId.*Did you mean "user_group_id"\?.*\[unknown_field\]/s);
  assert.deepEqual(typo.fixes, ['Rename to user_group_id']);
}

// The fix, with a click: the key is renamed, no error is left (only the warning that a body
// with nothing but user_group_id changes nothing).
async function renameTypo(engine) {
  const count = await validatedCount(engine);
  await engine.click('button.fix');
  await waitPg(engine, (n) => window.__pg.validatedAfter(n), [count], 'validation after Rename');
  const renamed = await engine.evaluate(() => window.__pg.read());
  assert.equal(renamed.text, '{"user_group_id":"x"}');
  assert.deepEqual(renamed.violations, [' nothing_to_update']);
  assert.deepEqual(renamed.fixes, []);
}

// The reference body, typed key by key, then Send.
async function sendReference(engine) {
  await engine.focus('.cm-content');
  await engine.selectAll();
  await engine.typeKeys(REFERENCE);
  await waitPg(
    engine,
    (text) => window.__pg.read().text === text && window.__pg.validatedAfter(0, 0),
    [REFERENCE],
    'the typed reference body, without problems',
  );
  const sent = await engine.evaluate(() => window.__pg.sent.length);
  const puts = sandbox.log().match(/ PUT \/api\/user 200 /g)?.length ?? 0;
  await engine.click('button.primary[part="send-button"]');
  await waitPg(engine, (n) => window.__pg.sent.length > n, [sent], 'a response');
  const response = await engine.evaluate(() => window.__pg.read());
  assert.deepEqual(response.sent.at(-1), { kind: 'ok', status: 200 });
  assert.match(response.outcome, /^200 OK · \d+ ms · \d+ B · outcome: success$/);
  assert.match(response.responseBody, /"name": "Example 1"/);
  // And the sandbox logged one more successful PUT (Firefox's run comes first on the same sandbox).
  await sandbox.waitForLog(new RegExp(`(?: PUT /api/user 200 [^]*){${puts + 1}}`), TIMEOUT);
  assert.deepEqual(await engine.pageErrors(), [], 'errors on the page');
}

/** engine.waitFor, with what the playground shows when the wait fails. */
async function waitPg(engine, fn, args, what) {
  try {
    await engine.waitFor(fn, args, what);
  } catch (error) {
    const state = await engine.evaluate(() => window.__pg?.read()).catch((e) => String(e));
    error.message += `\npage: ${JSON.stringify(state, null, 1)}`;
    throw error;
  }
}

const validatedCount = (engine) => engine.evaluate(() => window.__pg.validated);

// Installed in the playground's page after it loaded (see drivers.mjs): counts the element's
// events and reads what it shows. userapi-validate does not bubble, so the listeners capture.
function installProbe() {
  if (window.__pg) return;
  const root = () => document.querySelector('update-user-playground')?.shadowRoot;
  const pg = {
    validated: 0,
    last: undefined,
    sent: [],
    ready: () =>
      /^Validator ready/.test(root()?.querySelector('.status')?.textContent ?? '') &&
      Boolean(root().querySelector('.cm-content')),
    // True once more than `n` validations came, the last with `problems` violations if given.
    validatedAfter: (n, problems) =>
      pg.validated > n && (problems === undefined || pg.last.violations.length === problems),
    read: () => ({
      text: [...root().querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'),
      violations: pg.last?.violations.map((v) => `${v.path} ${v.code}`),
      problems: root().querySelector('.problems')?.textContent ?? '',
      fixes: [...root().querySelectorAll('.problems button.fix')].map((b) => b.textContent),
      outcome: root().querySelector('.response .outcome')?.textContent,
      responseBody: root().querySelector('.response-body')?.textContent,
      sent: pg.sent,
    }),
  };
  window.__pg = pg;
  addEventListener(
    'userapi-validate',
    (e) => {
      pg.validated += 1;
      pg.last = e.detail;
    },
    true,
  );
  addEventListener(
    'userapi-response',
    (e) => pg.sent.push({ kind: e.detail.ok ? 'ok' : e.detail.kind, status: e.detail.status }),
    true,
  );
}
