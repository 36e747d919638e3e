// The packed tarball in fresh projects of the frameworks docs sites and admin consoles are built
// with (tests/frameworks/<name>, one lock file): Next.js 16 (Turbopack and webpack), Docusaurus 3,
// Astro 5 + Starlight, React + Vite (strict TSX) and Vue + Vite. Each gets a production build, then
// the page in Chromium against a sandbox on another origin: the element works where a docs site or
// a console puts it, with the import its framework's docs lead to, in its column and its theme.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  closedPort,
  launchChromium,
  repoRoot,
  screenshotDir,
  sendBatch,
  startSandbox,
  startStaticServer,
} from '../browser/harness.mjs';
import {
  assertFits,
  assertNoErrors,
  assertShipsOnlyWhatLoads,
  assertTheme,
  openPage,
  TYPO,
  tryIt,
} from './flow.mjs';
import { docsPageIn, toggleSiteTheme } from './other-engines.mjs';
import { freshProject, installFrameworks, listing, startNext, timed, work } from './projects.mjs';

const CLI = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'userapi');
const HOSTS = {
  docusaurus: '127.0.0.11',
  astro: '127.0.0.12',
  react: '127.0.0.13',
  vue: '127.0.0.14',
  next: '127.0.0.15',
  nextWebpack: '127.0.0.16',
};
const ROOTS = {
  docusaurus: 'docusaurus/build',
  astro: 'astro/dist',
  react: 'react-vite/dist',
  vue: 'vue-vite/dist',
};

function nativeVerdict(body) {
  try {
    return JSON.parse(
      execFileSync(CLI, ['validate', '-', '--format', 'json'], { input: body, encoding: 'utf8' }),
    );
  } catch (error) {
    return JSON.parse(error.stdout); // exit 1: invalid
  }
}

async function shot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

// The packed tarball in framework projects, production builds, in Chromium (the docs site in Firefox and WebKit too): the projects, their servers and the sandbox, once for the file.
const servers = {};
let sandbox, browser;

before(async () => {
  installFrameworks();
  for (const [name, root] of Object.entries(ROOTS))
    servers[name] = await startStaticServer(HOSTS[name], path.join(work, root));
  const nextPorts = { next: await closedPort(), nextWebpack: await closedPort() };
  for (const [name, port] of Object.entries(nextPorts))
    servers[name] = { origin: `http://${HOSTS[name]}:${port}`, port };
  sandbox = await startSandbox({
    args: Object.values(servers).flatMap((s) => ['--allow-origin', s.origin]),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
  for (const server of Object.values(servers)) await server.close?.();
});

async function checkNextServer(origin, label) {
  const response = await fetch(`${origin}/api/validate`, { method: 'POST', body: TYPO });
  assert.equal(response.status, 422, `${label}: route handler`);
  assert.deepEqual(
    await response.json(),
    nativeVerdict(TYPO),
    `${label}: the route handler's verdict is the CLI's`,
  );
  const html = await (await fetch(`${origin}/server-check`)).text();
  const verdict = /<pre id="verdict">([^<]*)<\/pre>/.exec(html)?.[1];
  assert.ok(verdict, `${label}: the server component rendered no verdict:\n${html.slice(0, 2000)}`);
  const decoded = verdict.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&#x27;', "'");
  assert.deepEqual(JSON.parse(decoded), nativeVerdict(TYPO), `${label}: the server component's verdict`);
}

describe('the packed tarball in Next.js 16', () => {
  test('Next.js 16 (Turbopack): userapi/react in a server component, the bare tag in a client component, createUserApi in a route handler and a server component', async () => {
    const dir = freshProject('next');
    timed('next build (Turbopack)', 'npx', ['next', 'build'], dir);
    const next = await startNext(dir, HOSTS.next, servers.next.port);
    try {
      await checkNextServer(next.origin, 'Turbopack');
      const html = await (await fetch(`${next.origin}/?base=${encodeURIComponent(sandbox.origin)}`)).text();
      assert.match(
        html,
        /<update-user-playground base-url="[^"]+" style="display:block;min-height:100vh">/,
        'the server render reserves the height',
      );
      const rsc = await openPage(browser, `${next.origin}/?base=${encodeURIComponent(sandbox.origin)}`);
      await rsc.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      const shift = await rsc.evaluate(() => window.__userapi.layoutShift);
      assert.ok(shift < 0.01, `the element drawing itself moved the page: layout shift ${shift}`);
      await tryIt(rsc, sandbox, { setBase: false });
      assertNoErrors(rsc);
      await shot(rsc, 'frameworks-next');
      await rsc.close();
      const client = await openPage(
        browser,
        `${next.origin}/client?base=${encodeURIComponent(sandbox.origin)}`,
      );
      await tryIt(client, sandbox, { setBase: false });
      await client.locator('#last-status', { hasText: 'HTTP 200' }).waitFor();
      assertNoErrors(client);
      await client.close();
      assert.doesNotMatch(next.output(), /Error|⨯/, 'the server logged no error');
    } finally {
      await next.stop();
    }
  });

  test('Next.js 16 (webpack): the same pages and server code', async () => {
    const dir = path.join(work, 'next');
    const env = { NEXT_DIST_DIR: '.next-webpack' };
    timed('next build --webpack', 'npx', ['next', 'build', '--webpack'], dir, env);
    const next = await startNext(dir, HOSTS.nextWebpack, servers.nextWebpack.port, env);
    try {
      await checkNextServer(next.origin, 'webpack');
      const page = await openPage(browser, `${next.origin}/?base=${encodeURIComponent(sandbox.origin)}`);
      await tryIt(page, sandbox, { setBase: false });
      assertNoErrors(page);
      await page.close();
    } finally {
      await next.stop();
    }
  });
});

describe('the packed tarball in Docusaurus 3 (the docs site in Firefox and WebKit too)', () => {
  test("Docusaurus 3: the element on an MDX page in the docs column, the site's dark toggle, userapi/react on another page", async () => {
    const dir = freshProject('docusaurus');
    timed('docusaurus build', 'npx', ['docusaurus', 'build'], dir);
    const built = fs.readFileSync(path.join(dir, 'build', 'try-it', 'index.html'), 'utf8');
    assert.match(
      built,
      /<update-user-playground base-url="https:\/\/api.example.com" token-storage="memory">/,
      'the server render has the tag',
    );
    const page = await openPage(browser, `${servers.docusaurus.origin}/try-it`);
    await tryIt(page, sandbox);
    const column = await assertFits(page, 'Docusaurus column at 1280 px');
    assert.ok(column.width < 800, `the element sits in the content column: ${column.width} px`);
    await assertTheme(page, false, 'Docusaurus light');
    await shot(page, 'frameworks-docusaurus-light');
    assert.equal(await page.evaluate(toggleSiteTheme, 'dark'), 'dark');
    await assertTheme(page, true, 'after the dark toggle');
    await shot(page, 'frameworks-docusaurus-dark');
    assert.equal(await page.evaluate(toggleSiteTheme, 'light'), 'light');
    await assertTheme(page, false, 'toggled back');
    assertNoErrors(page);
    await page.close();

    const narrow = await openPage(browser, `${servers.docusaurus.origin}/try-it`, {
      viewport: { width: 360, height: 800 },
    });
    await assertFits(narrow, 'Docusaurus at 360 px');
    await shot(narrow, 'frameworks-docusaurus-360');
    await narrow.close();

    const react = await openPage(browser, `${servers.docusaurus.origin}/try-it-react`);
    await tryIt(react, sandbox);
    assertNoErrors(react);
    await react.close();
  });

  for (const engine of ['firefox', 'webkit'])
    test(`Docusaurus 3 in ${engine === 'firefox' ? 'Firefox ESR' : 'WebKitGTK'}: the column, the site's dark toggle, a send`, async () => {
      const started = performance.now();
      const version = await docsPageIn(engine, `${servers.docusaurus.origin}/try-it`, sandbox);
      console.log(`# ${version}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });
});

describe('the packed tarball in Astro 5 + Starlight', () => {
  test('Astro 5 + Starlight: the element in an Astro component on an MDX page; dist/ ships only what the page loads', async () => {
    const dir = freshProject('astro');
    timed('astro build', 'npx', ['astro', 'build'], dir);
    const dist = path.join(dir, 'dist');
    const files = listing(dist);
    assertShipsOnlyWhatLoads(files, (f) => fs.readFileSync(path.join(dist, f), 'utf8'), 'Astro dist/');
    const page = await openPage(browser, `${servers.astro.origin}/`);
    await tryIt(page, sandbox);
    await sendBatch(page);
    for (const wasm of files.filter((f) => f.endsWith('.wasm')))
      assert.ok(page.loaded.has(`/${wasm}`), `${wasm} is never loaded`);
    await assertFits(page, 'Starlight column');
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await assertTheme(page, true, 'Starlight dark');
    await shot(page, 'frameworks-starlight-dark');
    assertNoErrors(page);
    await page.close();
  });
});

describe('the packed tarball in React + Vite and Vue + Vite', () => {
  test('React + Vite: strict TSX with the component and the bare tag type-checks (and misuse does not); dist/ is what the page loads', async () => {
    const dir = freshProject('react-vite');
    timed('tsc --noEmit (strict, skipLibCheck off)', 'npx', ['tsc', '-p', 'tsconfig.json'], dir);
    let errors = '';
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.type-errors.json'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      errors = error.stdout;
    }
    for (const line of [4, 5, 6, 7])
      assert.match(
        errors,
        new RegExp(`wrong\\.tsx\\(${line},\\d+\\): error TS`),
        `line ${line} of type-errors/wrong.tsx must not compile:\n${errors}`,
      );
    timed('vite build (React)', 'npx', ['vite', 'build'], dir);
    const dist = path.join(dir, 'dist');
    const files = listing(dist);
    assertShipsOnlyWhatLoads(files, (f) => fs.readFileSync(path.join(dist, f), 'utf8'), 'React + Vite dist/');
    const page = await openPage(
      browser,
      `${servers.react.origin}/index.html?base=${encodeURIComponent(sandbox.origin)}`,
    );
    await page.locator('#problems', { hasText: /^\d+ problems$/ }).waitFor();
    await tryIt(page, sandbox, { setBase: false });
    await page.locator('#last-status', { hasText: 'HTTP 200' }).waitFor();
    await sendBatch(page);
    await page.locator('#last-status', { hasText: 'batch: 2 succeeded' }).waitFor();
    for (const f of files) assert.ok(page.loaded.has(`/${f}`), `dist/${f} is never loaded`);
    await page.locator('main > details > summary').click();
    await page.waitForFunction(() => window.__userapi.ready >= 2);
    await assertTheme(page, true, 'the bare tag with theme="dark"', 1);
    assertNoErrors(page);
    await page.close();
  });

  test('Vue + Vite: the bare tag in a component, its events bound with @', async () => {
    const dir = freshProject('vue-vite');
    timed('vite build (Vue)', 'npx', ['vite', 'build'], dir);
    const page = await openPage(
      browser,
      `${servers.vue.origin}/index.html?base=${encodeURIComponent(sandbox.origin)}`,
    );
    await tryIt(page, sandbox, { setBase: false });
    await page.locator('#last-status', { hasText: 'HTTP 200' }).waitFor();
    assertNoErrors(page);
    await page.close();
  });
});
