// Deterministic body generator for the differential tests: random bodies built around the
// contract's edges, and mutations of the corpus bodies. Every body is raw bytes (a Buffer), so
// white space, escapes, number spellings, BOMs and ill-formed UTF-8 are exactly as generated.
import { bodyBytes, loadCases } from '../vectors/vectors.mjs';

/** mulberry32: a small seeded PRNG; rng() in [0, 1). */
export function makeRng(seed) {
  let a = seed >>> 0;
  const rng = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  rng.int = (n) => Math.floor(rng() * n);
  rng.pick = (list) => list[rng.int(list.length)];
  rng.chance = (p) => rng() < p;
  return rng;
}

// ---- Code point pools ---------------------------------------------------------------------------

const ES_WHITE_SPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2005, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000, 0xfeff,
];
// Look like white space or are "invisible" but are not in ECMAScript's \s.
const NOT_WHITE_SPACE = [0x85, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfffe, 0x115f, 0x3164];
const CONTROL = [...Array(0x20).keys(), 0x7f];
const C1 = [0x80, 0x81, 0x9f];
const ASTRAL = [0x1f600, 0x10000, 0x10ffff, 0x1d11e, 0x20000, 0xe0001];
const BMP = [0xe9, 0x4e2d, 0x0661, 0xff11, 0xfdd0, 0xffff, 0xd7ff, 0xe000, 0x2603, 0x05d0];
const ASCII = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/~"\\ '].map((c) =>
  c.codePointAt(0),
);

function codePoint(rng, pools) {
  return rng.pick(rng.pick(pools));
}

// ---- JSON text pieces ---------------------------------------------------------------------------

const hex4 = (n) => n.toString(16).padStart(4, '0');
const SHORT_ESCAPES = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x2f: '\\/',
};

/** One code point inside a JSON string literal: raw when allowed, else (or at random) escaped. */
function encodeCodePoint(rng, cp, escapeRate) {
  const mustEscape = cp < 0x20 || cp === 0x22 || cp === 0x5c;
  if (!mustEscape && !rng.chance(escapeRate)) return String.fromCodePoint(cp);
  if (SHORT_ESCAPES[cp] && rng.chance(0.6)) return SHORT_ESCAPES[cp];
  const upper = rng.chance(0.3);
  const esc = (u) => `\\u${upper ? hex4(u).toUpperCase() : hex4(u)}`;
  if (cp < 0x10000) return esc(cp);
  const v = cp - 0x10000;
  return esc(0xd800 + (v >> 10)) + esc(0xdc00 + (v & 0x3ff));
}

/** A JSON string literal for a list of code points; `lone` adds an escaped lone surrogate. */
function stringLiteral(rng, cps, { escapeRate = rng.pick([0, 0, 0.05, 0.5, 1]), lone = false } = {}) {
  let body = cps.map((cp) => encodeCodePoint(rng, cp, escapeRate)).join('');
  if (lone) {
    const surrogate = `\\u${hex4(rng.pick([0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d]))}`;
    body = rng.chance(0.5) ? surrogate + body : body + surrogate;
  }
  return `"${body}"`;
}

const BOUNDARY_LENGTHS = [0, 1, 2, 3, 8, 254, 255, 256, 257, 300];

// Set per body: a "clean" body picks only valid choices (it may then get one mutation), so that
// plenty of bodies are valid and each invalid one differs from a valid one by little.
let clean = false;

// A valid value's code points, a fifth of them led by white space (allowed when not all of it).
function cleanIdCodePoints(rng) {
  const length = rng.chance(0.9) ? 1 + rng.int(16) : rng.pick([254, 255]);
  const cps = Array.from({ length }, () => codePoint(rng, [ASCII, ASCII, BMP, ASTRAL, NOT_WHITE_SPACE]));
  if (length > 1 && rng.chance(0.2)) cps[0] = rng.pick(ES_WHITE_SPACE.filter((c) => c >= 0x20 && c !== 0x7f));
  return cps;
}

// By kind: 0 blank, 1 looks blank and is not, 2 code points that are not UTF-16 units; the others
// draw from ASCII and the BMP, with the extra pool of their kind.
const ONE_POOL_KINDS = [ES_WHITE_SPACE, NOT_WHITE_SPACE, ASTRAL];
const EXTRA_POOLS = { 3: [CONTROL, C1], 4: [ES_WHITE_SPACE, NOT_WHITE_SPACE], 5: [ASTRAL] };

/** Code points for a user_group_id/name/mapping value: around the length and content rules. */
function idCodePoints(rng) {
  if (clean) return cleanIdCodePoints(rng);
  const length = rng.chance(0.5) ? 1 + rng.int(12) : rng.pick(BOUNDARY_LENGTHS);
  const kind = rng.int(10);
  if (kind < ONE_POOL_KINDS.length) return Array.from({ length }, () => rng.pick(ONE_POOL_KINDS[kind]));
  const pools = [ASCII, ASCII, ASCII, BMP, ...(EXTRA_POOLS[kind] ?? [])];
  const cps = Array.from({ length }, () => codePoint(rng, pools));
  if (kind === 6 && cps.length) cps[rng.int(cps.length)] = rng.pick(CONTROL);
  return cps;
}

const NUMBER_SPELLINGS = [
  '0',
  '1',
  '7',
  '213',
  '386',
  '123456789012345678',
  '9007199254740993',
  '100000000000000000000',
  '1' + '0'.repeat(400),
  '213.0',
  '2e2',
  '2E+2',
  '2e-0',
  '-0',
  '-0.0',
  '0.0',
  '-1',
  '0.5',
  '1.5e300',
  '1e-400',
  '1e400',
  '-1e400',
  '0e0',
  '12345678901234567890123',
  '1E2',
  '10e-1',
  '4.0e0',
];

function numberLiteral(rng) {
  if (rng.chance(0.3)) return String(rng.int(100000));
  return rng.pick(NUMBER_SPELLINGS);
}

const MAPPING_KEYS = [
  '0',
  '1',
  '40',
  '134',
  '999999999999999999',
  '100000000000000000',
  '1000000000000000000',
  '01',
  '00',
  '-1',
  '+1',
  ' 1',
  '1 ',
  '',
  '1.0',
  '1e3',
  '0x1',
  '١٢',
  '１',
  '__proto__',
  'constructor',
  'toString',
  'a',
];

function mappingKey(rng) {
  if (clean)
    return rng.chance(0.5)
      ? String(rng.int(1000))
      : String(1 + rng.int(9)) + Array.from({ length: rng.int(18) }, () => rng.int(10)).join('');
  const k = rng.int(4);
  if (k === 0) return String(rng.int(1000));
  if (k === 1)
    return String(1 + rng.int(9)) + Array.from({ length: rng.int(19) }, () => rng.int(10)).join('');
  return rng.pick(MAPPING_KEYS);
}

function propertyKeyCodePoints(rng) {
  const k = rng.int(8);
  if (k === 0) return [];
  if (k === 1)
    return Array.from({ length: rng.pick([255, 256]) }, () => rng.pick(rng.chance(0.5) ? ASTRAL : ASCII));
  if (k === 2)
    return [...'filter', rng.pick(CONTROL)].map((c) => (typeof c === 'string' ? c.codePointAt(0) : c));
  if (k === 3)
    return [...rng.pick(['__proto__', 'constructor', 'hasOwnProperty', 'user_group_id', ' '])].map((c) =>
      c.codePointAt(0),
    );
  return idCodePoints(rng)
    .filter((cp) => cp >= 0x20 && cp !== 0x7f)
    .slice(0, 20)
    .concat([0x78]);
}

const ws = (rng) => (rng.chance(0.85) ? '' : rng.pick([' ', '  ', '\t', '\n', '\r\n', '\r', ' \n\t ']));

/** Any JSON value (for properties and unknown members), nested up to `depth` more levels. */
function anyValue(rng, depth) {
  const k = rng.int(depth > 0 ? 9 : 6);
  if (k === 0) return 'null';
  if (k === 1) return rng.pick(['true', 'false']);
  if (k === 2) return numberLiteral(rng);
  if (k <= 5) return stringLiteral(rng, idCodePoints(rng));
  if (k <= 6)
    return `[${ws(rng)}${Array.from({ length: rng.int(4) }, () => anyValue(rng, depth - 1)).join(`,${ws(rng)}`)}${ws(rng)}]`;
  return objectText(
    rng,
    Array.from({ length: rng.int(4) }, () => [
      stringLiteral(rng, idCodePoints(rng).slice(0, 6)),
      anyValue(rng, depth - 1),
    ]),
  );
}

/** A value nested exactly `levels` containers deep. */
function nested(rng, levels) {
  let v = rng.pick(['1', '"x"', 'null', '[]', '{}']);
  // An empty container counts as one level too.
  if (v === '[]' || v === '{}') levels -= 1;
  for (let i = 0; i < levels; i++) v = rng.chance(0.5) ? `[${v}]` : `{"k":${v}}`;
  return v;
}

function objectText(rng, members) {
  if (!members.length) return `{${ws(rng)}}`;
  return `{${members.map(([k, v]) => `${ws(rng)}${k}${ws(rng)}:${ws(rng)}${v}${ws(rng)}`).join(',')}}`;
}

/** A value of the wrong type for an id string or an object member. */
function swappedValue(rng) {
  return rng.pick([
    'null',
    'true',
    'false',
    '0',
    '213',
    '-1',
    '1.5',
    '[]',
    '["a"]',
    '{}',
    '{"a":"b"}',
    '""',
    '"a"',
  ]);
}

function idValue(rng) {
  if (clean) return stringLiteral(rng, idCodePoints(rng));
  if (rng.chance(0.12)) return swappedValue(rng);
  return stringLiteral(rng, idCodePoints(rng), { lone: rng.chance(0.01) });
}

function mappingText(rng) {
  if (clean) {
    const members = Array.from({ length: rng.int(5) }, () => [
      JSON.stringify(mappingKey(rng)),
      rng.chance(0.2) ? String(rng.int(100000)) : idValue(rng),
    ]);
    return objectText(rng, dedupe(members));
  }
  if (rng.chance(0.08)) return swappedValue(rng);
  const n = rng.chance(0.02) ? rng.pick([999, 1000, 1001]) : rng.int(5);
  const members = [];
  for (let i = 0; i < n; i++) {
    const key = n > 10 ? String(i) : mappingKey(rng);
    const keyCps = [...key].map((c) => c.codePointAt(0));
    const value = n > 10 ? '"v"' : rng.chance(0.3) ? numberLiteral(rng) : idValue(rng);
    members.push([stringLiteral(rng, keyCps, { escapeRate: rng.pick([0, 0, 0.3]) }), value]);
  }
  return objectText(rng, members);
}

function propertiesText(rng) {
  if (clean) {
    const members = Array.from({ length: rng.int(5) }, () => [
      stringLiteral(
        rng,
        idCodePoints(rng)
          .filter((cp) => cp >= 0x20 && cp !== 0x7f)
          .slice(0, 30)
          .concat([0x70]),
      ),
      anyValue(rng, 3),
    ]);
    return objectText(rng, dedupe(members));
  }
  if (rng.chance(0.08)) return swappedValue(rng);
  const n = rng.chance(0.02) ? rng.pick([1000, 1001]) : rng.int(5);
  const members = [];
  for (let i = 0; i < n; i++) {
    const key =
      n > 10
        ? stringLiteral(
            rng,
            [...`p${i}`].map((c) => c.codePointAt(0)),
          )
        : stringLiteral(rng, propertyKeyCodePoints(rng), { lone: rng.chance(0.01) });
    // The body is level 1, properties level 2: a value nested 30..33 containers reaches 32..35.
    const value = n > 10 ? '1' : rng.chance(0.05) ? nested(rng, 29 + rng.int(4)) : anyValue(rng, 3);
    members.push([key, value]);
  }
  return objectText(rng, members);
}

const UNKNOWN_MEMBERS = [
  'userGroupId',
  'user_group',
  'USER_GROUP_ID',
  'Name',
  'nmae',
  'mappings',
  'property',
  'id',
  'extra',
  '',
  '__proto__',
  'user_group_id ',
  'hasOwnProperty',
];
const MEMBER_ESCAPED = {
  user_group_id: '"user\\u005fgroup_id"',
  name: '"\\u006eame"',
  mapping: '"mapp\\u0069ng"',
  properties: '"properties"',
};

// Keeps the first of members whose keys decode to the same text.
function dedupe(members) {
  const seen = new Set();
  return members.filter(([k]) => {
    const key = JSON.parse(k);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// A body of valid choices, half of them mutated once.
function cleanBody(rng) {
  const members = [['user_group_id', idValue(rng)]];
  if (rng.chance(0.7)) members.push(['name', idValue(rng)]);
  if (rng.chance(0.5)) members.push(['mapping', mappingText(rng)]);
  if (rng.chance(0.4)) members.push(['properties', propertiesText(rng)]);
  const text = objectText(
    rng,
    members.map(([k, v]) => [JSON.stringify(k), v]),
  );
  clean = false;
  const bytes = Buffer.from(text, 'utf8');
  return rng.chance(0.5) ? mutateBody(rng, bytes) : bytes;
}

// Members around the contract's edges, in any order, maybe unknown or twice.
function roughMembers(rng) {
  const members = [];
  if (!rng.chance(0.1)) members.push(['user_group_id', idValue(rng)]);
  if (rng.chance(0.6)) members.push(['name', idValue(rng)]);
  if (rng.chance(0.5)) members.push(['mapping', mappingText(rng)]);
  if (rng.chance(0.4)) members.push(['properties', propertiesText(rng)]);
  if (rng.chance(0.1)) members.push([rng.pick(UNKNOWN_MEMBERS), anyValue(rng, 2)]);
  if (rng.chance(0.03) && members.length) members.push(rng.pick(members)); // a duplicate key
  for (let i = members.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [members[i], members[j]] = [members[j], members[i]];
  }
  return members;
}

/** A random body: around the contract's edges, mostly almost right. */
export function randomBody(rng) {
  clean = rng.chance(0.4);
  if (clean) return cleanBody(rng);
  const members = roughMembers(rng);
  const keyText = (k) => (MEMBER_ESCAPED[k] && rng.chance(0.05) ? MEMBER_ESCAPED[k] : JSON.stringify(k));
  const text = objectText(
    rng,
    members.map(([k, v]) => [keyText(k), v]),
  );
  let bytes = Buffer.from(roughTopLevel(rng, text), 'utf8');
  if (rng.int(100) === 0) bytes = insertBadUtf8(rng, bytes);
  return bytes;
}

// One body in 200 each: not an object, a byte order mark, trailing text, too large, white space
// JSON does not allow.
function roughTopLevel(rng, text) {
  const extra = rng.int(200);
  if (extra === 0) text = rng.pick(['[]', '"a"', '1', 'null', `[${text}]`]);
  if (extra === 1) text = '\ufeff' + text; // a byte order mark
  if (extra === 2) text = `${ws(rng)}${text}${rng.pick([' x', ',', '\u0000', ' {}'])}`;
  if (extra === 3) text = `{"user_group_id":"a","properties":{"big":"${'x'.repeat(1048576)}"}}`; // too large
  if (extra === 4) text = text.replace(':', rng.pick(['\u00a0:', ':\u000b', ': \u2028'])); // white space JSON does not allow
  return text;
}

const BAD_UTF8 = [
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5],
  [0x80],
  [0xc3],
  [0xff],
];

function insertBadUtf8(rng, bytes) {
  const at = bytes.indexOf(0x22, rng.int(bytes.length)) + 1 || bytes.length;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick(BAD_UTF8)), bytes.subarray(at)]);
}

// ---- Mutations of the corpus --------------------------------------------------------------------

// A JSON reader that keeps what JSON.parse loses: member order and duplicates, the raw spelling of
// numbers and strings. Nodes: {t:'obj', m:[[rawKey, node]]}, {t:'arr', a:[node]}, {t:'raw', s}.
function readJson(text) {
  let i = 0;
  const space = () => {
    while (/[ \t\n\r]/.test(text[i] ?? '')) i++;
  };
  const str = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (text[i++] !== '"') throw new Error('string');
    return text.slice(start, i);
  };
  const object = (depth) => {
    i++;
    const m = [];
    space();
    if (text[i] === '}') return (i++, { t: 'obj', m });
    for (;;) {
      space();
      if (text[i] !== '"') throw new Error('key');
      const k = str();
      space();
      if (text[i++] !== ':') throw new Error(':');
      m.push([k, value(depth + 1)]);
      space();
      if (text[i] === '}') return (i++, { t: 'obj', m });
      if (text[i++] !== ',') throw new Error(',');
    }
  };
  const array = (depth) => {
    i++;
    const a = [];
    space();
    if (text[i] === ']') return (i++, { t: 'arr', a });
    for (;;) {
      a.push(value(depth + 1));
      space();
      if (text[i] === ']') return (i++, { t: 'arr', a });
      if (text[i++] !== ',') throw new Error(',');
    }
  };
  const value = (depth) => {
    if (depth > 64) throw new Error('deep');
    space();
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return { t: 'raw', s: str() };
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 2000),
    );
    if (!m) throw new Error('value');
    i += m[0].length;
    return { t: 'raw', s: m[0] };
  };
  const root = value(0);
  space();
  if (i !== text.length) throw new Error('trailing');
  return root;
}

function writeJson(rng, node) {
  if (node.t === 'raw') return node.s;
  if (node.t === 'arr') return `[${node.a.map((n) => `${ws(rng)}${writeJson(rng, n)}`).join(',')}${ws(rng)}]`;
  return objectText(
    rng,
    node.m.map(([k, v]) => [k, writeJson(rng, v)]),
  );
}

// Every node with the path of keys leading to it (for picking a mutation site).
function sites(node, path = [], out = []) {
  out.push({ node, path });
  if (node.t === 'obj') node.m.forEach(([k, v], idx) => sites(v, [...path, { k, idx, parent: node }], out));
  if (node.t === 'arr')
    node.a.forEach((v, idx) => sites(v, [...path, { idx, parent: node, arr: true }], out));
  return out;
}

function replaceAt(site, replacement) {
  const last = site.path[site.path.length - 1];
  if (!last) return replacement;
  if (last.arr) last.parent.a[last.idx] = replacement;
  else last.parent.m[last.idx] = [last.k, replacement];
  return null;
}

const structuralMutations = [
  // type swap
  (rng, site) => replaceAt(site, { t: 'raw', s: swappedValue(rng) }),
  // boundary-length string
  (rng, site) => replaceAt(site, { t: 'raw', s: stringLiteral(rng, idCodePoints(rng)) }),
  // number spelling
  (rng, site) => replaceAt(site, { t: 'raw', s: numberLiteral(rng) }),
  // the same string, re-escaped
  (rng, site) => {
    if (site.node.t !== 'raw' || site.node.s[0] !== '"') return null;
    let decoded;
    try {
      decoded = JSON.parse(site.node.s);
    } catch {
      return null;
    }
    const cps = [...decoded].map((c) => c.codePointAt(0));
    if (cps.some((cp) => cp >= 0xd800 && cp <= 0xdfff)) return null;
    return replaceAt(site, { t: 'raw', s: stringLiteral(rng, cps, { escapeRate: rng.pick([0.3, 1]) }) });
  },
  // unknown member / extra entry
  (rng, site) => {
    if (site.node.t !== 'obj') return null;
    site.node.m.push([
      JSON.stringify(rng.pick([...UNKNOWN_MEMBERS, mappingKey(rng)])),
      { t: 'raw', s: idValue(rng) },
    ]);
    return null;
  },
  // duplicate a member
  (rng, site) => {
    if (site.node.t !== 'obj' || !site.node.m.length) return null;
    site.node.m.push(rng.pick(site.node.m));
    return null;
  },
  // rename a key (mapping keys, escapes)
  (rng, site) => {
    const last = site.path[site.path.length - 1];
    if (!last || last.arr) return null;
    const name = rng.chance(0.5) ? mappingKey(rng) : rng.pick(UNKNOWN_MEMBERS);
    last.parent.m[last.idx] = [
      stringLiteral(
        rng,
        [...name].map((c) => c.codePointAt(0)),
      ),
      site.node,
    ];
    return null;
  },
  // drop a member
  (rng, site) => {
    if (site.node.t !== 'obj' || !site.node.m.length) return null;
    site.node.m.splice(rng.int(site.node.m.length), 1);
    return null;
  },
  // nest deeper
  (rng, site) => replaceAt(site, { t: 'raw', s: nested(rng, 1 + rng.int(33)) }),
];

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  '\\',
  'null',
  '-',
  '0',
  '1e',
  '.',
  ' ',
  '\u0000',
  '\u00a0',
  '\ufeff',
  '\\u',
  '\\ud800',
  '\\x',
  '/*',
  "'",
  '\t',
  '\u2028',
];

function byteMutation(rng, bytes) {
  const b = Buffer.from(bytes);
  const at = rng.int(b.length + 1);
  switch (rng.int(5)) {
    case 0:
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + rng.int(3))]); // delete
    case 1:
      return Buffer.concat([b.subarray(0, at), Buffer.from(rng.pick(TOKENS)), b.subarray(at)]); // insert a token
    case 2:
      return b.subarray(0, at); // truncate
    case 3:
      return Buffer.concat([b.subarray(0, at), Buffer.from(rng.pick(BAD_UTF8)), b.subarray(at)]);
    default:
      if (at < b.length) b[at] = rng.int(256);
      return b;
  }
}

/** A mutation of one corpus body: structural (type swap, lengths, numbers, escapes, members, keys,
 *  depth, white space) when it parses, else byte-level. */
export function mutateBody(rng, original) {
  const text = original.toString('utf8');
  if (rng.chance(0.85) && Buffer.from(text, 'utf8').equals(original)) {
    let root;
    try {
      root = readJson(text);
    } catch {
      root = undefined;
    }
    if (root) {
      for (let n = 1 + rng.int(2); n > 0; n--) {
        const all = sites(root);
        const replaced = rng.pick(structuralMutations)(rng, rng.pick(all));
        if (replaced) root = replaced;
      }
      return Buffer.from(writeJson(rng, root), 'utf8');
    }
  }
  return byteMutation(rng, original);
}

/** The corpus bodies (body cases, build bodies, sent bodies) as Buffers. */
export function corpusBodies() {
  const out = [];
  for (const c of loadCases('body')) out.push(Buffer.from(bodyBytes(c)));
  for (const c of loadCases('build')) out.push(Buffer.from(bodyBytes(c)));
  return out;
}

/**
 * `count` bodies, half random, half mutated from the corpus (plus every corpus body once), each
 * {kind: 'corpus'|'random'|'mutated', bytes}. Same seed, same bodies.
 */
export function generateBodies(seed, count) {
  const rng = makeRng(seed);
  const corpus = corpusBodies().filter((b) => b.length <= 2 << 20);
  const bodies = corpus.map((bytes) => ({ kind: 'corpus', bytes }));
  const small = corpus.filter((b) => b.length <= 64 << 10);
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) bodies.push({ kind: 'random', bytes: randomBody(rng) });
    else bodies.push({ kind: 'mutated', bytes: mutateBody(rng, rng.pick(small)) });
  }
  return bodies;
}
