// The same few operations on a page for two more browser engines, both from Debian packages:
//
// - Firefox ESR (`firefox-esr`), driven by npm `puppeteer-core` over WebDriver BiDi (no geckodriver,
//   no browser download: puppeteer-core never fetches one);
// - WebKitGTK (`webkit2gtk-driver`), its `WebKitWebDriver` driven by npm `selenium-webdriver`, with
//   the MiniBrowser of `libwebkit2gtk-4.1-0` as the browser. WebKitGTK has no headless mode here
//   (MiniBrowser 2.50 refuses `--headless`), so the driver runs under `xvfb-run -a`.
//
//   const engine = await launchEngine('firefox');        // or 'webkit'
//   await engine.open(url);                              // navigates, then records page errors
//   await engine.evaluate((a, b) => a + b, 1, 2);        // 3: runs in the page, JSON in and out
//   await engine.waitFor((n) => window.__n > n, [count], 'what it waits for');
//   await engine.focus('.cm-content');                   // inside the playground's shadow root
//   await engine.selectAll(); await engine.typeKeys('{}'); await engine.paste('{}');
//   await engine.click('button.fix');  await engine.typeInto('#token', 'secret');
//   await engine.pageErrors();  await engine.close();
//
// Selectors given to focus/click/typeInto are looked up in <update-user-playground>'s shadow root.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import puppeteer from 'puppeteer-core';
import { Builder, Capabilities, Key } from 'selenium-webdriver';

import { closedPort, tmp } from '../browser/harness.mjs';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
// `dpkg -L libwebkit2gtk-4.1-0 | grep MiniBrowser` (webkit2gtk-driver depends on that package).
export const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const ENGINES = ['firefox', 'webkit'];

/** What must be installed for `name`: [path, Debian package] pairs. */
export function requirements(name) {
  return name === 'firefox'
    ? [[FIREFOX, 'firefox-esr']]
    : [
        [WEBKIT_DRIVER, 'webkit2gtk-driver'],
        [MINIBROWSER, 'libwebkit2gtk-4.1-0'],
        ['/usr/bin/xvfb-run', 'xvfb'],
      ];
}

export function missing(name) {
  return requirements(name)
    .filter(([file]) => !fs.existsSync(file))
    .map(([file, pkg]) => `${file} (Debian package ${pkg}; scripts/setup installs it)`);
}

/** A generous bound for one wait: these engines start slowly on a busy 2-core machine. */
export const TIMEOUT = Number(process.env.USERAPI_ENGINE_TIMEOUT ?? 60000);

export async function launchEngine(name) {
  if (name === 'firefox') return Firefox.launch();
  if (name === 'webkit') return WebKit.launch();
  throw new Error(`unknown engine ${name}`);
}

// Runs in the page right after it loaded: keeps the page's errors (uncaught errors, unhandled
// rejections, console.error) in window.__engineErrors. WebKitWebDriver has no way to run a script
// before the page's own (no BiDi, no init scripts), so both engines install it after navigation;
// for Firefox, puppeteer's pageerror and console events also count from the first byte.
function installRecorder() {
  if (window.__engineErrors) return;
  const errors = [];
  window.__engineErrors = errors;
  addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) errors.push(`${e.message} (${e.filename}:${e.lineno})`);
  });
  addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${e.reason}`));
  const consoleError = console.error;
  console.error = (...args) => {
    errors.push(`console.error: ${args.map(String).join(' ')}`);
    consoleError.apply(console, args);
  };
}

// Focuses an element of the playground's shadow root (or of the document, outside the playground).
function focusIn(selector) {
  const host = document.querySelector('update-user-playground');
  const el = (host?.shadowRoot ?? document).querySelector(selector);
  if (!el) throw new Error(`no ${selector} in the page`);
  el.focus();
}

class Firefox {
  name = 'firefox';
  #browser;
  #page;
  #errors = [];

  static async launch() {
    const engine = new Firefox();
    engine.#browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      timeout: TIMEOUT,
      protocolTimeout: TIMEOUT,
      // A profile of its own in the suite's scratch folder (puppeteer's prefs already turn off
      // updates, telemetry and the other background traffic the closed network refuses).
      userDataDir: fs.mkdtempSync(path.join(tmp, 'firefox-')),
      // Lets a script write the clipboard without a user gesture (for paste(); a testing pref).
      extraPrefsFirefox: { 'dom.events.testing.asyncClipboard': true },
    });
    engine.version = await engine.#browser.version();
    engine.#page = await engine.#browser.newPage();
    engine.#page.setDefaultTimeout(TIMEOUT);
    await engine.#page.setViewport({ width: 1280, height: 900 });
    engine.#page.on('pageerror', (e) => engine.#errors.push(`pageerror: ${e.message}`));
    engine.#page.on('console', (m) => {
      if (m.type() === 'error') engine.#errors.push(`console: ${m.text()}`);
    });
    return engine;
  }

  async open(url) {
    await this.#page.goto(url, { waitUntil: 'load' });
    await this.#page.evaluate(installRecorder);
  }

  // Strings, not functions, so that no `new Function` runs in the page (the sandbox's CSP has no
  // 'unsafe-eval'); the protocol evaluates them. JSON both ways, so both engines return the same
  // plain values (undefined members dropped).
  async evaluate(fn, ...args) {
    const json = await this.#page.evaluate(
      `(async () => JSON.stringify(await (${fn})(...${JSON.stringify(args)})))()`,
    );
    return json === undefined ? undefined : JSON.parse(json);
  }

  async waitFor(fn, args, what, timeout = TIMEOUT) {
    try {
      await this.#page.waitForFunction(`(${fn})(...${JSON.stringify(args)})`, { timeout, polling: 50 });
    } catch (error) {
      throw new Error(`firefox: no ${what} within ${timeout} ms (${error.message})`);
    }
  }

  async focus(selector) {
    await this.evaluate(focusIn, selector);
  }

  async selectAll() {
    await this.#page.keyboard.down('Control');
    await this.#page.keyboard.press('a');
    await this.#page.keyboard.up('Control');
  }

  async typeKeys(text) {
    await this.#page.keyboard.type(text);
  }

  // A real paste: the text on the clipboard (headless Firefox has one of its own), then Ctrl+V.
  // Firefox hides the data of a paste event a script makes, so that would paste nothing.
  async paste(text) {
    await this.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.#page.keyboard.down('Control');
    await this.#page.keyboard.press('v');
    await this.#page.keyboard.up('Control');
  }

  // A real pointer click on the element (puppeteer's `>>>` pierces the shadow root).
  async click(selector) {
    await this.#page.locator(`update-user-playground >>> ${selector}`).click();
  }

  async typeInto(selector, text) {
    const input = await this.#page.locator(`update-user-playground >>> ${selector}`).waitHandle();
    await input.focus();
    await input.type(text);
  }

  async pageErrors() {
    const inPage = await this.evaluate(() => window.__engineErrors ?? []);
    return [...this.#errors, ...inPage];
  }

  async close() {
    await this.#browser?.close();
  }
}

class WebKit {
  name = 'webkit';
  #driver;
  #proc;
  #exited;
  #driverPid;

  // Twice more if xvfb-run lost a race for a display number to another run (`-a` takes the first
  // free one, checked then taken, so two at once can pick the same).
  static async launch(tries = 3) {
    const engine = new WebKit();
    try {
      await engine.#start();
    } catch (error) {
      await engine.close();
      if (tries > 1 && engine.#proc?.exitCode !== null) return WebKit.launch(tries - 1);
      throw error;
    }
    return engine;
  }

  async #start() {
    const port = await closedPort();
    const dir = fs.mkdtempSync(path.join(tmp, 'webkit-'));
    // xvfb-run around the driver only (the node process needs no display): `-a` picks a free
    // display, `-f` keeps its Xauthority in our scratch folder. The shell prints the driver's pid
    // so close() can end the driver and let xvfb-run stop its Xvfb and clean up; the process
    // group (detached) is the fallback if anything is left.
    this.#proc = spawn(
      'xvfb-run',
      [
        '-a',
        '-f',
        path.join(dir, 'Xauthority'),
        '-s',
        '-screen 0 1280x1024x24',
        'sh',
        '-c',
        'echo "driver pid $$" >&2; exec "$0" --port="$1"',
        WEBKIT_DRIVER,
        String(port),
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const proc = this.#proc;
    process.on('exit', () => this.#killGroup());
    let log = '';
    this.#exited = new Promise((resolve) => proc.on('exit', resolve));
    proc.stdout.on('data', (c) => (log += c));
    proc.stderr.on('data', (c) => {
      log += c;
      this.#driverPid ??= Number(/driver pid (\d+)/.exec(log)?.[1]) || undefined;
    });
    // Ready when its /status says so (no fixed sleep: each poll is a request, bounded in total).
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited (${proc.exitCode}):\n${log}`);
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start:\n${log}`);
      const ready = await fetch(`${url}/status`)
        .then((r) => r.json())
        .then((s) => s.value?.ready)
        .catch(() => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const capabilities = new Capabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    });
    this.#driver = await new Builder().usingServer(url).withCapabilities(capabilities).build();
    this.version = `WebKitGTK ${(await this.#driver.getCapabilities()).get('browserVersion')}`;
    await this.#driver.manage().setTimeouts({ script: TIMEOUT, pageLoad: TIMEOUT });
    await this.#driver.manage().window().setRect({ width: 1280, height: 900 });
  }

  async open(url) {
    await this.#driver.get(url);
    await this.evaluate(installRecorder);
  }

  async evaluate(fn, ...args) {
    const result = await this.#driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve()
         .then(() => (${fn})(...JSON.parse(arguments[0])))
         .then((v) => done({ json: JSON.stringify(v) }), (e) => done({ error: String((e && e.stack) || e) }));`,
      JSON.stringify(args),
    );
    if (result.error !== undefined) throw new Error(`webkit: in the page: ${result.error}`);
    return result.json === undefined || result.json === null ? undefined : JSON.parse(result.json);
  }

  // Polls the predicate (one round trip each, no fixed pause) until it holds or time is up.
  async waitFor(fn, args, what, timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await this.evaluate(fn, ...args)) return;
      if (Date.now() > deadline) throw new Error(`webkit: no ${what} within ${timeout} ms`);
      await this.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    }
  }

  async #element(selector) {
    return this.#driver.executeScript(
      `const host = document.querySelector('update-user-playground');
       return (host ? host.shadowRoot : document).querySelector(arguments[0]);`,
      selector,
    );
  }

  // WebKitWebDriver: a WebDriver click on CodeMirror's `.cm-content` in the shadow root is "not
  // interactable"; focusing it by script and typing with Actions works (TOOLCHAIN.md).
  async focus(selector) {
    await this.evaluate(focusIn, selector);
  }

  async selectAll() {
    await this.#driver.actions().keyDown(Key.CONTROL).sendKeys('a').keyUp(Key.CONTROL).perform();
  }

  async typeKeys(text) {
    await this.#driver.actions().sendKeys(text).perform();
  }

  // A paste event carrying the text, dispatched on the focused element: what Ctrl+V delivers
  // (MiniBrowser's clipboard cannot be written by script without a user gesture).
  async paste(text) {
    await this.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      let target = document.activeElement;
      while (target?.shadowRoot?.activeElement) target = target.shadowRoot.activeElement;
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }),
      );
    }, text);
  }

  async click(selector) {
    const deadline = Date.now() + TIMEOUT;
    let el;
    while (!(el = await this.#element(selector))) {
      if (Date.now() > deadline) throw new Error(`webkit: no ${selector} within ${TIMEOUT} ms`);
      await this.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    }
    await el.click();
  }

  async typeInto(selector, text) {
    const el = await this.#element(selector);
    if (!el) throw new Error(`webkit: no ${selector}`);
    await el.sendKeys(text);
  }

  async pageErrors() {
    return this.evaluate(() => window.__engineErrors ?? []);
  }

  #killGroup() {
    try {
      if (this.#proc?.exitCode === null) process.kill(-this.#proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  async close() {
    await this.#driver?.quit().catch(() => {});
    if (!this.#proc || this.#proc.exitCode !== null) return;
    // Ending the driver lets xvfb-run stop its Xvfb and remove its files; the group if it hangs.
    if (this.#driverPid) process.kill(this.#driverPid, 'SIGTERM');
    else this.#killGroup();
    const timer = setTimeout(() => this.#killGroup(), 10000);
    await this.#exited;
    clearTimeout(timer);
  }
}
