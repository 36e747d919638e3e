// The benchmark bodies, made the same way on every machine (no randomness from outside), all valid:
//  - reference: the reference page's example request body, byte for byte;
//  - typical-16kib: a 16 KiB body as a real configuration would be (mapping and properties);
//  - properties-1mib: just under the 1 MiB limit, `properties` holding 1,000 members (the
//    contract's maximum) of nested objects, arrays, strings with escapes and non-ASCII text,
//    numbers and literals: many small members;
//  - long-ascii-1mib: 1,000 strings of about 1,000 ASCII characters;
//  - non-ascii-1mib: 1,000 strings of CJK text and emoji with escapes (\n, \", \u00e9, \ud83d\ude80);
//  - numbers-1mib: 1,000 arrays of numbers: long integers, exponents, huge ones (30 digits, 1.8e308;
//    not 1e400, which RapidJSON's DOM, the peer, rejects: the core then parses twice);
//  - deep-1mib: 1,000 members nested to the depth limit (32 levels), mostly arrays.
// `node tests/bench/bodies.mjs DIR` writes DIR/<shape>.json and DIR/shapes.txt (the names, one a
// line, in this order); the benchmarks read them from there.
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

/** A valid body of at most `limit` bytes with `count` `properties` members. */
export function propertiesBody(limit = MAX_BYTES - 64, count = 1000) {
  const next = rng(20261126);
  const head =
    '{"user_group_id":"example_1","name":"Example 1","mapping":{"40":"213","134":"386"},"properties":{';
  const members = [];
  // Each member gets an equal share of the budget, filled with generated values until full.
  const share = Math.floor((limit - head.length - 2 - (count - 1)) / count); // commas between members
  for (let i = 0; i < count; i++) {
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

const HEAD =
  '{"user_group_id":"example_1","name":"Example 1","mapping":{"40":"213","134":"386"},"properties":{';

/**
 * A body of at most `limit` bytes whose `properties` holds `count` members, member i being
 * `"key_i":` + member(i, share), where `share` is the bytes each member may take (key included).
 */
function filledBody(count, limit, member) {
  const share = Math.floor((limit - HEAD.length - 2 - (count - 1)) / count);
  const members = [];
  for (let i = 0; i < count; i++) {
    const key = `"key_${String(i).padStart(4, '0')}":`;
    members.push(key + member(i, share - key.length));
  }
  return `${HEAD}${members.join(',')}}}`;
}

/** A JSON string literal of exactly `bytes` bytes: `pieces` (JSON text each) cycled, then padding. */
function stringOf(pieces, bytes, next) {
  let out = '"';
  for (let size = 1; ;) {
    const piece = pieces[Math.floor(next() * pieces.length)];
    const n = Buffer.byteLength(piece);
    if (size + n + 1 > bytes) break;
    out += piece;
    size += n;
  }
  return out + 'x'.repeat(bytes - Buffer.byteLength(out) - 1) + '"';
}

const ASCII = [
  ' ',
  'lorem',
  'ipsum',
  'dolor',
  'sit',
  'amet,',
  'consectetur',
  '2026-12-01',
  'id=42;',
  '(a|b)',
];
const NON_ASCII = [
  '東京都渋谷区',
  '北京市朝阳区',
  '서울특별시',
  '日本語のテキスト',
  '🚀',
  '👩‍💻',
  '🎉✨',
  'Zürich',
  'São Paulo',
  '\\n',
  '\\"',
  '\\u00e9',
  '\\ud83d\\ude80',
  '\\t',
];
const NUMBERS = [
  '0',
  '-1',
  '42',
  '9007199254740993',
  '-12345678901234567890123',
  '3.14159',
  '6.02214076e23',
  '-1.5E-10',
  '1.7976931348623157e308',
  '123456789012345678901234567890',
  '2.5e-400',
  '-0',
  '1.0',
];

/**
 * An array (level 3: the body is 1, properties 2) of chains of 28 more arrays around a leaf, so
 * `{"k":0}` leaves reach level 32, the limit.
 */
function deepMember(bytes, next) {
  const items = [];
  for (let size = 2; ;) {
    const leaf = ['1', 'true', 'null', '"a"', '{"k":0}'][Math.floor(next() * 5)];
    const chain = '['.repeat(28) + leaf + ']'.repeat(28);
    if (size + chain.length + 1 > bytes) break;
    items.push(chain);
    size += chain.length + 1;
  }
  return `[${items.join(',')}]`;
}

export const SHAPES = {
  reference: () => REFERENCE,
  'typical-16kib': () => propertiesBody(16384, 40),
  'properties-1mib': () => propertiesBody(),
  'long-ascii-1mib': () => {
    const next = rng(1);
    return filledBody(1000, MAX_BYTES - 64, (i, bytes) => stringOf(ASCII, bytes, next));
  },
  'non-ascii-1mib': () => {
    const next = rng(2);
    return filledBody(1000, MAX_BYTES - 64, (i, bytes) => stringOf(NON_ASCII, bytes, next));
  },
  'numbers-1mib': () => {
    const next = rng(3);
    return filledBody(1000, MAX_BYTES - 64, (i, bytes) => {
      const items = [];
      for (let size = 2; ;) {
        const n = NUMBERS[Math.floor(next() * NUMBERS.length)];
        if (size + n.length + 1 > bytes) break;
        items.push(n);
        size += n.length + 1;
      }
      return `[${items.join(',')}]`;
    });
  },
  'deep-1mib': () => {
    const next = rng(4);
    return filledBody(1000, MAX_BYTES - 64, (i, bytes) => deepMember(bytes, next));
  },
};

export function writeBodies(dir) {
  mkdirSync(dir, { recursive: true });
  const bodies = {};
  for (const [name, make] of Object.entries(SHAPES)) {
    bodies[name] = make();
    writeFileSync(join(dir, `${name}.json`), bodies[name]);
  }
  writeFileSync(join(dir, 'shapes.txt'), `${Object.keys(bodies).join('\n')}\n`);
  return bodies;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'build/bench/bodies';
  for (const [name, text] of Object.entries(writeBodies(dir)))
    console.log(`${dir}/${name}.json: ${Buffer.byteLength(text)} bytes`);
}
