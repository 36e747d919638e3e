// Paths a proxy in front and the sandbox must read the same way: an encoded "/" or "\" gets 400
// (a proxy's rule on /api/user must not be bypassed by /api%2Fuser).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { request, startServer } from './server.mjs';

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
