// The same batch file gives the same rows in the CLI and in the module: `userapi validate --batch
// FILE --format json` against api.parseBatch, both tokenised, mapped and checked by the core (one
// CSV tokeniser, batch::tokenize_csv): row numbers, lines, ids, digests, bodies, verdicts and
// violations, syntax errors included, for the generated 10,000-row files, for CSV's corners
// (CRLF, lone CR, a byte order mark, quoted line breaks, empty lines and cells, spaces, a missing
// last line break, ragged rows, bytes that are not UTF-8) and for every shared CSV vector
// (tests/vectors/csv).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createUserApi } from '../../build/wasm/pkg/userapi.mjs';
import { CLI, run, scratchFile } from '../sandbox/server.mjs';
import { csvBatch, ndjsonBatch } from './batch-files.mjs';
import { loadCases } from '../vectors/vectors.mjs';

const api = await createUserApi();

async function both(text, ext) {
  const file = scratchFile(text, ext);
  const r = await run(CLI, ['validate', '--batch', file, '--format', 'json'], { timeout: 60000 });
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const cli = JSON.parse(r.stdout);
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : new Uint8Array(text);
  const { format, summary, ...module } = await api.parseBatch(bytes, {
    format: ext === '.csv' ? 'csv' : 'ndjson',
  });
  assert.equal(format, ext === '.csv' ? 'csv' : 'ndjson');
  assert.equal(typeof summary, 'string');
  return { cli, module };
}

test('the generated 10,000-row NDJSON and CSV files: identical rows', async () => {
  for (const [text, ext] of [
    [ndjsonBatch({ tag: 'p', rows: 10000, invalidEvery: 100 }).text, '.ndjson'],
    [csvBatch({ tag: 'p', rows: 10000, invalidEvery: 100 }).text, '.csv'],
    [csvBatch({ tag: 'p', rows: 2000, invalidEvery: 50, crlf: true }).text, '.csv'],
  ]) {
    const { cli, module } = await both(text, ext);
    assert.ok(cli.rows.length >= 2000);
    assert.deepEqual(module, cli, ext);
  }
});

const H = 'user_group_id,name,properties.note\n';
const CORNERS = {
  'CRLF line ends': 'user_group_id,name\r\na,A\r\nb,B\r\n',
  'CRLF lines and a last LF': 'user_group_id,name\r\na,A\r\nb,B\n',
  'lone CR line ends': 'user_group_id,name\ra,A\rb,B\r',
  'a byte order mark': '\ufeffuser_group_id,name\na,A\n',
  'quoted line breaks (LF, CRLF, CR) and lines after': `${H}a,"one\ntwo",x\nb,B,"three\r\nfour"\nc,C,"five\rsix"\nd,D,y\n`,
  'empty lines between, before and after': `\n${H}\na,A,x\n\n\nb,B,y\n\n`,
  'no line break at the end': `${H}a,A,x`,
  'empty cells and quoted empty cells': `${H}a,,\nb,"",""\n`,
  'spaces kept around cells': `${H}a, A ,  x\n  b,B,y\n`,
  'quotes doubled inside quotes': `${H}a,"say ""hi""",x\n`,
  'quotes inside unquoted cells (kept as characters)': `${H}a,5" screen,x\nb,B"q",y\n`,
  'ragged rows': `${H}a,A\nb,B,x,extra\nc,C,y\n`,
  'a line of one space': `${H}a,A,x\n \nb,B,y\n`,
  'only a header': H,
  'not UTF-8': Buffer.from('user_group_id,name\na,\xff\n', 'latin1'),
};

for (const [name, text] of Object.entries(CORNERS)) {
  test(`CSV: ${name}`, async () => {
    const { cli, module } = await both(text, '.csv');
    assert.deepEqual(module, cli);
  });
}

test('files that are not CSV: the same batch.csv_syntax, reason and line, in both', async () => {
  for (const text of [`${H}a,"open,x\nb,B,y\n`, `${H}a,A,x\nb,"B"trailing,y\n`]) {
    const { cli, module } = await both(text, '.csv');
    assert.equal(cli.sendable, false, text);
    assert.equal(cli.violations[0].code, 'batch.csv_syntax', text);
    assert.deepEqual(module, cli, text);
  }
});

test('every shared CSV vector: identical output in both', async () => {
  const cases = loadCases('csv');
  assert.ok(cases.length >= 40);
  for (const c of cases) {
    const { cli, module } = await both(c.csv, '.csv');
    assert.deepEqual(module, cli, `${c.file}: ${c.name}`);
    if (c.error) assert.equal(cli.violations[0].params.reason, c.error.reason, c.name);
  }
});
