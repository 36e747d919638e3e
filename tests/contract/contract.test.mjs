// The contract is stated once, in the core; everything that restates it is generated from it and
// checked here: the generated files are current, the OpenAPI document is valid, and every code's
// example in the core's own table really raises that code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse, stringify } from 'yaml';
import { createUserApi } from '../../build/wasm/pkg/userapi.mjs';

const root = new URL('../..', import.meta.url).pathname;
const api = await createUserApi();

test('schema, OpenAPI, module types and contract.md tables are what the core generates', () => {
  // Throws (with the generator's list of stale files on stderr) when anything drifted.
  execFileSync('node', ['tools/contract-docs.mjs', '--check'], { cwd: root, stdio: 'pipe' });
});

test('docs/openapi.yaml is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
  const doc = await SwaggerParser.validate(`${root}docs/openapi.yaml`);
  const put = doc.paths[api.contract.path].put;
  assert.deepEqual(Object.keys(put.responses).sort(), ['200', '401', '404', '413', '415', '422', '500']);
  // The code samples are the core's snippets of the reference request, one per language.
  assert.deepEqual(
    put['x-codeSamples'].map((s) => s.lang),
    api.contract.languages,
  );
  const curl = put['x-codeSamples'].find((s) => s.lang === 'curl').source;
  assert.match(curl, /--header 'Authorization: Token <token>'/);
});

// A docs site that points `servers` at its sandbox gets samples that send there (issue 26).
test('x-codeSamples follow the first server: --openapi on an edited document, and --base-url', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'contract-docs-'));
  try {
    const sandbox = 'http://sandbox.docs.example:8787/v2';
    const doc = parse(readFileSync(`${root}docs/openapi.yaml`, 'utf8'));
    doc.servers = [{ url: sandbox, description: 'The docs site sandbox' }, ...doc.servers];
    const edited = path.join(dir, 'edited.yaml');
    writeFileSync(edited, stringify(doc));
    const out = path.join(dir, 'out.yaml');
    execFileSync('node', ['tools/contract-docs.mjs', '--openapi', edited, '--out', out], { cwd: root });
    const byFlag = execFileSync('node', ['tools/contract-docs.mjs', '--base-url', sandbox], { cwd: root });
    for (const rendered of [parse(readFileSync(out, 'utf8')), parse(byFlag.toString())]) {
      assert.equal(rendered.servers[0].url, sandbox);
      const samples = rendered.paths[api.contract.path].put['x-codeSamples'];
      assert.deepEqual(
        samples.map((s) => s.lang),
        api.contract.languages,
      );
      for (const { lang, source } of samples) {
        assert.ok(source.includes(`${sandbox}/api/user`) || source.includes('sandbox.docs.example'), lang);
        assert.ok(!source.includes(api.contract.defaultBaseUrl), `${lang} still names production`);
      }
    }
    // The committed document is untouched, and a server the core refuses is an error, not a sample.
    execFileSync('node', ['tools/contract-docs.mjs', '--check'], { cwd: root, stdio: 'pipe' });
    assert.throws(
      () =>
        execFileSync('node', ['tools/contract-docs.mjs', '--base-url', '/relative'], {
          cwd: root,
          stdio: 'pipe',
        }),
      (e) => e.status === 2 && /not a base URL/.test(e.stderr),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A file's example is a CSV file; its code is the file's or a row's.
async function batchViolationsOf(input) {
  const batch = await api.parseBatch(input, { format: 'csv' });
  return [...batch.violations, ...batch.rows.flatMap((r) => r.violations)];
}

function violationsOf(location, input) {
  if (location === 'body') return api.validate(input).violations;
  if (location === 'response') return api.checkResponse(200, input).violations;
  if (location === 'base_url') return api.buildRequest('{}', { baseUrl: input, token: 't' }).violations;
  return api.buildRequest('{}', { token: input }).violations;
}

for (const code of api.contract.codes.filter((c) => c.example)) {
  test(`the example of ${code.id} raises it`, async () => {
    const { location, input } = code.example;
    const violations = location === 'file' ? await batchViolationsOf(input) : violationsOf(location, input);
    const found = violations.filter((v) => v.location === location && v.code === code.id);
    assert.ok(found.length > 0, `${location} ${JSON.stringify(input)} does not raise ${code.id}`);
  });
}

test('every code is in the table once, with when-text and a message', () => {
  const ids = api.contract.codes.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const c of api.contract.codes) assert.ok(c.when.length > 10 && c.message.length > 10, c.id);
  // Most codes carry a runnable example; the few without need inputs too big to inline.
  assert.ok(api.contract.codes.filter((c) => !c.example).length <= 5);
});

test('unknown snippet language and token mode: RangeError with the core reason', () => {
  const { request } = api.buildRequest('{"user_group_id":"a","name":"b"}', { token: 't' });
  assert.throws(() => api.snippet(request, 'cobol'), {
    name: 'RangeError',
    message: /unknown snippet language "cobol"; use one of curl/,
  });
  assert.throws(() => api.snippet(request, 'curl', { token: { env: 'PWD' } }), {
    name: 'RangeError',
    message: /token mode/,
  });
});

test('the documented answers: one per status, examples the core can check', () => {
  const statuses = api.contract.responses.map((r) => r.status);
  assert.deepEqual(statuses, [200, 401, 404, 413, 415, 422, 500]);
  for (const { status, example } of api.contract.responses) {
    const check = api.checkResponse(status, JSON.stringify(example));
    assert.equal(check.valid, true, `${status}: ${JSON.stringify(check.violations)}`);
    assert.equal(check.outcome, status === 200 ? 'success' : 'failure');
  }
  // The 413 example names the limit: it follows a change of it or fails here.
  const tooLarge = api.contract.responses.find((r) => r.status === 413).example.error.message;
  assert.ok(tooLarge.includes(String(api.contract.limits.maxBytes)), tooLarge);
  assert.deepEqual(
    api.contract.responses.find((r) => r.status === 422).example.violations,
    api.validate('{"userGroupId":"x"}').violations,
  );
});

// The docs' UserGroup schema comes from api.contract.userGroupMembers: the response check must hold
// a success to exactly that table, or the docs would promise what the core does not check.
test("a success's user_group is checked as userGroupMembers says: required members, types, null", () => {
  const ok = api.contract.responses.find((r) => r.status === 200).example;
  const codesFor = (group) =>
    api
      .checkResponse(200, JSON.stringify({ ...ok, user_group: group }))
      .violations.map((v) => `${v.path} ${v.code}`);
  const TYPE_CODE = { integer: 'type.integer', string: 'type.string', object: 'type.object' };
  const WRONG = { integer: '"1"', string: 1, object: [] };
  for (const m of api.contract.userGroupMembers) {
    const pointer = `/user_group/${m.name}`;
    const { [m.name]: _, ...without } = ok.user_group;
    assert.deepEqual(codesFor(without), m.required ? [`${pointer} required`] : [], `${m.name} missing`);
    const wrong = { ...ok.user_group, [m.name]: WRONG[m.type] };
    assert.deepEqual(codesFor(wrong), [`${pointer} ${TYPE_CODE[m.type]}`], `${m.name} of another type`);
    const asNull = codesFor({ ...ok.user_group, [m.name]: null });
    assert.deepEqual(asNull, m.nullable ? [] : [`${pointer} ${TYPE_CODE[m.type]}`], `${m.name} null`);
  }
});

test('examples/update-user.json is the reference body, which the core accepts without a warning', () => {
  const file = JSON.parse(readFileSync(path.join(root, 'examples/update-user.json'), 'utf8'));
  assert.deepEqual(file, api.contract.referenceBody);
  assert.deepEqual(api.validate(JSON.stringify(file)).violations, []);
});

test('each member lists rules and only codes the core has', () => {
  const ids = new Set(api.contract.codes.map((c) => c.id));
  for (const m of api.contract.members) {
    assert.ok(m.rules.length >= 2, m.name);
    for (const code of m.codes) assert.ok(ids.has(code), `${m.name}: ${code}`);
  }
});
