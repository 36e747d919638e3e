// Nothing readable at rest: the database, its -wal and -shm and the token key are 0600, and no
// token (the dev token, a session's) is in their bytes; the tokens still work after a restart,
// and a database from an earlier version (plain-text tokens) is hashed in place.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { PYTHON, request, run, startServer, tmp } from './server.mjs';

const servers = [];
after(async () => {
  for (const s of servers) if (!s.exited()) await s.kill9();
});
async function fresh(options) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

const FILES = ['', '-wal', '-shm', '.key'];
const mode = (file) => (fs.statSync(file).mode & 0o777).toString(8);

function assertNotStored(db, secrets) {
  for (const suffix of FILES.slice(0, 3)) {
    const file = db + suffix;
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    for (const secret of secrets)
      for (const form of [secret, secret.replace(/^(dev|s)-/, '')])
        assert.equal(bytes.indexOf(form), -1, `${path.basename(file)} holds a token`);
  }
}

async function newSession(s) {
  const r = await request(s, { method: 'POST', path: '/sandbox/sessions' });
  assert.equal(r.status, 201, r.text);
  return JSON.parse(r.text).token;
}

const putWith = (s, token, name) =>
  request(s, {
    method: 'PUT',
    path: '/api/user',
    headers: { Authorization: `Token ${token}` },
    body: JSON.stringify({ user_group_id: 'acme', name }),
  });

describe('tokens at rest', () => {
  test('the files are 0600 and hold no token; after kill -9 and a restart both tokens still work', async () => {
    const db = path.join(fs.mkdtempSync(path.join(tmp, 'rest-')), 'sandbox.db');
    const s = await fresh({ db });
    const session = await newSession(s);
    assert.equal((await putWith(s, session, 'by the session')).status, 200);
    assert.equal((await putWith(s, s.token, 'by the dev token')).status, 200);
    for (const suffix of FILES) assert.equal(mode(db + suffix), '600', `${path.basename(db + suffix)} mode`);
    await s.kill9(); // the WAL and the shared memory stay as they were
    assertNotStored(db, [s.token, session]);
    const again = await fresh({ db });
    assert.equal(again.token, s.token, 'the dev token changed across a restart');
    assert.equal((await putWith(again, session, 'again')).status, 200);
    assert.equal((await putWith(again, 'x' + session.slice(1), 'a guess')).status, 401);
  });

  test('a database with plain-text tokens (an earlier version) is hashed in place on start', async () => {
    const db = path.join(fs.mkdtempSync(path.join(tmp, 'old-')), 'sandbox.db');
    const first = await fresh({ db });
    await first.stop();
    const old = `s-${'ab12'.repeat(16)}`;
    const oldDev = `dev-${'cd34'.repeat(8)}`;
    const script = [
      'import sqlite3, sys',
      'c = sqlite3.connect(sys.argv[1])',
      'c.execute("DELETE FROM meta WHERE key = \'seeded\'")',
      'c.execute("INSERT INTO meta (key, value) VALUES (\'api_token\', ?)", (sys.argv[3],))',
      'c.execute("INSERT INTO sessions (id, token, expires_at) VALUES (\'old\', ?, 4000000000)", (sys.argv[2],))',
      "c.execute(\"INSERT INTO groups SELECT 'old', provided_id, team_id, token, name, mapping, properties, api_environment_tag, updated_at FROM groups WHERE sandbox = ''\")",
      'c.commit()',
    ].join('\n');
    const r = await run(PYTHON, ['-c', script, db, old, oldDev]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.readFileSync(db).includes(old), 'the old token was not written');
    const s = await fresh({ db });
    assert.equal((await putWith(s, old, 'old session')).status, 200);
    assert.equal((await putWith(s, oldDev, 'old dev token')).status, 401);
    await s.stop();
    assertNotStored(db, [old, oldDev]);
  });
});
