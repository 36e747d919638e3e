// The benchmark bodies, made the same way on every machine (no randomness from outside):
//  - reference.json: the reference page's example request body, byte for byte;
//  - properties-1mib.json: a valid body just under the 1 MiB limit whose `properties` holds 1,000
//    members (the contract's maximum) of nested objects, arrays, strings with escapes and non-ASCII
//    text, numbers and literals, the shape of real configuration data.
// `node tests/bench/bodies.mjs DIR` writes them to DIR; the benchmarks read them from there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REFERENCE = `{
"user_group_id": "example_1",
"name": "Example 1",
"mapping": {"40": "213", "134": "386"},
"properties": {"filterValue": "value"}
}`;

export const MAX_BYTES = 1048576;

// A small deterministic generator (xorshift32), so the body is the same everywhere.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const WORDS = [
  'region',
  'eu-west-1',
  'tier',
  'gold',
  'Zürich',
  'München',
  '東京',
  'São Paulo',
  'ünïcödé',
  'dashboard',
  'filter',
  'quoted "value"',
  'path\\to\\file',
  'line\nbreak',
  'tab\there',
  'emoji 🚀',
  'café',
];

function value(next, depth) {
  const r = next();
  if (depth >= 4 || r < 0.35) {
    const k = Math.floor(next() * 6);
    if (k === 0) return Math.floor(next() * 1e6);
    if (k === 1) return Math.round(next() * 1e6) / 1e3;
    if (k === 2) return next() < 0.5;
    if (k === 3) return null;
    return WORDS[Math.floor(next() * WORDS.length)] + ' ' + Math.floor(next() * 1000);
  }
  if (r < 0.6) {
    const n = 1 + Math.floor(next() * 6);
    return Array.from({ length: n }, () => value(next, depth + 1));
  }
  const n = 1 + Math.floor(next() * 6);
  const o = {};
  for (let i = 0; i < n; i++)
    o[`${WORDS[Math.floor(next() * 4)].replace(/\W/g, '_')}_${i}`] = value(next, depth + 1);
  return o;
}

/** A valid body of at most `limit` bytes with 1,000 `properties` members. */
export function propertiesBody(limit = MAX_BYTES - 64) {
  const next = rng(20261126);
  const head =
    '{"user_group_id":"example_1","name":"Example 1","mapping":{"40":"213","134":"386"},"properties":{';
  const members = [];
  // Each member gets an equal share of the budget, filled with generated values until full.
  const share = Math.floor((limit - head.length - 2 - 999) / 1000); // 999 commas between members
  for (let i = 0; i < 1000; i++) {
    const key = JSON.stringify(`property_${String(i).padStart(4, '0')}`);
    const items = [];
    let size = Buffer.byteLength(`${key}:[]`);
    for (let misses = 0; misses < 8;) {
      const item = value(next, 1);
      const grown = size + Buffer.byteLength(JSON.stringify(item)) + (items.length ? 1 : 0);
      if (grown > share - 40) {
        misses++;
        continue;
      }
      items.push(item);
      size = grown;
    }
    // A note fills the rest of the share exactly, so the body is as close to the limit as it gets.
    const note = 'n'.repeat(Math.max(0, share - size - (items.length ? 3 : 2)));
    if (note) items.push(note);
    members.push(`${key}:${JSON.stringify(items)}`);
  }
  return `${head}${members.join(',')}}}`;
}

export function writeBodies(dir) {
  mkdirSync(dir, { recursive: true });
  const bodies = { reference: REFERENCE, 'properties-1mib': propertiesBody() };
  for (const [name, text] of Object.entries(bodies)) writeFileSync(join(dir, `${name}.json`), text);
  return bodies;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'build/bench/bodies';
  for (const [name, text] of Object.entries(writeBodies(dir)))
    console.log(`${dir}/${name}.json: ${Buffer.byteLength(text)} bytes`);
}
