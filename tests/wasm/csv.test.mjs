// The shared CSV vectors (tests/vectors/csv) through the shipped batch module: the core's
// tokeniser compiled to wasm gives every record (line and cells) or syntax error the vectors
// state, as the native GoogleTest checks natively.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadBatchCore } from '../../build/wasm/pkg/batch.mjs';
import { loadCases } from '../vectors/vectors.mjs';

const core = await loadBatchCore();
const cases = loadCases('csv');

// What a vector expects: {records} or {error}.
const expected = (c) => (c.error ? { error: c.error } : { records: c.records });

test('the CSV vectors are there', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'names are unique');
});

for (const c of cases) {
  test(`CSV ${c.file}: ${c.name}`, () => {
    assert.deepEqual(JSON.parse(core.batchCsvRecords(c.csv)), expected(c));
  });
}
