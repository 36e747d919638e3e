// A console's own React form with userapi/react-hook-form (tests/frameworks/react-hook-form, a
// strict TSX project built with Vite from the packed tarball): the core's verdict, in the page's
// language, under the field it is about, for a nested mapping key and a properties row. The
// expected messages are the native command's (`userapi --lang`), so the form shows what the
// server would say.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchChromium, repoRoot, startStaticServer } from '../browser/harness.mjs';
import { freshProject, installFrameworks, timed, work } from './projects.mjs';

const CLI = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'userapi');
const HOST = '127.0.0.17';

// The native verdict on `body` in `lang`: {pointer: message} of its errors.
function nativeMessages(body, lang) {
  let out;
  try {
    out = execFileSync(CLI, ['validate', '-', '--format', 'json', '--lang', lang], {
      input: body,
      encoding: 'utf8',
    });
  } catch (error) {
    out = error.stdout; // exit 1: invalid
  }
  return Object.fromEntries(JSON.parse(out).violations.map((v) => [v.path, v.message]));
}

async function openForm(browser, url) {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  await page.goto(url);
  await page.locator('#save').waitFor();
  return page;
}

describe('userapi/react-hook-form in a React + Vite console form, in Chromium', () => {
  let server, browser;

  before(async () => {
    installFrameworks();
    const dir = freshProject('react-hook-form');
    timed('tsc --noEmit (strict)', 'npx', ['tsc', '-p', 'tsconfig.json'], dir);
    timed('vite build (react-hook-form)', 'npx', ['vite', 'build'], dir);
    server = await startStaticServer(HOST, path.join(work, 'react-hook-form', 'dist'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close?.();
  });

  // A blank value for schema 40 and a properties row with an empty key: the body the form sends.
  const BODY =
    '{"user_group_id":"example_1","name":"Example 1","mapping":{"40":" ","134":"386"},' +
    '"properties":{"filterValue":"value","":"x"}}';

  for (const [query, lang] of [
    ['', 'de'],
    ['?locale=ja-JP', 'ja'],
  ]) {
    test(`the core's ${lang} messages under mapping.40 and the properties row's key (${query || '<html lang="de">'})`, async () => {
      const expected = nativeMessages(BODY, lang);
      assert.ok(expected['/mapping/40'] && expected['/properties/'], JSON.stringify(expected));
      const page = await openForm(browser, `${server.origin}/index.html${query}`);
      await page.fill('[id="mapping.40"]', ' ');
      await page.click('#add-property');
      await page.fill('[id="properties.1.value"]', 'x');
      await page.click('#save');
      const mapping = page.locator('#error-mapping-40');
      const key = page.locator('#error-properties-1-key');
      await mapping.waitFor();
      assert.equal(await mapping.textContent(), expected['/mapping/40']);
      assert.equal(await mapping.getAttribute('data-code'), 'string.blank');
      assert.equal(await key.textContent(), expected['/properties/']);
      assert.equal(await key.getAttribute('data-code'), 'properties.key_format');
      // Under its own field: the input that describes itself by the message, and nothing else shown.
      assert.equal(
        await page.locator('[aria-describedby="error-mapping-40"]').getAttribute('aria-invalid'),
        'true',
      );
      assert.equal(await page.locator('.error').count(), 2);
      assert.equal(await page.locator('#saved').textContent(), '');

      // Fixed: the form submits its values.
      await page.fill('[id="mapping.40"]', '213');
      await page.fill('[id="properties.1.key"]', 'region');
      await page.click('#save');
      await page.locator('#saved', { hasText: '"region"' }).waitFor();
      assert.equal(await page.locator('.error').count(), 0);
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  }
});
