import { createUserApi } from 'userapi';
import { asText, bodyBytes, loadCases } from '../vectors/vectors.mjs';
import { startSandbox, launchChromium, openPlayground, setBody, editorMarks, formFieldState } from './harness.mjs';
const api = await createUserApi();
const sandbox = await startSandbox();
const browser = await launchChromium();
const context = await browser.newContext();
context.setDefaultTimeout(10000);
const page = await openPlayground(context, sandbox.url);
const cases = loadCases('body').filter((c) => { const b = bodyBytes(c); return asText(b) !== undefined && b.length < 20000 && c.violations.some(v => v.line !== undefined); });
const t0 = Date.now();
let prev; let problems = 0;
for (const c of cases) {
  const text = asText(bodyBytes(c));
  const editorText = text.replace(/\r\n?/g, '\n');
  if (editorText === prev) { console.log('same', c.name); continue; }
  prev = editorText;
  const last = await setBody(page, editorText);
  const node = api.buildRequest(editorText, { baseUrl: sandbox.origin, token: '', force: true }).violations;
  const same = JSON.stringify(last.violations) === JSON.stringify(node);
  const marks = await editorMarks(page);
  for (const v of c.violations.filter(v => v.line !== undefined)) {
    const m = marks.find(m => m.line === v.line && m.column === v.column);
    let fs = null;
    if (/^\/(user_group_id|name|mapping\/[^/]*)$/.test(v.path) && v.code !== 'unknown_field') fs = await formFieldState(page, v.path, v.code);
    const bad = !m || (v.severity === 'error' && m.severity !== 'error') || (fs && (!fs.found || (v.severity === 'error' && fs.invalid !== 'true')));
    if (bad || !same) { problems++; console.log(JSON.stringify({ name: c.name, file: c.file, v: [v.path, v.code, v.severity, v.line, v.column], same, m, marks: marks.slice(0, 6), fs })); }
  }
}
console.log('cases', cases.length, 'ms', Date.now() - t0, 'problems', problems);
await browser.close(); await sandbox.stop();
