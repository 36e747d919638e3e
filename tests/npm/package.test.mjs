// The npm package as its users get it: the packed tarball (build/npm/userapi-<version>.tgz, never
// the source tree) installed into a fresh project (tests/npm/consumer, its tools pinned by its own
// lock file), then used from Node, tsc, Vite, esbuild, webpack 5, plain ES modules and VitePress,
// each page opened in Chromium against a sandbox on another origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  launchChromium,
  repoRoot,
  sendBatch,
  startSandbox,
  startStaticServer,
  tmp,
} from '../browser/harness.mjs';

const npmDir = path.join(repoRoot, 'build', 'npm');
const CLI = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'userapi');
const REFERENCE =
  '{"user_group_id":"example_1","name":"Example 1","mapping":{"40":"213","134":"386"},"properties":{"filterValue":"value"}}';
const TYPO = '{"userGroupId":"x"}';

const tarball = fs.readdirSync(npmDir).find((f) => /^userapi-.*\.tgz$/.test(f));
const project = path.join(tmp, 'consumer');
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

function listing() {
  return execFileSync('tar', ['-tzf', path.join(npmDir, tarball)], { encoding: 'utf8' })
    .trim()
    .split('\n');
}

test('the tarball holds the module, the glue, the wasm, the types and the playground, nothing else', () => {
  assert.ok(tarball, `no userapi-*.tgz in ${npmDir}: run scripts/build`);
  const files = listing().map((f) => f.replace(/^package\//, ''));
  // Exactly these: a file added to the package is a decision, made here.
  assert.deepEqual(files.sort(), [
    'LICENSE',
    'README.md',
    'batch.mjs',
    'load-core.mjs',
    'package.json',
    'playground.d.ts',
    'playground.js',
    'react-hook-form.d.ts',
    'react-hook-form.mjs',
    'react.d.ts',
    'react.mjs',
    'send.mjs',
    'userapi-batch-core.mjs',
    'userapi-batch-core.wasm',
    'userapi-batch-core.wasm.node.mjs',
    'userapi-core.mjs',
    'userapi-core.wasm',
    'userapi-core.wasm.node.mjs',
    'userapi.d.ts',
    'userapi.mjs',
    'userapi.node.mjs',
    'worker-thread.mjs',
    'worker.d.ts',
    'worker.mjs',
  ]);
  const size = fs.statSync(path.join(npmDir, tarball)).size;
  console.log(`# ${tarball}: ${files.length} files, ${(size / 1024).toFixed(1)} KiB packed`);
  const manifest = JSON.parse(fs.readFileSync(path.join(npmDir, 'package.json'), 'utf8'));
  for (const [name, conditions] of Object.entries(manifest.exports))
    if (typeof conditions === 'object')
      assert.equal(Object.keys(conditions)[0], 'types', `${name}: types first`);
});

// Installed into a fresh project: the project, its builds and the servers, once for the file.
let sandbox, browser, staticServer, docsServer;

before(async () => {
  fs.cpSync(path.join(repoRoot, 'tests', 'npm', 'consumer'), project, {
    recursive: true,
    filter: (src) =>
      !src.includes(`${path.sep}node_modules`) && !/dist-|\.vitepress[/\\](dist|cache)/.test(src),
  });
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  run('npm', [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    path.join(npmDir, tarball),
  ]);
  // The pages come from 127.0.0.2: an origin the sandbox allows only through --allow-origin.
  staticServer = await startStaticServer('127.0.0.2', project);
  // VitePress links its assets from the site's root, so its build gets a host of its own.
  docsServer = await startStaticServer('127.0.0.3', path.join(project, 'docs', '.vitepress', 'dist'));
  sandbox = await startSandbox({
    args: ['--allow-origin', staticServer.origin, '--allow-origin', docsServer.origin],
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
  await staticServer?.close();
  await docsServer?.close();
});

describe('installed into a fresh project: Node', () => {
  test('Node 20: import { createUserApi } from "userapi" gives the native CLI verdicts', () => {
    const script = `import { createUserApi } from 'userapi';
      const api = await createUserApi();
      for (const body of process.argv.slice(1)) console.log(JSON.stringify(api.validate(body)));
      const lines = process.argv.slice(1).map((b) => JSON.stringify(JSON.parse(b))).join('\\n');
      console.log((await api.parseBatch(lines, { format: 'ndjson' })).summary);`;
    const out = run('node', ['--input-type=module', '-e', script, REFERENCE, TYPO]).trim().split('\n');
    assert.equal(
      out.pop(),
      '1 valid, 1 invalid; nothing sent yet',
      'the batch module loads from the package',
    );
    const native = [REFERENCE, TYPO].map((body) => {
      try {
        return execFileSync(CLI, ['validate', '-', '--format', 'json'], {
          input: body,
          encoding: 'utf8',
        }).trim();
      } catch (error) {
        return error.stdout.trim(); // exit 1: invalid
      }
    });
    assert.deepEqual(out, native);
    assert.match(out[1], /"code":"unknown_field".*"suggestion":"user_group_id"/);
  });

  test('Node (a server rendering a page): every entry imports without a DOM, defines nothing, throws nothing', () => {
    const script = `const globals = new Set(Object.getOwnPropertyNames(globalThis));
      const playground = await import('userapi/playground');
      await import('userapi/worker');
      const { createUserApi } = await import('userapi');
      const added = Object.getOwnPropertyNames(globalThis).filter((name) => !globals.has(name));
      console.log(JSON.stringify({ added, element: typeof playground.UpdateUserPlayground,
        customElements: typeof customElements, valid: (await createUserApi()).validate('{}').valid }));`;
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script]));
    assert.deepEqual(out, { added: [], element: 'function', customElements: 'undefined', valid: false });
  });
});

describe('installed into a fresh project: forms and types', () => {
  test("Node: userapi/react-hook-form maps the core's German messages to the form's fields", () => {
    const script = `const { userapiResolver } = await import('userapi/react-hook-form');
      const resolve = userapiResolver({ locale: 'de-AT' });
      const values = { user_group_id: 'g', name: '', mapping: { 40: ' ' },
        properties: [{ key: 'ok', value: 1 }, { key: '', value: 2 }] };
      console.log(JSON.stringify(await resolve(values, undefined, {})));`;
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script]));
    assert.deepEqual(out, {
      values: {},
      errors: {
        mapping: { 40: { type: 'string.blank', message: 'Die Zeichenkette besteht nur aus Leerraum.' } },
        properties: {
          1: {
            key: {
              type: 'properties.key_format',
              message:
                'Ein Eigenschaftsname braucht 1 bis 255 Zeichen und darf keine Steuerzeichen enthalten.',
            },
          },
        },
      },
    });
  });

  test('tsc --noEmit over a typed use of the module, the worker and the element', () => {
    run('npx', ['tsc', '-p', 'tsconfig.json']);
  });
});

const builds = {
  vite: { build: () => run('npx', ['vite', 'build', '--base', './']), url: '/dist-vite/index.html' },
  esbuild: {
    // esbuild does not follow new URL(…, import.meta.url): the .wasm goes next to the bundle.
    build: () => {
      run('npx', ['esbuild', 'src/main.js', '--bundle', '--format=esm', '--minify', '--outdir=dist-esbuild']);
      for (const wasm of ['userapi-core.wasm', 'userapi-batch-core.wasm'])
        fs.copyFileSync(
          path.join(project, 'node_modules/userapi', wasm),
          path.join(project, 'dist-esbuild', wasm),
        );
      fs.writeFileSync(path.join(project, 'dist-esbuild/index.html'), pageFor('main.js'));
    },
    url: '/dist-esbuild/index.html',
  },
  webpack: {
    build: () => {
      run('npx', ['webpack', '--config', 'webpack.config.js']);
      fs.writeFileSync(path.join(project, 'dist-webpack/index.html'), pageFor('main.js'));
    },
    url: '/dist-webpack/index.html',
  },
  'plain ES modules from node_modules': { build: () => {}, url: '/plain.html' },
  vitepress: { build: () => run('npx', ['vitepress', 'build', 'docs']), url: '/index.html', docs: true },
};

describe('installed into a fresh project: each bundler', () => {
  for (const [name, { build, url, docs }] of Object.entries(builds)) {
    test(`${name}: the element validates as you type and sends to the sandbox on another origin`, async () => {
      build();
      const origin = docs ? docsServer.origin : staticServer.origin;
      const page = await openPage(`${origin}${url}?base=${encodeURIComponent(sandbox.origin)}`);
      try {
        await page.locator('update-user-playground input#token').fill(sandbox.token);
        await typeBody(page, TYPO);
        const problems = await lastValidate(page);
        assert.ok(
          problems.violations.some((v) => v.code === 'unknown_field'),
          JSON.stringify(problems),
        );
        await page.locator('update-user-playground').evaluate((el, body) => (el.body = body), REFERENCE);
        await page.waitForFunction(() => window.__events.validate.at(-1)?.valid === true);
        await page.locator('update-user-playground [part~="send-button"]').click();
        await page.waitForFunction(() => window.__events.response.length > 0, null, { timeout: 10000 });
        const response = await page.evaluate(() => window.__events.response.at(-1));
        assert.equal(response.ok, true, JSON.stringify(response));
        assert.equal(response.status, 200);
        assert.ok(!JSON.stringify(response).includes(sandbox.token), 'the event carries no token');
        await sandbox.waitForLog(/PUT \/api\/user 200/);
        await sendBatch(page); // the batch module and its .wasm, through each bundler too
        if (name === 'vitepress') {
          await checkStyleIsolation(page);
          fs.mkdirSync(path.join(repoRoot, 'build', 'screenshots'), { recursive: true });
          await page.setViewportSize({ width: 1280, height: 900 });
          await page.screenshot({ path: path.join(repoRoot, 'build', 'screenshots', 'npm-vitepress.png') });
        }
      } finally {
        await page.close();
      }
    });
  }
});

describe('installed into a fresh project: cancel and the worker', () => {
  test('userapi-send can be cancelled: nothing reaches the sandbox', async () => {
    const page = await openPage(
      `${staticServer.origin}/plain.html?base=${encodeURIComponent(sandbox.origin)}`,
    );
    try {
      const putsBefore = (sandbox.log().match(/PUT \/api\/user/g) ?? []).length;
      await page.locator('update-user-playground').evaluate((el) => {
        el.addEventListener('userapi-send', (e) => e.preventDefault());
      });
      await page.locator('update-user-playground input#token').fill(sandbox.token);
      await page.locator('update-user-playground [part~="send-button"]').click();
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => window.__events.response.length), 0);
      assert.equal((sandbox.log().match(/PUT \/api\/user/g) ?? []).length, putsBefore);
    } finally {
      await page.close();
    }
  });

  test('userapi/worker: the core in a Web Worker gives the same report', async () => {
    const page = await openPage(`${staticServer.origin}/plain.html`);
    try {
      const [inWorker, onPage] = await page.evaluate(async (body) => {
        const { createUserApiWorker } = await import('/node_modules/userapi/worker.mjs');
        const { createUserApi } = await import('/node_modules/userapi/userapi.mjs');
        const worker = await createUserApiWorker();
        const result = [await worker.validate(body), (await createUserApi()).validate(body)];
        worker.terminate();
        return result;
      }, TYPO);
      assert.deepEqual(inWorker, onPage);
      assert.equal(inWorker.valid, false);
    } finally {
      await page.close();
    }
  });
});

async function openPage(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const events = (window.__events = { validate: [], response: [] });
    addEventListener('userapi-validate', (e) => events.validate.push(e.detail), true);
    addEventListener('userapi-response', (e) => events.response.push(e.detail), true);
  });
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__events.validate.length > 0, null, { timeout: 15000 });
  } catch (error) {
    throw new Error(`${url}: the element never validated (${errors.join('; ') || error.message})`);
  }
  return page;
}

// Types a body into the editor key by key, as a person does.
async function typeBody(page, text) {
  const editor = page.locator('update-user-playground .cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text, { delay: 10 });
  // The editor's text is what was typed (no auto-closing brackets), then validation settles.
  await page.waitForFunction((t) => document.querySelector('update-user-playground').body === t, text);
  let count = -1;
  while (count !== (count = await page.evaluate(() => window.__events.validate.length)))
    await page.waitForTimeout(150);
}

const lastValidate = (page) => page.evaluate(() => window.__events.validate.at(-1));

// The docs page's styles do not reach into the element, and the element's do not reach out.
async function checkStyleIsolation(page) {
  const inside = await page.locator('update-user-playground [part~="send-button"]').evaluate((b) => {
    const s = getComputedStyle(b);
    return { background: s.backgroundColor, radius: s.borderTopLeftRadius };
  });
  assert.equal(inside.background, 'rgb(31, 95, 214)', "the send button keeps the element's accent");
  assert.equal(inside.radius, '6px');
  const outside = async (p) =>
    p.locator('#outside-button').evaluate((b) => {
      const s = getComputedStyle(b);
      return {
        background: s.backgroundColor,
        font: s.fontFamily,
        padding: s.padding,
        radius: s.borderTopLeftRadius,
      };
    });
  const withElement = await outside(page);
  const plain = await browser.newPage();
  try {
    await plain.goto(page.url().replace('index.html', 'plain.html'));
    assert.deepEqual(
      withElement,
      await outside(plain),
      'the docs page button looks the same with and without the element',
    );
  } finally {
    await plain.close();
  }
  const sheets = await page.evaluate(() =>
    [...document.styleSheets, ...document.adoptedStyleSheets]
      .flatMap((s) => [...s.cssRules].map((r) => r.cssText))
      .join('\n'),
  );
  assert.doesNotMatch(sheets, /--userapi-accent|\.body-grid/, 'no rule of the element in the page');
}

function pageFor(script) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title>
<script type="module" src="./${script}"></script></head>
<body><h1 id="outside">A bundled page</h1>
<update-user-playground token-storage="memory" theme="light"></update-user-playground></body></html>`;
}
