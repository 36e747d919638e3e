// The command line as a user meets it: every command's --help exits 0 and lists exactly the
// options the README documents for it, --version matches the project, and mistakes (an unknown
// option, a missing value, an unknown command) exit 2 with a message that names them.
//
//   node --test tests/cli/      (after scripts/build; USERAPI_CLI=... to try another binary)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { CLI, assertCli, repoRoot, run, scratchFile, tmp } from '../sandbox/server.mjs';

const OPTIONS = {
  validate: ['--format', '--batch', '--batch-format'],
  build: ['--base-url', '--token', '--token-env', '--format', '--token-mode'],
  send: [
    '--base-url',
    '--token',
    '--token-env',
    '--timeout',
    '--format',
    '--batch',
    '--batch-format',
    '--concurrency',
    '--retries',
    '--report',
    '--resume',
  ],
  'check-response': ['--status', '--request', '--format'],
  serve: [
    '--host',
    '--port',
    '--db',
    '--token',
    '--allow-origin',
    '--web',
    '--log',
    '--public',
    '--session-ttl',
    '--max-sessions',
    '--network-sessions',
    '--session-idle',
    '--session-bytes',
    '--session-groups',
    '--max-disk-bytes',
    '--client-rate',
    '--token-rate',
    '--session-rate',
    '--max-connections',
    '--max-connections-per-client',
    '--max-buffered-bytes',
  ],
};
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const optionsIn = (text) => new Set([...text.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]));

describe('userapi --help and --version', () => {
  test('userapi --help lists every command and exits 0', async () => {
    assertCli();
    const r = await run(CLI, ['--help']);
    assert.equal(r.code, 0, r.stderr);
    for (const command of Object.keys(OPTIONS)) assert.match(r.stdout, new RegExp(`^  ${command} `, 'm'));
    assert.match(r.stdout, /--version/);
  });

  test('userapi --version prints the project version', async () => {
    const cmake = fs.readFileSync(path.join(repoRoot, 'CMakeLists.txt'), 'utf8');
    const version = /project\(userapi VERSION (\S+)/.exec(cmake)[1];
    const r = await run(CLI, ['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `userapi ${version}\n`);
  });

  for (const [command, options] of Object.entries(OPTIONS)) {
    test(`userapi ${command} --help exits 0 and lists exactly its options, as the README does`, async () => {
      const r = await run(CLI, [command, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: userapi ${command} `, 'm'));
      const listed = optionsIn(r.stdout);
      listed.delete('--help');
      assert.deepEqual([...listed].sort(), [...options].sort());
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${command} `));
      assert.ok(row, `README has no row for ${command} in its command table`);
      for (const option of options)
        assert.ok(optionsIn(row).has(option), `README's ${command} row lacks ${option}`);
    });
  }
});

describe('usage errors exit 2 and name the problem', () => {
  for (const [args, named] of [
    [['validate', '--colour', 'x'], '--colour'],
    [['send', '--base-url'], '--base-url'],
    [['serve', '--port'], '--port'],
    [['serve', '--port', '70000'], '--port'],
    [['validate', '--format', 'yaml'], 'yaml'],
    [['check-response', '--status', 'abc'], '--status'],
    [['check-response'], '--status'],
    [['send', '-', '--token', 't'], '--base-url'],
    [
      ['send', '--batch', 'x.csv', '--base-url', 'http://h', '--token', 't', '--concurrency', '0'],
      '--concurrency',
    ],
    [['send', 'x.json', '--batch', 'x.csv', '--base-url', 'http://h', '--token', 't'], '--batch'],
    [['send', '--resume', 'r.json', '--base-url', 'http://h', '--token', 't'], '--batch'],
    [['build', '--token', 't', '--token-env', 'X'], '--token-env'],
    [['frobnicate'], 'frobnicate'],
    [[], 'subcommand'],
  ]) {
    test(`userapi ${args.join(' ')}`, async () => {
      const r = await run(CLI, args);
      assert.equal(r.code, 2, `exit ${r.code}; ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(named), `stderr does not name ${named}: ${r.stderr}`);
      assert.match(r.stderr, /--help/, 'no hint to --help');
    });
  }

  test('-- lets a file name start with -', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'dash-'));
    fs.writeFileSync(path.join(dir, '-body.json'), '{"user_group_id":"a","name":"b"}');
    const r = await run('/bin/sh', ['-c', `cd "${dir}" && exec "${CLI}" validate -- -body.json`]);
    assert.equal(r.code, 0, r.stderr);
    const without = await run('/bin/sh', ['-c', `cd "${dir}" && exec "${CLI}" validate -body.json`]);
    assert.equal(without.code, 2, 'without --, -body.json is an unknown option');
  });

  test('- and no FILE both read standard input; a missing file is an I/O error (2)', async () => {
    const body = '{"userGroupId":"x"}';
    assert.equal((await run(CLI, ['validate', '-'], { input: body })).code, 1);
    assert.equal((await run(CLI, ['validate'], { input: body })).code, 1);
    const missing = await run(CLI, ['validate', path.join(tmp, 'absent.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /absent\.json/);
    assert.equal((await run(CLI, ['validate', scratchFile('{"user_group_id":"a","name":"b"}')])).code, 0);
  });
});
