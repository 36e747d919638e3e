// The fuzz targets' input formats (tests/fuzz/fuzz_common.h) in JavaScript, and their seed
// corpora drawn from tests/vectors. Run it to write the seeds:
//   node tests/fuzz/seeds.mjs [DIR]   (default build/fuzz/seeds; DIR/<target>/<sha1>)
// Generated seeds are not committed: scripts/fuzz writes them before every run.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { bodyBytes, loadCases } from '../vectors/vectors.mjs';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const TARGETS = ['validate', 'build', 'response'];
export const DEFAULT_BASE_URL = 'https://api.mintlify.com';
// kBaseUrl and kToken of fuzz_common.h: what split_build_input fills in for missing parts.
export const FUZZ_BASE_URL = 'https://api.example.com/v1';
export const FUZZ_TOKEN = 'tok_Fuzz0123456789';

const bytes = (x) => (typeof x === 'string' ? Buffer.from(x, 'utf8') : Buffer.from(x));

/** body NUL base_url NUL token (split at the last two NULs). */
export function encodeBuild(body, baseUrl, token) {
  return Buffer.concat([bytes(body), Buffer.of(0), bytes(baseUrl), Buffer.of(0), bytes(token)]);
}

/** The inverse, as split_build_input does it: {body, baseUrl, token} as Buffers. */
export function decodeBuild(input) {
  const buf = Buffer.from(input);
  const last = buf.lastIndexOf(0);
  if (last < 0) return { body: buf, baseUrl: bytes(FUZZ_BASE_URL), token: bytes(FUZZ_TOKEN) };
  const before = last === 0 ? -1 : buf.lastIndexOf(0, last - 1);
  if (before < 0)
    return { body: buf.subarray(0, last), baseUrl: buf.subarray(last + 1), token: bytes(FUZZ_TOKEN) };
  return {
    body: buf.subarray(0, before),
    baseUrl: buf.subarray(before + 1, last),
    token: buf.subarray(last + 1),
  };
}

/** status (2 bytes, 100 + value % 500), flags (bit 0: sent body), [2-byte length, sent], text. */
export function encodeResponse(status, text, sent) {
  if (!(status >= 100 && status <= 599)) throw new RangeError(`status ${status} is outside 100..599`);
  const v = status - 100;
  const head = [v >> 8, v & 0xff, sent === undefined ? 0 : 1];
  if (sent === undefined) return Buffer.concat([Buffer.from(head), bytes(text)]);
  const s = bytes(sent);
  return Buffer.concat([Buffer.from([...head, (s.length >> 8) & 0xff, s.length & 0xff]), s, bytes(text)]);
}

/** The inverse, as split_response_input does it: {status, sent (Buffer or undefined), text}. */
export function decodeResponse(input) {
  const buf = Buffer.from(input);
  if (buf.length < 3) return { status: 200, sent: undefined, text: buf };
  const status = 100 + (((buf[0] << 8) | buf[1]) % 500);
  let rest = buf.subarray(3);
  let sent;
  if (buf[2] & 1) {
    let length = 0;
    if (rest.length >= 2) {
      length = (rest[0] << 8) | rest[1];
      rest = rest.subarray(2);
    } else {
      rest = rest.subarray(rest.length);
    }
    length = Math.min(length, rest.length);
    sent = rest.subarray(0, length);
    rest = rest.subarray(length);
  }
  return { status, sent, text: rest };
}

/** Seeds for each target from the corpus: {validate: [{name, input}], build: [...], response: [...]}. */
export function corpusSeeds() {
  const seeds = { validate: [], build: [], response: [] };
  for (const c of loadCases('body'))
    seeds.validate.push({ name: `${c.file}: ${c.name}`, input: Buffer.from(bodyBytes(c)) });
  for (const c of loadCases('build')) {
    const body = Buffer.from(bodyBytes(c));
    const base = c.base_url ?? DEFAULT_BASE_URL;
    seeds.validate.push({ name: `${c.file}: ${c.name} (body)`, input: body });
    // The format cannot carry a NUL in the base URL or the token.
    if (!base.includes('\0') && !c.token.includes('\0'))
      seeds.build.push({ name: `${c.file}: ${c.name}`, input: encodeBuild(body, base, c.token) });
  }
  for (const c of loadCases('response')) {
    const text = Buffer.from(bodyBytes(c, 'text'));
    seeds.response.push({ name: `${c.file}: ${c.name}`, input: encodeResponse(c.status, text, c.sent_body) });
    if (c.sent_body !== undefined)
      seeds.validate.push({ name: `${c.file}: ${c.name} (sent body)`, input: bytes(c.sent_body) });
  }
  // Every body is also a build seed with valid defaults, so the body rules are reached there too.
  for (const { name, input } of seeds.validate.slice(0, 200))
    seeds.build.push({ name: `${name} (as build)`, input: encodeBuild(input, FUZZ_BASE_URL, FUZZ_TOKEN) });
  return seeds;
}

/** Files under `dir` (recursively), README* excluded: [{name, input}]. Missing folder: none. */
export function readInputs(dir) {
  let entries;
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return readInputs(path);
    if (entry.startsWith('README')) return [];
    return [{ name: path, input: readFileSync(path) }];
  });
}

export function writeSeeds(dir) {
  const seeds = corpusSeeds();
  for (const target of TARGETS) {
    const out = join(dir, target);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    for (const { input } of seeds[target])
      writeFileSync(join(out, createHash('sha1').update(input).digest('hex')), input);
  }
  return Object.fromEntries(TARGETS.map((t) => [t, seeds[t].length]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? join(repo, 'build/fuzz/seeds');
  const counts = writeSeeds(dir);
  console.log(`seeds in ${dir}: ${TARGETS.map((t) => `${t} ${counts[t]}`).join(', ')}`);
}
