// The element in the places users put it (issue 21): it lays out by its own width, not the
// viewport's (a 700 px docs column at a 1280 px window, a 360 px phone, the full-width page), and
// theme="auto" follows the host page's theme (data-theme or class="dark" on <html>, the page's
// color-scheme, the system), live, with every text at a contrast of at least 4.5:1.
//
//   node --test tests/browser/layout.test.mjs     (after scripts/build; screenshots in build/screenshots/)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import AxeBuilder from '@axe-core/playwright';

import {
  assertBuilt,
  launchChromium,
  openPlayground,
  screenshot,
  setBody,
  settle,
  startSandbox,
} from './harness.mjs';

let sandbox;
let browser;

before(async () => {
  assertBuilt();
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const BROKEN = '{\n  "userGroupId": "example_1",\n  "name": "Docs",\n  "mapping": {"01": 5}\n}\n';

/**
 * A docs page like Docusaurus's at 1280 px: navbar, a 300 px sidebar, a content column of
 * `column` px with the element in it, a table of contents. Its own colours follow data-theme or
 * class="dark" on <html>; it sets no color-scheme of its own, so each convention is tested alone.
 */
function docsPage({ column = 700, attributes = '' } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Update a user · Docs</title>
<link rel="icon" href="data:,">
<style>
  :root { --page-bg: #ffffff; --page-text: #1c1e21; --page-line: #dadde1; --page-link: #2e8555; }
  html[data-theme='dark'], html.dark { --page-bg: #1b1b1d; --page-text: #e3e3e3; --page-line: #444950; --page-link: #25c2a0; }
  body { margin: 0; background: var(--page-bg); color: var(--page-text); font: 16px/1.65 system-ui, sans-serif; }
  .navbar { height: 60px; display: flex; align-items: center; padding: 0 16px; border-bottom: 1px solid var(--page-line); font-weight: 700; }
  .layout { display: flex; gap: 16px; }
  .sidebar { flex: none; width: 300px; border-right: 1px solid var(--page-line); padding: 16px; box-sizing: border-box; }
  .sidebar a, .toc a { display: block; color: var(--page-link); }
  main { flex: none; width: ${column}px; padding: 16px 0 64px; }
  .toc { flex: none; width: 200px; padding-top: 16px; font-size: 14px; }
</style>
<script type="module" src="playground.js"></script>
</head>
<body>
<nav class="navbar">Example API docs</nav>
<div class="layout">
  <aside class="sidebar"><a href="#">Introduction</a><a href="#">Authentication</a><a href="#">Update a user</a></aside>
  <main>
    <h1>Update a user</h1>
    <p><code>PUT /api/user</code> replaces a user group's name, mapping and properties. Try it here:</p>
    <update-user-playground base-url="${sandbox.origin}/" token-storage="memory" ${attributes}></update-user-playground>
    <p>The playground checks the body with the same core as the server.</p>
  </main>
  <nav class="toc"><a href="#">Request</a><a href="#">Responses</a></nav>
</div>
</body>
</html>`;
}

/** Opens `docsPage(options)` next to the sandbox's files (same origin, so the modules load). */
async function withDocsPage(
  fn,
  { viewport = { width: 1280, height: 800 }, colorScheme = 'light', ...options } = {},
) {
  const context = await browser.newContext({ viewport, colorScheme });
  context.setDefaultTimeout(10000);
  try {
    const html = docsPage(options);
    await context.route('**/docs-column.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: html }),
    );
    const page = await openPlayground(context, `${sandbox.url}docs-column.html`);
    await fn(page);
    assert.deepEqual(page.errors.map(String), [], 'errors on the page');
  } finally {
    await context.close();
  }
}

/** The standalone page (build/web, served by the sandbox) at `viewport`. */
async function withPlainPage(fn, viewport) {
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  context.setDefaultTimeout(10000);
  try {
    const page = await openPlayground(context, sandbox.url);
    await fn(page);
    assert.deepEqual(page.errors.map(String), [], 'errors on the page');
  } finally {
    await context.close();
  }
}

/** Boxes of the element and its parts, scroll widths, and any element wider than the element. */
function measure(page) {
  return page.evaluate(() => {
    const host = document.querySelector('update-user-playground');
    const root = host.shadowRoot;
    const top = root.querySelector('.playground');
    const box = (el) => el.getBoundingClientRect().toJSON();
    const hostBox = box(host);
    // Elements drawn outside the element, unless a scrolling or clipping box of their own holds them.
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== top; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const outside = [...root.querySelectorAll('*')]
      .filter((el) => el.getClientRects().length > 0 && !clipped(el))
      .filter((el) => {
        const b = el.getBoundingClientRect();
        return b.width > 0 && (b.left < hostBox.left - 0.5 || b.right > hostBox.right + 0.5);
      })
      .map(
        (el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`,
      );
    const scroller = root.querySelector('.cm-scroller');
    return {
      host: hostBox,
      editor: box(root.querySelector('.cm-editor')),
      form: box(root.querySelector('.form-slot')),
      request: box(root.querySelector('.request-column')),
      response: box(root.querySelector('.response-card')),
      top: { scrollWidth: top.scrollWidth, clientWidth: top.clientWidth },
      document: {
        scrollWidth: document.scrollingElement.scrollWidth,
        clientWidth: document.scrollingElement.clientWidth,
      },
      editorLines: { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth },
      outside: outside.slice(0, 10),
    };
  });
}

function assertOneColumn(m, what) {
  assert.ok(
    m.editor.width >= 0.9 * m.host.width,
    `${what}: the editor is ${m.editor.width} of ${m.host.width} px`,
  );
  assert.ok(m.editor.top >= m.form.bottom - 1, `${what}: the editor is beside the form, not below it`);
  assert.ok(
    m.response.top >= m.request.bottom - 1,
    `${what}: the response is beside the request, not below it`,
  );
}

function assertNoOverflow(m, what) {
  assert.ok(
    m.top.scrollWidth <= m.top.clientWidth,
    `${what}: the element scrolls sideways (${JSON.stringify(m.top)})`,
  );
  assert.ok(
    m.document.scrollWidth <= m.document.clientWidth,
    `${what}: the page scrolls sideways (${JSON.stringify(m.document)})`,
  );
  assert.deepEqual(m.outside, [], `${what}: drawn outside the element`);
}

describe('layout by the element’s own width (a docs column)', () => {
  test('a 700 px docs column at a 1280 px window: one column, the editor full width, no overflow', async () => {
    await withDocsPage(async (page) => {
      await settle(page);
      const m = await measure(page);
      assert.ok(Math.abs(m.host.width - 700) < 1, `the element is ${m.host.width} px wide`);
      assertOneColumn(m, '700 px column');
      assertNoOverflow(m, '700 px column');
      // The example's lines fit in the editor: nothing cut off.
      assert.ok(
        m.editorLines.scrollWidth <= m.editorLines.clientWidth,
        `editor lines: ${JSON.stringify(m.editorLines)}`,
      );
      await setBody(page, BROKEN);
      assertNoOverflow(await measure(page), '700 px column with problems');
      await page.evaluate(() => scrollTo(0, 0));
      await screenshot(page, 'docs-column-light');
      await screenshot(page, 'docs-column-light-first-screen', { fullPage: false });
      await page.locator('.cm-editor').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await screenshot(page, 'docs-column-light-editor', { fullPage: false });
    });
  });

  test('a 1000 px column: request and response side by side, the form above the editor', async () => {
    await withDocsPage(
      async (page) => {
        await settle(page);
        const m = await measure(page);
        assert.ok(m.response.left >= m.request.right, 'the response is right of the request');
        assert.ok(m.editor.top >= m.form.bottom - 1, 'the editor is below the form');
        assert.ok(
          m.editor.width >= 0.9 * m.request.width,
          `the editor is ${m.editor.width} of ${m.request.width} px`,
        );
        assertNoOverflow(m, '1000 px column');
      },
      { viewport: { width: 1600, height: 900 }, column: 1000 },
    );
  });
});

describe('layout by the window’s width (the full-width page)', () => {
  test('360 px viewport: one column, the editor full width, no overflow', async () => {
    await withPlainPage(
      async (page) => {
        await setBody(page, BROKEN);
        await settle(page);
        const m = await measure(page);
        assertOneColumn(m, '360 px');
        assertNoOverflow(m, '360 px');
        await page.evaluate(() => scrollTo(0, 0));
        await screenshot(page, 'layout-360');
        await screenshot(page, 'layout-360-first-screen', { fullPage: false });
        // The body: the form's end and the editor, full width.
        await page.locator('.cm-editor').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await screenshot(page, 'layout-360-editor', { fullPage: false });
      },
      { width: 360, height: 780 },
    );
  });

  test('1280 px, the full-width page: the two-pane layout stays, the form beside the editor', async () => {
    await withPlainPage(
      async (page) => {
        await settle(page);
        const m = await measure(page);
        assert.ok(m.host.width >= 1100, `the element is ${m.host.width} px wide`);
        assert.ok(m.response.left >= m.request.right, 'the response is right of the request');
        assert.ok(m.editor.left >= m.form.right, 'the editor is right of the form');
        assert.ok(m.editor.top < m.form.bottom, 'the editor is beside the form');
        assertNoOverflow(m, '1280 px');
      },
      { width: 1280, height: 800 },
    );
  });
});

// Page-side: the resolved theme, the main container's background, the title's colour and every
// visible text's contrast against the background drawn behind it (composited up to an opaque one).
function readTheme(page) {
  return page.evaluate(() => {
    const parse = (css) => {
      let m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
      if (m)
        return [
          Number(m[1]) / 255,
          Number(m[2]) / 255,
          Number(m[3]) / 255,
          m[4] === undefined ? 1 : Number(m[4]),
        ];
      m = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(css);
      if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
      throw new Error(`unparsed colour ${css}`);
    };
    const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const parentOf = (el) => el.parentElement ?? el.getRootNode().host ?? null;
    const backdrop = (el) => {
      const layers = [];
      for (let a = el; a; a = parentOf(a)) {
        const c = parse(getComputedStyle(a).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reverse().reduce((below, c) => over(c, below), [1, 1, 1, 1]);
    };
    const luminance = ([r, g, b]) => {
      const lin = (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const contrast = (el) => {
      const bg = backdrop(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    };
    const host = document.querySelector('update-user-playground');
    const root = host.shadowRoot;
    const top = root.querySelector('.playground');
    const title = root.querySelector('h1');
    // Every element with text of its own that is drawn (a disabled control is exempt, WCAG 1.4.3).
    const low = [];
    for (const el of root.querySelectorAll('*')) {
      const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!text || !el.checkVisibility() || el.closest(':disabled')) continue;
      const ratio = contrast(el);
      if (ratio < 4.5)
        low.push(
          `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`,
        );
    }
    return {
      scheme: top.dataset.scheme,
      background: getComputedStyle(top).backgroundColor,
      backgroundLuminance: luminance(backdrop(top)),
      title: getComputedStyle(title).color,
      titleContrast: contrast(title),
      low,
    };
  });
}

/** Sets <html>'s attributes and style (null removes), then lets the observers run and the page paint. */
async function setHtml(page, { dataTheme, className, colorScheme } = {}) {
  await page.evaluate(
    ([t, c, s]) => {
      const html = document.documentElement;
      if (t === null) html.removeAttribute('data-theme');
      else html.setAttribute('data-theme', t);
      html.className = c ?? '';
      html.style.colorScheme = s ?? '';
    },
    [dataTheme ?? null, className ?? null, colorScheme ?? null],
  );
  await settle(page);
}

function assertTheme(state, expected, what) {
  assert.equal(state.scheme, expected, `${what}: the element's theme`);
  if (expected === 'dark')
    assert.ok(state.backgroundLuminance < 0.05, `${what}: background ${state.background} is not dark`);
  else assert.ok(state.backgroundLuminance > 0.8, `${what}: background ${state.background} is not light`);
  assert.ok(state.titleContrast >= 4.5, `${what}: the title's contrast is ${state.titleContrast.toFixed(2)}`);
  assert.deepEqual(state.low, [], `${what}: text under 4.5:1`);
}

/** data-theme="dark" on <html>: the dark theme, its screenshots and axe's contrast check; then light. */
async function followsDataTheme(page) {
  await setHtml(page, { dataTheme: 'dark' });
  assertTheme(await readTheme(page), 'dark', 'data-theme="dark" (Docusaurus, Starlight)');
  await page.evaluate(() => scrollTo(0, 0));
  await screenshot(page, 'docs-column-dark');
  await screenshot(page, 'docs-column-dark-first-screen', { fullPage: false });
  await page.locator('.cm-editor').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'docs-column-dark-editor', { fullPage: false });
  const { violations } = await new AxeBuilder({ page })
    .include('update-user-playground')
    .withRules(['color-contrast'])
    .analyze();
  assert.deepEqual(
    violations.map((v) => v.nodes.map((n) => n.target.join(' '))),
    [],
    'axe color-contrast in the host page’s dark theme',
  );
  await setHtml(page, { dataTheme: 'light' });
  assertTheme(await readTheme(page), 'light', 'data-theme="light"');
}

/** class="dark" and the page's color-scheme, each set and undone. */
async function followsClassAndColorScheme(page) {
  await setHtml(page, { className: 'dark' });
  assertTheme(await readTheme(page), 'dark', 'class="dark" (VitePress, Tailwind)');
  await setHtml(page, {});
  assertTheme(await readTheme(page), 'light', 'class="dark" removed');

  await setHtml(page, { colorScheme: 'dark' });
  assertTheme(await readTheme(page), 'dark', 'the page’s color-scheme: dark');
  await setHtml(page, { colorScheme: 'light dark' });
  assertTheme(await readTheme(page), 'light', 'color-scheme: light dark (the system’s, light)');
}

/** The background painted behind the element, and the system's preference turning dark and back. */
async function followsBackgroundAndSystem(page) {
  // A page that paints a dark background and says nothing else.
  await page.evaluate(() => (document.body.style.background = '#1b1b1d'));
  await settle(page);
  assertTheme(await readTheme(page), 'dark', 'a dark background behind the element');
  await page.evaluate(() => (document.body.style.background = ''));
  await settle(page);
  assertTheme(await readTheme(page), 'light', 'a white background behind the element');

  // The system turns dark while the page is open: a page in light mode that marks only its
  // dark mode (VitePress, Tailwind) still paints white behind the element, which stays light.
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  assertTheme(await readTheme(page), 'light', 'a dark system, a white page');
  // A page that paints nothing: the system's preference, live.
  await page.evaluate(() => (document.body.style.background = 'none'));
  await settle(page);
  assertTheme(await readTheme(page), 'dark', 'a dark system, a page that paints nothing');
  await setHtml(page, { dataTheme: 'light' });
  assertTheme(await readTheme(page), 'light', 'data-theme="light" on a dark system');
  await setHtml(page, { className: 'light' });
  assertTheme(await readTheme(page), 'light', 'class="light" on a dark system');
  await setHtml(page, {});
  assertTheme(await readTheme(page), 'dark', 'the system’s again');
  await page.emulateMedia({ colorScheme: 'light' });
  await settle(page);
  assertTheme(await readTheme(page), 'light', 'the system back to light');
}

describe('theme="auto" follows the host page', () => {
  test('data-theme, class="dark", color-scheme and the system, each live and back', async () => {
    await withDocsPage(async (page) => {
      await setBody(page, BROKEN); // errors and warnings on screen: their colours are checked too
      assertTheme(await readTheme(page), 'light', 'a light page');
      await followsDataTheme(page);
      await followsClassAndColorScheme(page);
      await followsBackgroundAndSystem(page);
    });
  });

  test('theme="light" and theme="dark" force their theme whatever the page says', async () => {
    await withDocsPage(
      async (page) => {
        await setHtml(page, { dataTheme: 'dark', className: 'dark', colorScheme: 'dark' });
        assertTheme(await readTheme(page), 'light', 'theme="light" on a dark page and system');
        const host = page.locator('update-user-playground');
        await host.evaluate((el) => el.setAttribute('theme', 'auto'));
        await settle(page);
        assertTheme(await readTheme(page), 'dark', 'theme="auto" on the same page');
        await setHtml(page, { dataTheme: 'light' });
        await host.evaluate((el) => el.setAttribute('theme', 'dark'));
        await settle(page);
        assertTheme(await readTheme(page), 'dark', 'theme="dark" on a light page');
      },
      { colorScheme: 'dark', attributes: 'theme="light"' },
    );
  });

  test('moved to another place on the page, it still follows the page', async () => {
    await withDocsPage(async (page) => {
      await page.evaluate(() => {
        const el = document.querySelector('update-user-playground');
        document.body.append(el); // disconnected, then connected again
      });
      await setHtml(page, { dataTheme: 'dark' });
      assertTheme(await readTheme(page), 'dark', 'after a move');
    });
  });
});
