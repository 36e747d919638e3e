// The Docusaurus site's playground page in Firefox ESR and WebKitGTK (tests/engines/drivers.mjs):
// ready, one column in the content column, light then dark with the site's own toggle, a send to
// the sandbox with 200 shown, no page errors.
import assert from 'node:assert/strict';

import { launchEngine } from '../engines/drivers.mjs';
import { assertColours, assertOneColumn, pageLayout, pageTheme, REFERENCE } from './flow.mjs';

// The functions below run in the page (the drivers send their source): each is self-contained.

function validatorReady() {
  const root = document.querySelector('update-user-playground')?.shadowRoot;
  return (root?.querySelector('[part~="status"]')?.textContent ?? '').startsWith('Validator ready');
}

function responseShown() {
  const root = document.querySelector('update-user-playground').shadowRoot;
  return /200 OK/.test(root.querySelector('[part~="response"]')?.textContent ?? '');
}

// Docusaurus's colour mode button cycles (system, light, dark): clicks it until the site is `theme`.
export async function toggleSiteTheme(theme) {
  const button = () => document.querySelector('button[aria-label^="Switch between dark and light mode"]');
  for (let i = 0; i < 3 && document.documentElement.dataset.theme !== theme; i++) {
    const label = button().ariaLabel;
    button().click();
    while (button().ariaLabel === label) await new Promise(requestAnimationFrame);
  }
  await new Promise(requestAnimationFrame);
  return document.documentElement.dataset.theme;
}

// Points the element at the sandbox and puts the body in.
function prepare(base, body) {
  const el = document.querySelector('update-user-playground');
  el.baseUrl = base;
  el.body = body;
}

/** The flow on the Docusaurus page `url` in engine `name`; resolves to the engine's version. */
export async function docsPageIn(name, url, sandbox) {
  const engine = await launchEngine(name);
  try {
    await engine.open(url);
    await engine.waitFor(validatorReady, [], 'the validator');
    assertOneColumn(await engine.evaluate(pageLayout, 0), `${name}: Docusaurus column at 1280 px`);
    assertColours(await engine.evaluate(pageTheme, 0), false, `${name}: light`);
    assert.equal(await engine.evaluate(toggleSiteTheme, 'dark'), 'dark');
    assertColours(await engine.evaluate(pageTheme, 0), true, `${name}: after the site's dark toggle`);
    await engine.evaluate(prepare, sandbox.origin, REFERENCE);
    await engine.typeInto('#token', sandbox.token);
    await engine.click('[part~="send-button"]');
    await engine.waitFor(responseShown, [], 'the response');
    assert.deepEqual(await engine.pageErrors(), [], `${name}: page errors`);
    return engine.version;
  } finally {
    await engine.close();
  }
}
