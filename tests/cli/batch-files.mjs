// Generated batch files for the batch tests: NDJSON and CSV with a known share of invalid rows of
// known kinds, and what each row must leave in the sandbox. Deterministic (no randomness), so a
// failure names the same row every run. The browser tests can use the same files.
//
//   const file = ndjsonBatch({ tag: 'run1', rows: 10000, invalidEvery: 100 });
//   file.text        the file
//   file.rows[i]     { row, line, id, valid, kind?, code?, column?, expected? }: row i + 1 of the file
//   file.expected    Map id -> { name, mapping, properties } for every valid row

export const pad = (i) => String(i).padStart(5, '0');
/** The id of the i-th (1-based) valid group, and of the i-th row that is invalid on purpose. */
export const groupId = (i) => `g-${pad(i)}`;
export const badId = (prefix, i) => `bad-${prefix}-${pad(i)}`;

const PLANS = ['free', 'team', 'enterprise'];

// What a valid row i sets: every member, so the stored group depends on this row alone.
function nd(tag, i) {
  return {
    user_group_id: groupId(i),
    name: `${tag} ${i} «ü» "q"`,
    mapping: { 40: `v${i}`, 134: `w${i * 7}` },
    properties: { plan: PLANS[i % 3], seats: i % 50, tags: ['a', i], nested: { ok: i % 2 === 0 } },
  };
}

// NDJSON rows that are invalid on purpose: the text of the line, the code the core must report
// and where (the path, and the 1-based column of the offending key or value when it has one).
const ND_INVALID = [
  {
    kind: 'not JSON',
    text: (id) => `{"user_group_id": "${id}", "name": }`,
    code: 'json.syntax',
    path: '',
  },
  {
    kind: 'over-long name',
    text: (id) => JSON.stringify({ user_group_id: id, name: 'n'.repeat(256) }),
    code: 'string.max_len',
    path: '/name',
    at: '"nnn',
  },
  {
    kind: 'bad mapping key',
    text: (id) => JSON.stringify({ user_group_id: id, mapping: { '040': 'x' } }),
    code: 'mapping.key_format',
    path: '/mapping/040',
    at: '"040"',
  },
  {
    kind: 'unknown member',
    text: (id) => JSON.stringify({ userGroupId: id, name: 'x' }),
    code: 'unknown_field',
    path: '/userGroupId',
    at: '"userGroupId"',
  },
  {
    kind: 'name not a string',
    text: (id) => `{"user_group_id": "${id}", "name": 42}`,
    code: 'type.string',
    path: '/name',
    at: '42',
  },
  {
    kind: 'control character',
    text: (id) => JSON.stringify({ user_group_id: id, name: 'a\u0007b' }),
    code: 'string.control_char',
    path: '/name',
    at: '"a\\u0007b"',
  },
  {
    kind: 'blank name',
    text: (id) => JSON.stringify({ user_group_id: id, name: '   ' }),
    code: 'string.blank',
    path: '/name',
    at: '"   "',
  },
  {
    kind: 'mapping not an object',
    text: (id) => JSON.stringify({ user_group_id: id, mapping: ['x'] }),
    code: 'type.object',
    path: '/mapping',
    at: '["x"]',
  },
];

/**
 * `rows` lines; row i (1-based) is invalid when i % invalidEvery === 37 % invalidEvery, cycling
 * through ND_INVALID; `first` is the index of the first group. A blank line after every 1,000th
 * row checks that lines, not rows, are reported.
 */
export function ndjsonBatch({ tag, rows, invalidEvery = 0, first = 1 }) {
  const lines = [];
  const out = [];
  const expected = new Map();
  let bad = 0;
  for (let r = 1; r <= rows; r++) {
    const i = first + r - 1;
    const invalid = invalidEvery > 0 && r % invalidEvery === 37 % invalidEvery;
    const line = lines.length + 1;
    if (invalid) {
      const k = ND_INVALID[bad % ND_INVALID.length];
      const id = badId('nd', ++bad);
      const text = k.text(id);
      lines.push(text);
      const column = k.at ? text.indexOf(k.at) + 1 : undefined;
      out.push({ row: line, line, id, valid: false, kind: k.kind, code: k.code, path: k.path, column, text });
    } else {
      const body = nd(tag, i);
      const text = JSON.stringify(body);
      lines.push(text);
      expected.set(body.user_group_id, {
        name: body.name,
        mapping: body.mapping,
        properties: body.properties,
      });
      out.push({ row: line, line, id: body.user_group_id, valid: true, text });
    }
    if (r % 1000 === 0) lines.push('');
  }
  return {
    text: lines.join('\n') + '\n',
    rows: out,
    expected,
    badIds: out.filter((x) => !x.valid).map((x) => x.id),
  };
}

// ---- CSV ----

export const CSV_HEADER = [
  'user_group_id',
  'name',
  'mapping.40',
  'mapping.134',
  'mapping.040',
  'properties.plan',
  'properties.note.with.dot',
];

/** One CSV cell, quoted when it must be (RFC 4180), or when `quote` says so. */
function cell(value, quote = false) {
  return quote || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvValid(tag, i) {
  const note = i % 250 === 0 ? `first line\nsecond line ${i}` : `note ${i}`;
  return [groupId(i), `${tag} ${i}, "quoted" ü`, `v${i}`, i % 10 === 0 ? '' : `${i}`, '', PLANS[i % 3], note];
}

// CSV rows that are invalid on purpose: their cells (from a valid row's), the code and the column.
const CSV_INVALID = [
  { kind: 'over-long name', edit: (c) => (c[1] = 'n'.repeat(256)), code: 'string.max_len', column: 'name' },
  { kind: 'blank name', edit: (c) => (c[1] = '   '), code: 'string.blank', column: 'name' },
  {
    kind: 'control character',
    edit: (c) => (c[1] = 'a\u0007b'),
    code: 'string.control_char',
    column: 'name',
  },
  { kind: 'bad mapping key', edit: (c) => (c[4] = 'x'), code: 'mapping.key_format', column: 'mapping.040' },
  {
    kind: 'over-long mapping value',
    edit: (c) => (c[2] = 'v'.repeat(256)),
    code: 'string.max_len',
    column: 'mapping.40',
  },
  { kind: 'a cell too many', edit: (c) => c.push('extra'), code: 'batch.cell_count' },
  { kind: 'empty user_group_id', edit: (c) => (c[0] = ''), code: 'string.min_len', column: 'user_group_id' },
];

/** As ndjsonBatch, for CSV: the header is row 1, so data row r is row r + 1. */
export function csvBatch({ tag, rows, invalidEvery = 0, first = 1, crlf = false }) {
  const eol = crlf ? '\r\n' : '\n';
  let text = CSV_HEADER.join(',') + eol;
  let line = 2;
  const out = [];
  const expected = new Map();
  let bad = 0;
  for (let r = 1; r <= rows; r++) {
    const i = first + r - 1;
    const invalid = invalidEvery > 0 && r % invalidEvery === 37 % invalidEvery;
    const cells = csvValid(tag, i);
    const entry = { row: r + 1, line, valid: !invalid };
    if (invalid) {
      const k = CSV_INVALID[bad % CSV_INVALID.length];
      cells[0] = badId('csv', ++bad);
      k.edit(cells);
      Object.assign(entry, { id: cells[0], kind: k.kind, code: k.code, column: k.column });
    } else {
      entry.id = cells[0];
      const mapping = { 40: cells[2] };
      if (cells[3]) mapping[134] = cells[3];
      expected.set(cells[0], {
        name: cells[1],
        mapping,
        properties: { plan: cells[5], 'note.with.dot': cells[6] },
      });
    }
    out.push(entry);
    const record = cells.map((c, n) => cell(c, n === 1 && i % 7 === 0)).join(',');
    text += record + eol;
    line += 1 + (record.match(/\r\n|\r|\n/g) ?? []).length;
  }
  return { text, rows: out, expected, badIds: out.filter((x) => !x.valid && x.id).map((x) => x.id) };
}

/** FNV-1a 64 of the UTF-8 bytes, as 16 hex digits: the digest a report ties to each body. */
export function digest(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8'))
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}
