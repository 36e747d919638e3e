// `userapi serve` as the command ships: the playground compiled in (no --web), with ETag,
// Cache-Control, 304 and a gzip variant made at build time; --web DIR still overrides it and
// revalidates by size and modification time.
//
//   node --test tests/cli/      (after scripts/build)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { repoRoot, startServer, tmp } from '../sandbox/server.mjs';

function get(server, target, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.origin}${target}`, { headers, agent: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

const MEDIA_TYPES = {
  html: /^text\/html/,
  css: /^text\/css/,
  js: /^text\/javascript/,
  mjs: /^text\/javascript/,
  wasm: /^application\/wasm$/,
};

describe('the built-in playground (no --web)', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  test('every file of build/web but the source map is served as built, with its media type', async () => {
    const web = path.join(repoRoot, 'build/web');
    for (const name of fs.readdirSync(web).filter((f) => !f.endsWith('.map'))) {
      const r = await get(server, `/${name}`);
      assert.equal(r.status, 200, name);
      assert.deepEqual(r.body, fs.readFileSync(path.join(web, name)), `${name} differs from build/web`);
      assert.match(r.headers['content-type'], MEDIA_TYPES[name.split('.').pop()], name);
    }
    const page = await get(server, '/');
    assert.match(page.body.toString(), /<title>Update User playground/);
    assert.equal((await get(server, '/playground.js.map')).status, 404);
    assert.doesNotMatch(server.log(), /no playground/);
  });

  test('ETag, Cache-Control and 304; the ETag changes with nothing but the content', async () => {
    const first = await get(server, '/index.html');
    assert.match(first.headers.etag, /^"[0-9a-f]{20}"$/);
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.equal(first.headers.vary, 'Accept-Encoding');
    assert.equal((await get(server, '/')).headers.etag, first.headers.etag);
    for (const ifNoneMatch of [
      first.headers.etag,
      `W/${first.headers.etag}`,
      `"x", ${first.headers.etag}`,
      '*',
    ]) {
      const again = await get(server, '/index.html', { 'If-None-Match': ifNoneMatch });
      assert.equal(again.status, 304, ifNoneMatch);
      assert.equal(again.body.length, 0);
    }
    assert.equal((await get(server, '/index.html', { 'If-None-Match': '"stale"' })).status, 200);
    assert.notEqual((await get(server, '/playground.css')).headers.etag, first.headers.etag);
  });

  test('gzip when the client accepts it, the same bytes every time (made at build time)', async () => {
    const plain = await get(server, '/playground.js');
    const a = await get(server, '/playground.js', { 'Accept-Encoding': 'br, gzip' });
    const b = await get(server, '/playground.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(a.headers['content-encoding'], 'gzip', 'not gzip (or compressed again by httplib as br)');
    assert.deepEqual(a.body, b.body);
    assert.deepEqual(gunzipSync(a.body), plain.body);
    assert.equal(Number(a.headers['content-length']), a.body.length);
    assert.equal(
      (await get(server, '/playground.js', { 'Accept-Encoding': 'gzip;q=0' })).headers['content-encoding'],
      undefined,
    );
    assert.equal(
      (await get(server, '/playground.js', { 'Accept-Encoding': 'identity' })).headers['content-encoding'],
      undefined,
    );
  });
});

describe('--web DIR overrides the built-in page', () => {
  let server;
  const dir = path.join(tmp, 'site');
  before(async () => {
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>mine</title>');
    fs.writeFileSync(path.join(dir, 'sub', 'index.html'), 'sub page');
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    server = await startServer({ args: ['--web', dir] });
  });
  after(() => server?.stop());

  test('serves the folder, index.html for folders, revalidates by size and time, reads changes', async () => {
    const r = await get(server, '/');
    assert.equal(r.body.toString(), '<!doctype html><title>mine</title>');
    assert.match(r.headers.etag, /^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    assert.equal((await get(server, '/', { 'If-None-Match': r.headers.etag })).status, 304);
    assert.equal((await get(server, '/sub/')).body.toString(), 'sub page');
    const empty = await get(server, '/empty.txt');
    assert.equal(empty.status, 200);
    assert.equal(empty.headers['content-length'], '0');
    assert.match(empty.headers['content-type'], /^text\/plain/);
    assert.equal((await get(server, '/playground.js')).status, 404, 'the built-in page leaks through');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>changed</title>');
    const changed = await get(server, '/', { 'If-None-Match': r.headers.etag });
    assert.equal(changed.status, 200);
    assert.match(changed.body.toString(), /changed/);
  });

  test('a --web that is not a folder is refused at start', async () => {
    await assert.rejects(startServer({ args: ['--web', path.join(dir, 'index.html')] }), /not a folder/);
  });
});
