// The element in the reader's language (issue 25): its own texts from the catalogs' `page`
// section and the core's messages in the same locale, chosen by the `locale` attribute or the
// nearest lang; `lang` set so screen readers and axe see the right language; CJK text fits at
// 360 px; changing `locale` re-renders live.
//
//   node --test tests/browser/locale.test.mjs     (after scripts/build; screenshots in build/screenshots/)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import AxeBuilder from '@axe-core/playwright';

import { createUserApi } from '../../build/wasm/pkg/userapi.mjs';
import {
  assertBuilt,
  launchChromium,
  openPlayground,
  repoRoot,
  screenshot,
  setBody,
  settle,
  startSandbox,
} from './harness.mjs';

let sandbox;
let browser;
let api;

const page = (tag) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'i18n', `${tag}.json`), 'utf8')).page;

before(async () => {
  assertBuilt();
  [sandbox, browser, api] = await Promise.all([startSandbox(), launchChromium(), createUserApi()]);
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

// An unknown member, a bad mapping key and a numeric data source id: an error and warnings.
const BROKEN = '{\n  "userGroupId": "example_1",\n  "name": "Docs",\n  "mapping": {"01": 5}\n}\n';

function hostPage({ lang, attributes = '' }) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Docs</title>
<link rel="icon" href="data:,">
<script type="module" src="playground.js"></script>
</head>
<body>
<main>
<h1>Docs</h1>
<update-user-playground base-url="${sandbox.origin}/" token-storage="memory" ${attributes}></update-user-playground>
</main>
</body>
</html>`;
}

async function withHostPage(fn, { viewport = { width: 1280, height: 800 }, ...options }) {
  const context = await browser.newContext({ viewport, colorScheme: 'light', locale: 'en-US' });
  context.setDefaultTimeout(10000);
  try {
    await context.route('**/host.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: hostPage(options) }),
    );
    const tab = await openPlayground(context, `${sandbox.url}host.html`);
    await fn(tab);
    assert.deepEqual(tab.errors.map(String), [], 'errors on the page');
  } finally {
    await context.close();
  }
}

/** What the element shows: its lang, a few static texts and the problems' messages. */
function shown(tab) {
  return tab.evaluate(() => {
    const host = document.querySelector('update-user-playground');
    const root = host.shadowRoot;
    const text = (selector) => root.querySelector(selector)?.textContent.trim();
    return {
      lang: host.getAttribute('lang'),
      locale: host.locale,
      target: text('#target-heading'),
      send: text('[part="send-button"]'),
      count: text('.problem-count'),
      hint: text('#send-hint'),
      docs: text('#docs-heading'),
      problems: [...root.querySelectorAll('.problems li')].map((li) => li.textContent),
    };
  });
}

/** The core's messages for BROKEN in `tag`, in the order the core gives them. */
function coreMessages(tag) {
  return api
    .buildRequest(BROKEN, { baseUrl: sandbox.origin, token: 'x', force: true, locale: tag })
    .violations.map((v) => v.message);
}

function assertLanguage(s, tag, texts) {
  assert.equal(s.lang, tag, 'the element says its language');
  assert.equal(s.locale, tag);
  assert.equal(s.target, texts['target.heading']);
  assert.equal(s.send, texts['send.send']);
  assert.equal(s.docs, texts['docs.heading']);
  const messages = coreMessages(tag);
  assert.ok(messages.length >= 3, 'the body has several problems');
  for (const message of messages)
    assert.ok(
      s.problems.some((p) => p.includes(message)),
      `${tag}: the core's "${message}" is in the problems list`,
    );
}

async function assertAxeClean(tab, what) {
  const { violations } = await new AxeBuilder({ page: tab }).analyze();
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe in ${what}`,
  );
}

/** Whether the page draws `text` with a real font, not the missing-glyph box (no CJK font installed). */
function hasGlyphs(tab, text) {
  return tab.evaluate((sample) => {
    const draw = (s) => {
      const g = new OffscreenCanvas(48, 48).getContext('2d');
      g.font = '32px sans-serif';
      g.fillText(s, 4, 36);
      return g.getImageData(0, 0, 48, 48).data.join();
    };
    return draw(sample) !== draw('\u{10FFFD}');
  }, text);
}

/** Sideways overflow of the element and of the page, and buttons whose text is cut off. */
function overflow(tab) {
  return tab.evaluate(() => {
    const host = document.querySelector('update-user-playground');
    const top = host.shadowRoot.querySelector('.playground');
    const box = host.getBoundingClientRect();
    const clipped = [...host.shadowRoot.querySelectorAll('button, label, h1, h2, h3')]
      .filter((el) => el.getClientRects().length > 0 && !el.matches('.visually-hidden'))
      .filter((el) => {
        const b = el.getBoundingClientRect();
        return el.scrollWidth > el.clientWidth + 1 || b.left < box.left - 0.5 || b.right > box.right + 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`);
    return {
      element: top.scrollWidth - top.clientWidth,
      document: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
      clipped,
    };
  });
}

describe('the element in the reader’s language: texts, messages, lang, axe', () => {
  test('<html lang="de">: German texts, German messages, lang="de", axe clean', async () => {
    await withHostPage(
      async (tab) => {
        await setBody(tab, BROKEN);
        await settle(tab);
        const s = await shown(tab);
        assertLanguage(s, 'de', page('de'));
        assert.match(s.count, /^\d+ Fehler, \d+ Warnung(en)?\.$/);
        await assertAxeClean(tab, 'a German page');
        await screenshot(tab, 'locale-de');
      },
      { lang: 'de' },
    );
  });

  test('locale="ja" on an English page: Japanese texts and messages, lang="ja", axe clean', async () => {
    await withHostPage(
      async (tab) => {
        await setBody(tab, BROKEN);
        await settle(tab);
        const s = await shown(tab);
        assertLanguage(s, 'ja', page('ja'));
        // The contract's own descriptions stay English and say so; code is never translated.
        const marks = await tab.evaluate(() => {
          const root = document.querySelector('update-user-playground').shadowRoot;
          const translate = (selector) => root.querySelector(selector).getAttribute('translate');
          return {
            description: root.querySelector('.members dd').lang,
            snippet: translate('.snippet'),
            editor: translate('.editor-slot'),
          };
        });
        assert.deepEqual(marks, { description: 'en', snippet: 'no', editor: 'no' });
        await assertAxeClean(tab, 'a Japanese element');
        await screenshot(tab, 'locale-ja');
      },
      { lang: 'en', attributes: 'locale="ja"' },
    );
  });
});

describe('the element in the reader’s language: CJK layout, live changes', () => {
  test('CJK at 360 px: no sideways overflow, no clipped button or label', async () => {
    for (const tag of ['ja', 'zh-Hans']) {
      await withHostPage(
        async (tab) => {
          await setBody(tab, BROKEN);
          await settle(tab);
          assert.ok(await hasGlyphs(tab, '送信'), 'a CJK font is installed (scripts/setup: fonts-noto-cjk)');
          const o = await overflow(tab);
          assert.ok(o.element <= 0, `${tag}: the element scrolls sideways by ${o.element} px`);
          assert.ok(o.document <= 0, `${tag}: the page scrolls sideways by ${o.document} px`);
          assert.deepEqual(o.clipped, [], `${tag}: clipped at 360 px`);
          await tab.evaluate(() => scrollTo(0, 0));
          await screenshot(tab, `locale-${tag}-360`);
          await screenshot(tab, `locale-${tag}-360-first-screen`, { fullPage: false });
        },
        { lang: tag, viewport: { width: 360, height: 780 } },
      );
    }
  });

  test('changing locale re-renders live; removing it falls back to the page’s lang', async () => {
    await withHostPage(
      async (tab) => {
        await setBody(tab, BROKEN);
        assertLanguage(await shown(tab), 'es', page('es'));
        const set = (value) =>
          tab.evaluate((v) => {
            const host = document.querySelector('update-user-playground');
            if (v === null) host.removeAttribute('locale');
            else host.setAttribute('locale', v);
          }, value);
        await set('fr-CA');
        assertLanguage(await shown(tab), 'fr', page('fr'));
        await set('zh-TW'); // one Chinese catalog: Simplified, as the core matches it
        assertLanguage(await shown(tab), 'zh-Hans', page('zh-Hans'));
        await set('tlh'); // no catalog: English, never an error
        assertLanguage(await shown(tab), 'en', page('en'));
        await set(null);
        assertLanguage(await shown(tab), 'es', page('es'));
      },
      { lang: 'es' },
    );
  });
});
