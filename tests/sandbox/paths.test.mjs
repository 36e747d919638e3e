// Paths a proxy in front and the sandbox must read the same way, and a --web folder that holds
// something other than files: an encoded "/" or "\" gets 400 (a proxy's rule on /api/user must
// not be bypassed by /api%2Fuser), and a FIFO (or a device) gets 404 without blocking anyone.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { request, startServer, tmp } from './server.mjs';

const servers = [];
async function fresh(options) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}
after(async () => {
  for (const s of servers) if (!s.exited()) await s.kill9();
});

describe('encoded separators', () => {
  test('%2F and %5C in a path get 400, in any case, on every route', async () => {
    const s = await fresh();
    const body = '{"user_group_id":"acme","name":"via an encoded slash"}';
    for (const [method, target] of [
      ['PUT', '/api%2Fuser'],
      ['PUT', '/api%2fuser'],
      ['PUT', '/api%5Cuser'],
      ['GET', '/sandbox%2Fuser-groups'],
      ['GET', '/sandbox%2fuser-groups/acme'],
      ['GET', '/%2Fapi/user'],
      ['GET', '/index.html%5c'],
    ]) {
      const r = await request(s, {
        method,
        path: target,
        auth: true,
        body: method === 'PUT' ? body : undefined,
      });
      assert.equal(r.status, 400, `${method} ${target}: ${r.status} ${r.text}`);
      assert.equal(JSON.parse(r.text).error.code, 'bad_request');
    }
    const acme = await request(s, { path: '/sandbox/user-groups/acme', auth: true });
    assert.notEqual(JSON.parse(acme.text).user_group.name, 'via an encoded slash', 'the PUT was applied');
  });

  test('the id segment of /sandbox/user-groups/<id> may still hold %2F (an id with a "/")', async () => {
    const s = await fresh();
    const created = await request(s, {
      method: 'POST',
      path: '/sandbox/user-groups',
      auth: true,
      body: '{"user_group_id":"a/b\\\\c"}',
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.location, '/sandbox/user-groups/a%2Fb%5Cc');
    const r = await request(s, { path: created.headers.location, auth: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).user_group.provided_id, 'a/b\\c');
  });
});

describe('--web with a FIFO', () => {
  test('a FIFO gets 404 at once, twice at the same time, and the other files are served meanwhile', async () => {
    const web = fs.mkdtempSync(path.join(tmp, 'web-'));
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>ok</title>');
    execFileSync('mkfifo', [path.join(web, 'fifo.html')]);
    fs.symlinkSync('/dev/zero', path.join(web, 'zero.txt'));
    fs.mkdirSync(path.join(web, 'dir.html'));
    const s = await fresh({ args: ['--web', web] });
    // Each request waits for its own answer; on the old code the first two never came.
    const [a, b] = await Promise.all([
      request(s, { path: '/fifo.html', timeoutMs: 5000 }),
      request(s, { path: '/fifo.html', timeoutMs: 5000 }),
    ]);
    assert.equal(a.status, 404);
    assert.equal(b.status, 404);
    assert.equal((await request(s, { path: '/zero.txt', timeoutMs: 5000 })).status, 404);
    assert.equal((await request(s, { path: '/dir.html', timeoutMs: 5000 })).status, 404);
    const page = await request(s, { path: '/', timeoutMs: 5000 });
    assert.equal(page.status, 200);
    assert.equal(page.text, '<!doctype html><title>ok</title>');
  });
});
