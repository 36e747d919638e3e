// Differential test: the native CLI against the WebAssembly module, byte for byte, on every fuzz
// input: the seed corpora (every body, build and response case of tests/vectors, in the fuzz
// targets' formats, see tests/fuzz/seeds.mjs), the committed regression inputs
// (tests/vectors/fuzz-regressions/) and, when scripts/fuzz has run, the corpora libFuzzer grew
// (build/fuzz/corpus*/; USERAPI_NATIVE_WASM_GROWN=0 leaves them out). The wasm side is the core module itself (the JSON text it returns); the
// native side is `userapi ... --format json` (the same text plus a line break). Then the public
// wrapper's parsed result must stringify to the same JSON as the parsed native text (same values,
// same key order). tests/wasm/parity.test.mjs compares the corpus through the wrapper too.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { createUserApi } from 'userapi';

import { cliPath, scratchFile } from '../wasm/native-cli.mjs';
import { corpusSeeds, decodeBuild, decodeResponse, readInputs, repo, TARGETS } from '../fuzz/seeds.mjs';

// USERAPI_NATIVE_WASM_GROWN=0 leaves out the grown fuzz corpora (seeds and regressions only).
const GROWN = process.env.USERAPI_NATIVE_WASM_GROWN !== '0';
const pkg = join(repo, 'build/wasm/pkg');
const { default: createUserApiCore } = await import(join(pkg, 'userapi-core.mjs'));
const core = await createUserApiCore({ wasmBinary: readFileSync(join(pkg, 'userapi-core.wasm')) });
const api = await createUserApi();
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const asText = (bytes) => {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
};

// The core's own JSON text for bytes in wasm memory.
function withBytes(bytes, fn) {
  const ptr = core._malloc(Math.max(1, bytes.length));
  try {
    core.HEAPU8.set(bytes, ptr);
    return fn(ptr, bytes.length);
  } finally {
    core._free(ptr);
  }
}

// Runs the CLI; arguments that are not UTF-8 go through xargs -0, which passes raw bytes.
function native(args) {
  let run;
  if (args.every((a) => typeof a === 'string')) {
    run = spawnSync(cliPath, args, { maxBuffer: 64 << 20 });
  } else {
    const list = Buffer.concat(args.flatMap((a) => [Buffer.from(a), Buffer.of(0)]));
    run = spawnSync('xargs', ['-0', '-a', scratchFile(list), '--', cliPath], { maxBuffer: 64 << 20 });
    if (run.status === 123) run.status = 1; // xargs: the command exited 1..125
  }
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`userapi ${args[0]} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

const arg = (bytes) => asText(bytes) ?? Buffer.from(bytes);
// The core's index of English (the CLI's language under scripts/test's LC_ALL=C.UTF-8).
const english = () => core.matchLocale('en');

const run = {
  validate(input) {
    const out = native(['validate', scratchFile(input), '--format', 'json']);
    const wasm = withBytes(input, (ptr, len) => core.validate(ptr, len, english()));
    return { out, wasm, wrapper: () => api.validate(asText(input) ?? new Uint8Array(input)) };
  },
  build(input) {
    const { body, baseUrl, token } = decodeBuild(input);
    const out = native([
      'build',
      scratchFile(body),
      '--base-url',
      arg(baseUrl),
      '--token',
      arg(token),
      '--format',
      'json',
      '--token-mode',
      'inline',
    ]);
    const wasm = withBytes(body, (ptr, len) =>
      core.build(ptr, len, new Uint8Array(baseUrl), new Uint8Array(token), false, english()),
    );
    const wrapper =
      asText(baseUrl) !== undefined && asText(token) !== undefined
        ? () =>
            api.buildRequest(asText(body) ?? new Uint8Array(body), {
              baseUrl: asText(baseUrl),
              token: asText(token),
            })
        : undefined;
    return { out, wasm, wrapper };
  },
  response(input) {
    const { status, sent, text } = decodeResponse(input);
    const args = ['check-response', scratchFile(text), '--status', String(status), '--format', 'json'];
    if (sent !== undefined) args.push('--request', scratchFile(sent));
    const out = native(args);
    const wasm = withBytes(text, (ptr, len) =>
      core.checkResponse(status, ptr, len, sent !== undefined, new Uint8Array(sent ?? []), english()),
    );
    const plain = asText(text) !== undefined && (sent === undefined || asText(sent) !== undefined);
    return {
      out,
      wasm,
      wrapper: plain ? () => api.checkResponse(status, asText(text), sent && asText(sent)) : undefined,
    };
  },
};

// build/fuzz/corpus/<target> and build/fuzz/corpus-with-known-bugs/<target> (scripts/fuzz).
function grownCorpora(target) {
  let dirs = [];
  try {
    dirs = readdirSync(join(repo, 'build/fuzz'))
      .filter((d) => d.startsWith('corpus'))
      .sort();
  } catch {
    return [];
  }
  return dirs.flatMap((d) => readInputs(join(repo, 'build/fuzz', d, target)));
}

/** Every fuzz input of a target, once each (by content). */
function inputsOf(target) {
  const seen = new Set();
  const all = [
    ...corpusSeeds()[target].map((s) => ({ ...s, source: 'seed' })),
    ...readInputs(join(repo, 'tests/vectors/fuzz-regressions', target)).map((s) => ({
      ...s,
      source: 'regression',
    })),
    ...(GROWN ? grownCorpora(target) : []).map((s) => ({ ...s, source: 'fuzz corpus' })),
  ];
  return all.filter(({ input }) => {
    const key = createHash('sha1').update(input).digest('hex');
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

for (const target of TARGETS) {
  test(`${target}: native and wasm give the same bytes for every fuzz input`, () => {
    const inputs = inputsOf(target);
    const counts = {};
    for (const { name, input, source } of inputs) {
      counts[source] = (counts[source] ?? 0) + 1;
      const { out, wasm, wrapper } = run[target](input);
      const expected = Buffer.from(`${wasm}\n`, 'utf8');
      if (!out.equals(expected))
        assert.fail(
          `${target} ${name}: native and wasm differ\n  native: ${out.toString('utf8').slice(0, 600)}\n  wasm:   ${wasm.slice(0, 600)}`,
        );
      if (wrapper)
        assert.equal(
          JSON.stringify(wrapper()),
          JSON.stringify(JSON.parse(wasm)),
          `${target} ${name}: the wrapper`,
        );
    }
    console.log(`native = wasm (${target}): ${inputs.length} inputs ${JSON.stringify(counts)}`);
    assert.ok(counts.seed >= (target === 'response' ? 60 : 150));
  });
}
