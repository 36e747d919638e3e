// The owner's own sandbox does not throttle its owner: `userapi serve` with its defaults (dev
// token, loopback) has no rate limits, so `userapi send --batch` of 2,000 rows needs no retry;
// with --public the defaults apply again.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { CLI, SEEDS, request, run, scratchFile, startServer, tmp } from '../sandbox/server.mjs';

const servers = [];
after(async () => {
  for (const s of servers) if (!s.exited()) await s.stop();
});

describe('a local sandbox with its defaults', () => {
  test('send --batch of 2,000 rows: no 429, no retry, every row succeeded', async () => {
    const s = await startServer({ rateLimits: true }); // no rate flags at all: the defaults
    servers.push(s);
    const rows = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ user_group_id: SEEDS[i % SEEDS.length], name: `row ${i}` }),
    );
    const report = path.join(tmp, 'local.json');
    const started = Date.now();
    const r = await run(
      CLI,
      [
        'send',
        '--batch',
        scratchFile(`${rows.join('\n')}\n`, '.ndjson'),
        '--base-url',
        s.origin,
        '--token',
        s.token,
        '--retries',
        '0',
        '--report',
        report,
      ],
      { timeout: 120000 },
    );
    console.log(`2,000 rows against the default local sandbox: ${Date.now() - started} ms`);
    assert.equal(r.code, 0, `${r.stdout.slice(-600)}\n${r.stderr.slice(-300)}`);
    assert.match(r.stdout, /: 2,000 succeeded, 0 failed$/m);
    const rowsOut = JSON.parse(fs.readFileSync(report, 'utf8')).rows;
    assert.equal(rowsOut.filter((row) => row.attempts !== 1).length, 0, 'a row was retried');
    assert.doesNotMatch(s.log(), / 429 /, 'the server answered 429');
  });

  test('--public keeps the rate limits on by default: a burst with one token gets 429', async () => {
    const s = await startServer({ rateLimits: true, args: ['--public'] });
    servers.push(s);
    const session = JSON.parse((await request(s, { method: 'POST', path: '/sandbox/sessions' })).text);
    const rs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(s, {
          method: 'PUT',
          path: '/api/user',
          headers: { Authorization: `Token ${session.token}` },
          body: JSON.stringify({ user_group_id: '6', name: `n${i}` }),
        }),
      ),
    );
    assert.ok(rs.filter((r) => r.status === 429).length >= 10, rs.map((r) => r.status).join(' '));
  });
});
