// Real clients against the sandbox: the snippets `userapi build` renders (curl run by sh, python3
// with requests, node's fetch), inline and env token modes, each get 200 and the read-back route
// shows what they stored; the reference page's own curl example, verbatim, succeeds too.
//
//   node --test tests/sandbox/      (after cmake --build build/native; USERAPI_CLI=... to override)
//
// Needs: node 20, /usr/bin/curl, /usr/bin/python3 with python3-requests (Debian packages).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  CLI,
  PYTHON,
  assertTokenNotLogged,
  assertValidResponse,
  put,
  readGroup,
  run,
  scratchFile,
  startServer,
  tmp,
} from './server.mjs';

const ENV_NAME = 'USERAPI_TOKEN';

// The reference page's example request (reference/update-user.mdx), copied verbatim.
const REFERENCE_CURL = `curl --location --request PUT 'https://api.mintlify.com/api/user' \\
--header 'Content-Type: application/json' \\
--header 'Authorization: Token <token>' \\
--data-raw '{
"user_group_id": "example_1",
"name": "Example 1",
"mapping": {"40": "213", "134": "386"},
"properties": {"filterValue": "value"}
}'`;
const REFERENCE_PAGE = [process.env.USERAPI_REFERENCE, '/work/shared/reference/update-user.mdx'].find(
  (p) => p && fs.existsSync(p),
);

// curl reads this file (CURL_HOME) and prints the status after the body, so that the snippet
// itself runs unchanged; no user ~/.curlrc, ~/.netrc or proxy can interfere with any client.
const CURL_HOME = path.join(tmp, 'curl-home');
fs.mkdirSync(CURL_HOME);
fs.writeFileSync(path.join(CURL_HOME, '.curlrc'), 'write-out = "\\n%{http_code}\\n"\nsilent\nshow-error\n');

function clientEnv(token) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/proxy$/i.test(k) && k !== ENV_NAME) env[k] = v;
  Object.assign(env, {
    PATH: `/usr/bin:/bin:${path.dirname(process.execPath)}`,
    HOME: CURL_HOME,
    CURL_HOME,
    NO_PROXY: '*',
    no_proxy: '*',
  });
  if (token !== undefined) env[ENV_NAME] = token;
  return env;
}

/** Runs a snippet with its client; resolves to { status, text } of the HTTP answer the client printed. */
async function runSnippet(language, snippet, env) {
  let r;
  if (language === 'curl') r = await run('/bin/sh', ['-c', snippet], { env });
  else if (language === 'python') r = await run(PYTHON, [scratchFile(snippet, '.py')], { env });
  else r = await run(process.execPath, [scratchFile(snippet, '.mjs')], { env });
  const how = `${language} exited ${r.code}: ${r.stderr.slice(0, 500)} ${r.stdout.slice(0, 300)}`;
  assert.equal(r.code, 0, how);
  const out = r.stdout.replace(/\n$/, '');
  // curl: BODY\nSTATUS (from .curlrc); python and fetch print "STATUS BODY".
  const m = language === 'curl' ? /^([\s\S]*)\n(\d{3})$/.exec(out) : /^(\d{3}) ([\s\S]*)$/.exec(out);
  assert.ok(m, `cannot read the status from the output; ${how}`);
  return language === 'curl' ? { status: Number(m[2]), text: m[1] } : { status: Number(m[1]), text: m[2] };
}

let server;
before(async () => {
  for (const exe of ['/bin/sh', '/usr/bin/curl', PYTHON]) assert.ok(fs.existsSync(exe), `${exe} is missing`);
  const r = await run(PYTHON, ['-c', 'import requests']);
  assert.equal(r.code, 0, 'python3-requests is missing (apt-get install python3-requests)');
  server = await startServer();
});
after(async () => {
  if (!server) return;
  await server.stop();
  assertTokenNotLogged(server);
});

const CLIENTS = ['curl', 'python', 'fetch'];
const MODES = ['inline', `env:${ENV_NAME}`];

describe('snippets from the core, run by their real clients', () => {
  let n = 0;
  for (const language of CLIENTS) {
    for (const mode of MODES) {
      const i = n++;
      const group = ['6', 'acme', 'example_1', 'test_group'][i % 4];
      test(`${language} ${mode}`, async () => {
        // Values a shell, Python or JS literal could mangle, different on every run.
        const body = JSON.stringify({
          user_group_id: group,
          name: `${language} ${mode} it's "é" $HOME \`x\` 😀 #${i}`,
          mapping: { 40: `src-${i}`, 0: 'zero' },
          properties: { client: language, mode, run: i, big: '<big>', nested: { a: [1, null, true] } },
        }).replace('"<big>"', '12345678901234567890123'); // a number beyond double range, as typed
        const built = await run(
          CLI,
          [
            'build',
            '-',
            `--base-url=${server.url}`,
            `--token=${server.token}`,
            `--format=${language}`,
            `--token-mode=${mode}`,
          ],
          { input: body },
        );
        assert.equal(built.code, 0, `userapi build: ${built.stderr}`);
        if (mode !== 'inline')
          assert.ok(!built.stdout.includes(server.token), 'an env snippet holds the token');
        const answer = await runSnippet(
          language,
          built.stdout,
          clientEnv(mode === 'inline' ? undefined : server.token),
        );
        assert.equal(answer.status, 200, answer.text);
        await assertValidResponse(answer, body, `${language} ${mode}`);
        const echoed = JSON.parse(answer.text).user_group;
        const stored = await readGroup(server, group);
        assert.deepEqual(stored, echoed, 'the read-back equals the response');
        const sent = JSON.parse(body);
        assert.equal(stored.name, sent.name);
        assert.deepEqual(stored.mapping, sent.mapping);
        assert.deepEqual(stored.properties, sent.properties);
        assert.ok(
          answer.text.includes('"big":12345678901234567890123'),
          'the big number comes back as typed',
        );
      });
    }
  }
});

test("the reference page's curl example, verbatim, gets 200", async () => {
  if (REFERENCE_PAGE) {
    const page = fs.readFileSync(REFERENCE_PAGE, 'utf8');
    assert.ok(
      page.includes(REFERENCE_CURL),
      `the example in ${REFERENCE_PAGE} changed: update REFERENCE_CURL`,
    );
  }
  // Change the group first, so that the read-back shows what the example stored.
  const groupBefore = await put(server, {
    user_group_id: 'example_1',
    name: 'changed',
    mapping: {},
    properties: { other: 1 },
  });
  assert.equal(groupBefore.status, 200, groupBefore.text);
  const command = REFERENCE_CURL.replace(
    'https://api.mintlify.com/api/user',
    `${server.url}api/user`,
  ).replace('<token>', server.token);
  assert.notEqual(command, REFERENCE_CURL);
  const answer = await runSnippet('curl', command, clientEnv());
  assert.equal(answer.status, 200, answer.text);
  const sentBody = /--data-raw '([\s\S]*)'$/.exec(REFERENCE_CURL)[1];
  await assertValidResponse(answer, sentBody, 'reference example');
  const stored = await readGroup(server, 'example_1');
  assert.equal(stored.name, 'Example 1');
  assert.deepEqual(stored.mapping, { 40: '213', 134: '386' });
  assert.deepEqual(stored.properties, { filterValue: 'value' });
  assert.equal(stored.team_id, 113);
  assert.equal(stored.api_environment_tag, 'Customer');
});
