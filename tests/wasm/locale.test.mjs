// The corpus once per locale: the module's localised results are the native command's
// (`--lang`), byte for byte, and differ from the English ones only in their messages.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { createUserApi } from 'userapi';
import { asText, bodyBytes, loadCases } from '../vectors/vectors.mjs';
import { cliJson, scratchFile } from './native-cli.mjs';

const api = await createUserApi();
const others = api.locales.map((l) => l.tag).filter((tag) => tag !== 'en');
const withoutMessages = (result) =>
  JSON.stringify({ ...result, violations: result.violations.map(({ message, ...v }) => v) });

// `localized` against the native JSON in `tag`, and against `english` apart from messages.
function expectParity(localized, native, english, tag, label) {
  assert.equal(JSON.stringify(localized), JSON.stringify(native), `${tag} ${label}: wasm and native bytes`);
  assert.equal(withoutMessages(localized), withoutMessages(english), `${tag} ${label}: only messages change`);
  localized.violations.forEach((v, i) =>
    assert.notEqual(v.message, english.violations[i].message, `${tag} ${label}: ${v.code} is translated`),
  );
}

test('the module knows the languages of the core, English first', () => {
  assert.deepEqual(
    api.locales.map((l) => l.tag),
    ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'zh-Hans'],
  );
  assert.equal(api.locale, 'en');
});

test('createUserApi({ locale }) matches like BCP 47 lookup; unknown is English, never an error', async () => {
  const cases = {
    'de-AT': 'de',
    pt: 'pt-BR',
    'pt-BR': 'pt-BR',
    zh: 'zh-Hans',
    'zh-CN': 'zh-Hans',
    'zh-Hans': 'zh-Hans',
    'ja-JP': 'ja',
    'fr-CA': 'fr',
    'es-419': 'es',
    'en-GB': 'en',
    xx: 'en',
    '': 'en',
    'not a tag at all': 'en',
  };
  for (const [asked, tag] of Object.entries(cases)) {
    const localized = await createUserApi({ locale: asked });
    assert.equal(localized.locale, tag, asked);
  }
  assert.equal((await createUserApi({ locale: ['xx', 'ja-JP', 'de'] })).locale, 'ja');
  assert.equal((await createUserApi({ locale: 'en-US,de;q=0.9' })).locale, 'en');
});

test('per call: validate(text, { locale }) overrides the default; codes and positions stay', async () => {
  const de = await createUserApi({ locale: 'de' });
  const typo = '{"userGroupId":"x"}';
  assert.equal(
    de.validate(typo).violations[0].message,
    'Dieses Feld ist nicht Teil des Vertrags. Meinten Sie „user_group_id“?',
  );
  assert.equal(
    de.validate(typo, { locale: 'en' }).violations[0].message,
    api.validate(typo).violations[0].message,
  );
  assert.equal(
    api.validate(typo, { locale: 'ja' }).violations[0].message,
    'このフィールドは仕様に含まれていません。「user_group_id」の間違いではありませんか？',
  );
  assert.equal(withoutMessages(de.validate(typo)), withoutMessages(api.validate(typo)));
  const built = de.buildRequest('{}', { baseUrl: 'ftp://x', token: '', locale: 'fr' });
  assert.deepEqual(
    built.violations.map((v) => v.message),
    api.buildRequest('{}', { baseUrl: 'ftp://x', token: '', locale: 'fr' }).violations.map((v) => v.message),
  );
  assert.match(built.violations.find((v) => v.location === 'base_url').message, /^L’URL de base/);
  assert.equal(de.checkResponse(200, '{"success":2}').violations[0].message, 'Zulässig sind nur 0 oder 1.');
});

test('catalog(tag): every code, with the English placeholders', () => {
  const english = api.catalog('en');
  const names = (text) => [...text.matchAll(/\{[^}]*\}|\[/g)].map((m) => m[0]).sort();
  for (const tag of others) {
    const catalog = api.catalog(tag);
    assert.equal(catalog.locale, tag);
    assert.deepEqual(
      Object.keys(catalog.codes),
      api.contract.codes.map((c) => c.id),
    );
    for (const [code, text] of Object.entries(catalog.codes))
      assert.deepEqual(names(text), names(english.codes[code]), `${tag} ${code}`);
    assert.deepEqual(Object.keys(catalog.phrases), Object.keys(english.phrases));
  }
});

// The playground's own texts (the `page` section the web build bundles, web/src/texts.js): every
// catalog file has every English key, with the English placeholders and no other key, and every
// key the page's code names exists.
test('i18n/<tag>.json page: every key in every language, the same placeholders', () => {
  const read = (tag) => JSON.parse(readFileSync(new URL(`../../i18n/${tag}.json`, import.meta.url), 'utf8'));
  const english = read('en').page;
  const names = (text) => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
  assert.ok(Object.keys(english).length > 100, 'en.json has the page section');
  for (const tag of others) {
    const page = read(tag).page;
    assert.deepEqual(Object.keys(page), Object.keys(english), `${tag}: the same keys, in the same order`);
    for (const [key, text] of Object.entries(page))
      assert.deepEqual(names(text), names(english[key]), `${tag} ${key}: ${text}`);
  }
  const src = new URL('../../web/src/', import.meta.url);
  for (const file of readdirSync(src).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(new URL(file, src), 'utf8');
    for (const [, plural, key] of code.matchAll(/(?:\bt|#t)(\.plural)?\('([a-zA-Z]+\.[a-zA-Z.]+)'/g))
      for (const k of plural ? [`${key}.one`, `${key}.other`] : [key])
        assert.ok(k in english, `${file} names ${k}, which en.json lacks`);
    for (const [, key] of code.matchAll(/'data-t(?:-\w+)?': '([a-zA-Z.]+)'/g))
      assert.ok(key in english, `${file} names ${key}, which en.json lacks`);
  }
});

for (const tag of others) {
  test(`${tag}: every body, build and response case as the native command gives it`, () => {
    for (const c of loadCases('body')) {
      const bytes = bodyBytes(c);
      const input = asText(bytes) ?? bytes;
      const native = cliJson(['validate', scratchFile(bytes), '--format', 'json', '--lang', tag]);
      expectParity(
        api.validate(input, { locale: tag }),
        native,
        api.validate(input),
        tag,
        `${c.file}: ${c.name}`,
      );
    }
    for (const c of loadCases('build')) {
      if (`${c.base_url ?? ''}${c.token}`.includes('\0')) continue; // not in an argument
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
      const options = { baseUrl: c.base_url, token: c.token };
      const input = asText(bytes) ?? bytes;
      expectParity(
        api.buildRequest(input, { ...options, locale: tag }),
        cliJson([...args, '--lang', tag]),
        api.buildRequest(input, options),
        tag,
        `${c.file}: ${c.name}`,
      );
    }
    for (const c of loadCases('response')) {
      const bytes = bodyBytes(c, 'text');
      if (asText(bytes) === undefined) continue;
      const args = ['check-response', scratchFile(bytes), '--status', String(c.status), '--format', 'json'];
      if (c.sent_body !== undefined) args.push('--request', scratchFile(Buffer.from(c.sent_body, 'utf8')));
      expectParity(
        api.checkResponse(c.status, asText(bytes), c.sent_body, { locale: tag }),
        cliJson([...args, '--lang', tag]),
        api.checkResponse(c.status, asText(bytes), c.sent_body),
        tag,
        `${c.file}: ${c.name}`,
      );
    }
  });
}

test("LANG and LC_MESSAGES choose the command's language; --lang wins", async () => {
  const { spawnSync } = await import('node:child_process');
  const { cliPath } = await import('./native-cli.mjs');
  const file = scratchFile(Buffer.from('{"userGroupId":"x"}'));
  const message = (env, args = []) => {
    const run = spawnSync(cliPath, ['validate', file, '--format', 'json', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    });
    return JSON.parse(run.stdout).violations[0].message;
  };
  const english = api.validate('{"userGroupId":"x"}').violations[0].message;
  const german = api.validate('{"userGroupId":"x"}', { locale: 'de' }).violations[0].message;
  const japanese = api.validate('{"userGroupId":"x"}', { locale: 'ja' }).violations[0].message;
  assert.equal(message({}), english);
  assert.equal(message({ LANG: 'de_DE.UTF-8' }), german);
  assert.equal(message({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' }), japanese);
  assert.equal(message({ LC_ALL: 'C', LANG: 'de_DE.UTF-8' }), english);
  assert.equal(message({ LANG: 'de_DE.UTF-8' }, ['--lang', 'ja']), japanese);
  assert.equal(message({ LANG: 'xx_YY' }), english);
});
