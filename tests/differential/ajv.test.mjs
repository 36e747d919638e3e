// Differential test: ajv 8 (draft 2020-12, docs/update-user.schema.json) against the C++ core on
// generated bodies (tests/differential/generate.mjs). The JavaScript side reads a body as a
// JSON text must be read: strict UTF-8 (TextDecoder, fatal, BOM kept), JSON.parse, then ajv.
// Every body goes through the WebAssembly module; a deterministic sample also through the native
// CLI (one process per body, so a sample: tests/differential/native-wasm.test.mjs shows the two
// builds give byte-identical output on every fuzz-corpus input, and tests/wasm/parity.test.mjs
// on the whole corpus). Each validity disagreement must belong to a class listed in
// docs/differential-ledger.md; anything else fails the test.
//
// USERAPI_DIFF_SEED (default 0x7a11), USERAPI_DIFF_COUNT (default 24000) and
// USERAPI_DIFF_NATIVE (native sample size, default 500) change the run; the figures of the last
// run go to build/differential/ajv-last-run.json.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import Ajv2020Module from 'ajv/dist/2020.js';
import { createUserApi } from 'userapi';

import { cliJson, scratchFile } from '../wasm/native-cli.mjs';
import { generateBodies } from './generate.mjs';

const repo = new URL('../..', import.meta.url).pathname;
const SEED = Number(process.env.USERAPI_DIFF_SEED ?? 0x7a11);
const COUNT = Number(process.env.USERAPI_DIFF_COUNT ?? 24000);
const NATIVE_SAMPLE = Number(process.env.USERAPI_DIFF_NATIVE ?? 500);

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const schema = JSON.parse(readFileSync(join(repo, 'docs/update-user.schema.json'), 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemaValidate = ajv.compile(schema);
const ledger = readFileSync(join(repo, 'docs/differential-ledger.md'), 'utf8');
const api = await createUserApi();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What a JSON Schema validator can say about the bytes: {valid, stage, value?, errors?}. */
function reference(bytes) {
  let text;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { valid: false, stage: 'encoding' };
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { valid: false, stage: 'syntax', text };
  }
  const valid = schemaValidate(value);
  return { valid, stage: 'schema', text, value, errors: valid ? [] : schemaValidate.errors };
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DIGITS = /^\d+$/;

// The text of a violation's key or value: from/to are UTF-16 indices into the text.
const spelled = (text, v) => (v.from === undefined ? undefined : text.slice(v.from, v.to));

// The texts one code alone explains, when JSON.parse and ajv accepted what the core rejects.
const SOLE_CODE_CLASSES = {
  'json.duplicate_key': 'duplicate-keys',
  'json.depth': 'depth',
  'json.too_large': 'size',
};

// JSON Schema's "integer" is a value: 213.0, 2e2, -0, 1e-400 are integers; the core reads spellings.
function integerSpelledOtherwise(text, v) {
  const spelling = spelled(text, v) ?? '';
  return (
    v.code === 'type.string' &&
    /^\/mapping\/[^/]*$/.test(v.path) &&
    NUMBER.test(spelling) &&
    !DIGITS.test(spelling) &&
    Number.isInteger(Number(spelling)) &&
    Number(spelling) >= 0
  );
}

// JSON.parse accepted the text and ajv the value; the core rejects the text.
function coreOnlyRejects(ref, errors) {
  const codes = new Set(errors.map((v) => v.code));
  const [only] = codes;
  if (codes.size === 1 && SOLE_CODE_CLASSES[only]) return SOLE_CODE_CLASSES[only];
  if (codes.size === 1 && only === 'json.encoding' && /\\u[dD][89abAB]|\\u[dD][c-fC-F]/.test(ref.text))
    return 'lone-surrogate';
  if (errors.every((v) => integerSpelledOtherwise(ref.text, v))) return 'number-spelling';
  return undefined;
}

// Digits-only mapping values beyond double range: JSON.parse makes them Infinity, not an integer.
function ajvOnlyRejects(ref) {
  const beyondDouble = (e) =>
    /^\/mapping\/[^/]*$/.test(e.instancePath) &&
    ref.value.mapping[decodePointer(e.instancePath.slice('/mapping/'.length))] === Infinity;
  return ref.errors.every(beyondDouble) ? 'number-beyond-double' : undefined;
}

/** The ledger class that explains a disagreement, or undefined when none does. */
function classify(ref, core) {
  if (ref.stage !== 'schema') return undefined;
  if (ref.valid && !core.valid)
    return coreOnlyRejects(
      ref,
      core.violations.filter((v) => v.severity === 'error'),
    );
  if (!ref.valid && core.valid) return ajvOnlyRejects(ref);
  return undefined;
}

const decodePointer = (token) => token.replaceAll('~1', '/').replaceAll('~0', '~');

function describe(bytes, ref, core) {
  const text =
    bytes.length > 300
      ? `${bytes.subarray(0, 300).toString('utf8')}... (${bytes.length} bytes)`
      : bytes.toString('utf8');
  return (
    `body ${JSON.stringify(text)}\n  ajv: ${ref.valid} (${ref.stage}) ${JSON.stringify(ref.errors?.slice(0, 3) ?? [])}` +
    `\n  core: ${core.valid} ${JSON.stringify(core.violations.map((v) => `${v.path} ${v.code}`))}`
  );
}

// Counts one body's verdicts: agreement, a ledger class, or an unexplained disagreement.
function tally({ figures, unexplained, examples }, bytes, ref, core) {
  if (ref.valid === core.valid) {
    figures.agree++;
    if (ref.valid) figures.bothValid++;
    return;
  }
  const cls = classify(ref, core);
  if (cls === undefined) return void unexplained.push(describe(bytes, ref, core));
  figures.disagreements[cls] = (figures.disagreements[cls] ?? 0) + 1;
  examples[cls] ??=
    bytes.length > 200 ? `${bytes.subarray(0, 200).toString('utf8')}...` : bytes.toString('utf8');
}

// The native command's report on a sample of the bodies: the wasm's, field for field.
function compareNative({ native, unexplained }, bytes, ref, core) {
  const nativeReport = cliJson(['validate', scratchFile(bytes), '--format', 'json']);
  native.compared++;
  assert.deepEqual(nativeReport, core, `native and wasm differ on ${describe(bytes, ref, core)}`);
  native.agreeWithWasm++;
  if (nativeReport.valid === ref.valid) native.agreeWithAjv++;
  else if (classify(ref, nativeReport) !== undefined) native.ledger++;
  else unexplained.push(`(native) ${describe(bytes, ref, nativeReport)}`);
}

test(`ajv and the core agree on validity for ${COUNT}+ generated bodies, except ledger classes`, () => {
  const bodies = generateBodies(SEED, COUNT);
  assert.ok(bodies.length >= 20000);
  const figures = {
    seed: SEED,
    bodies: bodies.length,
    byKind: {},
    agree: 0,
    bothValid: 0,
    disagreements: {},
    stages: {},
  };
  const unexplained = [];
  const examples = {};
  const nativeEvery = Math.max(1, Math.floor(bodies.length / NATIVE_SAMPLE));
  const native = { compared: 0, agreeWithWasm: 0, agreeWithAjv: 0, ledger: 0 };
  const run = { figures, unexplained, examples, native };

  bodies.forEach(({ kind, bytes }, index) => {
    figures.byKind[kind] = (figures.byKind[kind] ?? 0) + 1;
    const ref = reference(bytes);
    figures.stages[ref.stage] = (figures.stages[ref.stage] ?? 0) + 1;
    const core = api.validate(new Uint8Array(bytes));
    tally(run, bytes, ref, core);
    if (index % nativeEvery === 0 && native.compared < NATIVE_SAMPLE) compareNative(run, bytes, ref, core);
  });

  figures.native = native;
  figures.unexplained = unexplained.length;
  figures.examples = examples;
  mkdirSync(join(repo, 'build/differential'), { recursive: true });
  writeFileSync(join(repo, 'build/differential/ajv-last-run.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(
    `differential vs ajv: ${figures.bodies} bodies (${JSON.stringify(figures.byKind)}), ` +
      `${figures.agree} agree (${figures.bothValid} valid), ledger ${JSON.stringify(figures.disagreements)}, ` +
      `native sample ${native.compared}, unexplained ${unexplained.length}`,
  );

  assert.deepEqual(unexplained.slice(0, 20), [], `${unexplained.length} disagreements outside the ledger`);
  for (const cls of Object.keys(figures.disagreements))
    assert.ok(ledger.includes(`\`${cls}\``), `class ${cls} is not listed in docs/differential-ledger.md`);
  // The generator must reach both verdicts in quantity, or agreement would mean little.
  assert.ok(figures.bothValid >= 2000, `only ${figures.bothValid} valid bodies`);
  assert.ok(figures.agree - figures.bothValid >= 2000, 'too few invalid bodies');
  assert.equal(native.compared, Math.min(NATIVE_SAMPLE, Math.ceil(bodies.length / nativeEvery)));
});
