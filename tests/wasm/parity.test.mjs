// The wasm module against the native build: the whole corpus, result for result, field for field.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { createUserApi } from 'userapi';
import { asText, bodyBytes, loadCases } from '../vectors/vectors.mjs';
import { cliJson, cliPath, scratchFile } from './native-cli.mjs';

const api = await createUserApi();

test('validate: every body case gives the native JSON', () => {
  const cases = loadCases('body');
  assert.ok(cases.length >= 150);
  for (const c of cases) {
    const bytes = bodyBytes(c);
    const native = cliJson(['validate', scratchFile(bytes), '--format', 'json']);
    // Valid UTF-8 goes in as a JS string (the normal path), anything else as its bytes.
    const text = asText(bytes);
    const wasm = api.validate(text ?? bytes);
    assert.deepEqual(wasm, native, `${c.file}: ${c.name}`);
    assert.equal(wasm.valid, c.valid, `${c.file}: ${c.name}`);
  }
});

test('buildRequest: every build case gives the native JSON', () => {
  const cases = loadCases('build');
  assert.ok(cases.length >= 60);
  for (const c of cases) {
    // A NUL byte cannot travel in a command-line argument; such cases are checked by the
    // native corpus test and the wasm module's own tests.
    if (`${c.base_url ?? ''}${c.token}`.includes('\0')) continue;
    const bytes = bodyBytes(c);
    const args = [
      'build',
      scratchFile(bytes),
      '--token',
      c.token,
      '--format',
      'json',
      '--token-mode',
      'inline',
    ];
    if (c.base_url !== undefined) args.push('--base-url', c.base_url);
    const native = cliJson(args);
    const wasm = api.buildRequest(asText(bytes) ?? bytes, { baseUrl: c.base_url, token: c.token });
    assert.deepEqual(wasm, native, `${c.file}: ${c.name}`);
  }
});

test('checkResponse: every response case gives the native JSON', () => {
  const cases = loadCases('response');
  assert.ok(cases.length >= 60);
  for (const c of cases) {
    const bytes = bodyBytes(c, 'text');
    const args = ['check-response', scratchFile(bytes), '--status', String(c.status), '--format', 'json'];
    if (c.sent_body !== undefined) args.push('--request', scratchFile(Buffer.from(c.sent_body, 'utf8')));
    const native = cliJson(args);
    const wasm = api.checkResponse(c.status, asText(bytes) ?? '', c.sent_body);
    if (asText(bytes) !== undefined) assert.deepEqual(wasm, native, `${c.file}: ${c.name}`);
    // The one verdict (docs/contract.md): valid and a success.
    assert.equal(native.succeeded, c.valid && c.outcome === 'success', `${c.file}: ${c.name}`);
  }
});

test('snippets: identical to the native ones in every language and token mode', () => {
  const body = '{"user_group_id":"it\'s $HOME","name":"`x`","properties":{"n":1e400}}';
  const { request } = api.buildRequest(body, { baseUrl: 'http://[::1]:8787/v2', token: 'a\'b"c' });
  assert.equal(api.contract.languages.length, 20, 'every snippet language of the core');
  for (const language of api.contract.languages) {
    for (const [mode, flag] of [
      ['redact', 'redact'],
      ['inline', 'inline'],
      [{ env: 'TOK' }, 'env:TOK'],
    ]) {
      const run = [
        'build',
        scratchFile(Buffer.from(body)),
        '--base-url',
        'http://[::1]:8787/v2',
        '--token',
        'a\'b"c',
        '--format',
        language,
        '--token-mode',
        flag,
      ];
      const native = spawnText(run);
      assert.equal(api.snippet(request, language, { token: mode }), native, `${language} ${flag}`);
    }
  }
});

function spawnText(args) {
  return spawnSync(cliPath, args, { encoding: 'utf8' }).stdout;
}
