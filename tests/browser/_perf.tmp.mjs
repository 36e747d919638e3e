import { startSandbox, launchChromium, openPlayground, setBody, validatedCount, nextValidation } from './harness.mjs';
const sandbox = await startSandbox();
const browser = await launchChromium();
const context = await browser.newContext();
const page = await openPlayground(context, sandbox.url);
const mapping = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [String(i + 1), `source_${i}`]));
const properties = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, Array.from({ length: 90 }, (_, j) => i * 1000 + j)]));
const body = `${JSON.stringify({ user_group_id: 'perf', name: 'Perf', mapping, properties }, null, 1)}\n`;
if (process.argv[2]) await page.locator('#token').fill('tok');
await setBody(page, body);
await page.locator('.cm-content').focus();
await page.keyboard.press('Control+End');
for (let i = 0; i < 5; i++) {
  const c = await validatedCount(page);
  await page.keyboard.press(i % 2 ? 'Backspace' : 'Space');
  await nextValidation(page, c);
  await page.waitForFunction(() => window.__pg.paintedAt > window.__pg.last.at);
  console.log(await page.evaluate(() => JSON.stringify({ T: window.__T, ms: Math.round(window.__pg.last.ms), ev: Math.round(window.__pg.last.at - window.__pg.keydownAt), paint: Math.round(window.__pg.paintedAt - window.__pg.keydownAt) })));
}
await browser.close(); await sandbox.stop();
