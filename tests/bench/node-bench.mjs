// api.validate(text) in Node 20 against JSON.parse + an ajv-compiled validator of
// docs/update-user.schema.json, on the same bodies, plus the time to instantiate the module in a
// fresh Node process. Writes one JSON object to OUT (or stdout).
//
//   node tests/bench/node-bench.mjs BODY_DIR [OUT.json]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
// USERAPI_MODULE: another build of the module to measure (e.g. one from before a change).
const { createUserApi } = await import(process.env.USERAPI_MODULE ?? 'userapi');
import { compare, median } from './stats.mjs';

const [bodyDir = 'build/bench/bodies', out] = process.argv.slice(2);
const root = new URL('../../', import.meta.url);

// The peer: what a JavaScript project would do without userapi. ajv with its defaults (strict
// mode, first error only, which is ajv's fastest) compiling the project's JSON Schema once.
const schema = JSON.parse(readFileSync(new URL('docs/update-user.schema.json', root), 'utf8'));
const ajvValidate = new Ajv2020().compile(schema);
const peer = (text) => {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return false;
  }
  return ajvValidate(data);
};

const api = await createUserApi();
const ours = (text) => api.validate(text);

const result = { validate: {}, instantiate: {} };
const shapes = readFileSync(join(bodyDir, 'shapes.txt'), 'utf8').split('\n').filter(Boolean);
for (const name of shapes) {
  const text = readFileSync(join(bodyDir, `${name}.json`), 'utf8');
  if (!ours(text).valid || !peer(text)) throw new Error(`${name}: both validators must accept the body`);
  result.validate[name] = { bytes: Buffer.byteLength(text), ...compare(ours, peer, text) };
}

// Instantiate: a fresh process per run (tests/bench/instantiate-node.mjs): createUserApi() alone,
// and the import of the JavaScript before it.
const runs = [];
for (let i = 0; i < 15; i++)
  runs.push(
    JSON.parse(execFileSync(process.execPath, [new URL('instantiate-node.mjs', import.meta.url).pathname])),
  );
result.instantiate.node = {
  ms: median(runs.map((r) => r.ms)),
  import_ms: median(runs.map((r) => r.import_ms)),
  runs,
};
result.node = process.version;

const json = JSON.stringify(result, null, 2);
if (out) writeFileSync(out, json);
else console.log(json);
