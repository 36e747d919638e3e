// What a visitor can make the server write to disk: a session's quota counts every stored byte
// (ids included, twice, with the row's overhead and overflow pages), measured against the file
// itself; and the whole database has a budget (--max-disk-bytes): beyond it 507, never a 500.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { PYTHON, request, run, startServer, tmp } from './server.mjs';

const servers = [];
async function fresh(options) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}
after(async () => {
  for (const s of servers) if (!s.exited()) await s.kill9();
});

/** Checkpoints the WAL into the database (python3's sqlite3, beside the server) and returns its size. */
async function checkpointedSize(db) {
  const r = await run(PYTHON, [
    '-c',
    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)').fetchone()",
    db,
  ]);
  assert.equal(r.code, 0, r.stderr);
  return fs.statSync(db).size;
}

const post = (s, token, body) =>
  request(s, {
    method: 'POST',
    path: '/sandbox/user-groups',
    headers: { Authorization: `Token ${token}` },
    body: JSON.stringify(body),
  });

describe('disk', () => {
  test('a session filling its quota with 255-emoji ids grows the file by at most 1.5 x --session-bytes', async () => {
    const db = path.join(fs.mkdtempSync(path.join(tmp, 'disk-')), 'sandbox.db');
    const s = await fresh({ db });
    const before = await checkpointedSize(db);
    const session = JSON.parse((await request(s, { method: 'POST', path: '/sandbox/sessions' })).text).token;
    let created = 0;
    for (let i = 0; i < 1000; i++) {
      const id = '\u{1F600}'.repeat(250) + String(i).padStart(5, '0');
      const r = await post(s, session, { user_group_id: id });
      if (r.status === 413) break;
      assert.equal(r.status, 201, r.text.slice(0, 200));
      created++;
    }
    // Then the rest of the quota as properties of a seed, in 4 KiB steps, until 413.
    let pad = '';
    for (let i = 0; i < 100; i++) {
      pad += 'p'.repeat(4096);
      const r = await request(s, {
        method: 'PUT',
        path: '/api/user',
        headers: { Authorization: `Token ${session}` },
        body: JSON.stringify({ user_group_id: 'acme', properties: { pad } }),
      });
      if (r.status === 413) break;
      assert.equal(r.status, 200, r.text.slice(0, 200));
    }
    const grown = (await checkpointedSize(db)) - before;
    console.log(`one session at its quota: ${created} groups with 1 KB ids, the file grew by ${grown} bytes`);
    assert.ok(created > 0 && created < 20, `${created} groups`);
    assert.ok(grown <= 1.5 * 65536, `the file grew by ${grown} bytes for a 65,536-byte quota`);
  });
});

describe('disk: the budget', () => {
  test('--max-disk-bytes: past the budget writes get 507 disk_budget and new sessions 503, never 500', async () => {
    const s = await fresh({ args: ['--max-disk-bytes', String(256 * 1024)] });
    let refused;
    for (let i = 0; i < 2000 && !refused; i++) {
      const r = await post(s, s.token, { user_group_id: `g${i}`, name: 'n'.repeat(250) });
      if (r.status === 507) refused = r;
      else assert.equal(r.status, 201, r.text);
    }
    assert.ok(refused, 'no 507 after 2,000 groups');
    assert.deepEqual(JSON.parse(refused.text), {
      success: 0,
      error: { code: 'disk_budget', message: JSON.parse(refused.text).error.message },
    });
    const session = await request(s, { method: 'POST', path: '/sandbox/sessions' });
    assert.equal(session.status, 503, session.text);
    assert.equal(JSON.parse(session.text).error.code, 'session_quota');
    const put = await request(s, {
      method: 'PUT',
      path: '/api/user',
      auth: true,
      body: JSON.stringify({ user_group_id: 'acme', properties: { pad: 'p'.repeat(100000) } }),
    });
    assert.equal(put.status, 507, put.text);
    assert.equal(
      (await request(s, { path: '/sandbox/user-groups/g0', auth: true })).status,
      200,
      'reads work',
    );
  });
});
