// Runs every benchmark of issues 8 and 16 and writes the results (scripts/bench builds first, then runs
// this). Each figure is a ratio against a peer measured in this same run, on this machine, or an
// absolute budget; times are medians over repeated, interleaved runs.
//
//   node tests/bench/run.mjs [OUT_DIR]    (default build/bench)
//
// Writes OUT_DIR/results.json (every measurement) and OUT_DIR/results.md (the table and the
// machine), and prints the table.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { median } from './stats.mjs';

const repo = new URL('../../', import.meta.url).pathname;
const out = join(repo, process.argv[2] ?? 'build/bench');
const bodies = join(out, 'bodies');
const cli = join(repo, 'build/native/src/cli/userapi');
const pkg = join(repo, 'build/wasm/pkg');
mkdirSync(out, { recursive: true });

const log = (...args) => console.error('bench:', ...args);
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26, ...options });
const firstLine = (cmd, args) => {
  try {
    return run(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]
      .trim();
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.split('\n')[0].trim() || 'unknown';
  }
};

// ---------------------------------------------------------------------------------------------
// The machine
const cpuModel =
  readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
const machine = {
  date: new Date().toISOString(),
  cpu: cpuModel,
  cores: os.cpus().length,
  memory_gib: Math.round(os.totalmem() / 2 ** 30),
  os: readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="(.*)"/)?.[1] ?? os.type(),
  kernel: os.release(),
  node: process.version,
  compiler: `g++ ${firstLine('g++', ['-dumpfullversion'])}`,
  emscripten: `Emscripten ${firstLine('emcc', ['--version']).match(/\d+\.\d+\.\d+/)?.[0] ?? '?'}`,
  wrk: `wrk ${firstLine('wrk', ['-v']).match(/\d+\.\d+\.\d+/)?.[0] ?? '?'}`,
  load_average_start: os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' '),
};

// ---------------------------------------------------------------------------------------------
// 1. Native: Google Benchmark, the core against RapidJSON on the same bytes.
log('native benchmarks (Google Benchmark, 10 repetitions)');
const gbench = JSON.parse(
  run(join(out, 'native/tests/bench/userapi_bench'), [
    bodies,
    '--benchmark_repetitions=10',
    '--benchmark_report_aggregates_only=true',
    '--benchmark_format=json',
  ]),
);
// CPU time of the benchmark thread: on a shared machine it moves less than wall time.
const native = {};
for (const b of gbench.benchmarks) {
  if (b.aggregate_name !== 'median') continue;
  native[b.run_name] = { cpu_ns: b.cpu_time, real_ns: b.real_time };
}
const nat = (name) => native[name].cpu_ns;
// The shapes (tests/bench/bodies.mjs), in its order, and their sizes.
const shapes = readFileSync(join(bodies, 'shapes.txt'), 'utf8').split('\n').filter(Boolean);
const bytes = Object.fromEntries(shapes.map((s) => [s, statSync(join(bodies, `${s}.json`)).size]));
const isLarge = (shape) => shape.endsWith('-1mib');

// ---------------------------------------------------------------------------------------------
// 2. The same core harness natively and as wasm, alternately, three times each.
log('core harness, native and wasm, alternately');
const coreRuns = { native: [], wasm: [] };
for (let i = 0; i < 3; i++) {
  coreRuns.native.push(JSON.parse(run(join(out, 'native/tests/bench/userapi_core_bench'), [bodies])));
  coreRuns.wasm.push(
    JSON.parse(run(process.execPath, [join(out, 'wasm/tests/bench/userapi_core_bench.cjs'), bodies])),
  );
}
const core = {};
for (const body of shapes)
  for (const op of ['validate', 'build']) {
    const n = coreRuns.native.map((r) => r[body][`${op}_ns`]);
    const w = coreRuns.wasm.map((r) => r[body][`${op}_ns`]);
    core[`${op}/${body}`] = {
      native_ns: median(n),
      wasm_ns: median(w),
      ratio: median(w.map((x, k) => x / n[k])),
    };
  }

// ---------------------------------------------------------------------------------------------
// 3. Node 20: api.validate against JSON.parse + ajv; instantiation.
log('Node: api.validate vs JSON.parse + ajv, and instantiation');
const nodeBench = JSON.parse(run(process.execPath, [join(repo, 'tests/bench/node-bench.mjs'), bodies]));

// 4. Chromium: instantiation, the playground page, api.validate vs JSON.parse + ajv.
log('Chromium: instantiation, the page, api.validate vs JSON.parse + ajv');
const chromium = JSON.parse(
  run(process.execPath, [join(repo, 'tests/bench/chromium-instantiate.mjs'), pkg, join(out, 'chromium')]),
);
machine.chromium = chromium.chromium;
const page = JSON.parse(
  run(process.execPath, [join(repo, 'tests/bench/chromium-page.mjs'), join(out, 'chromium-page')]),
);
const chromiumValidate = JSON.parse(
  run(process.execPath, [
    join(repo, 'tests/bench/chromium-validate.mjs'),
    pkg,
    bodies,
    join(out, 'chromium-validate'),
  ]),
);

// 5. Sizes, gzip -9 as a server would send them.
const gzipSize = (file) => Number(run('sh', ['-c', `gzip -9 -c < '${file}' | wc -c`]).trim());
const sizes = {};
for (const file of ['userapi-core.wasm', 'userapi-core.mjs', 'userapi.mjs'])
  sizes[file] = { raw: statSync(join(pkg, file)).size, gzip: gzipSize(join(pkg, file)) };

// ---------------------------------------------------------------------------------------------
// 6. HTTP: the sandbox and Prism, same wrk settings, alternately.
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const waitFor = async (url, token) => {
  for (const t0 = Date.now(); Date.now() - t0 < 60000;) {
    try {
      const r = await fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Token ${token}` },
        body: readFileSync(join(bodies, 'reference.json')),
      });
      await r.text();
      if (r.status === 200) return;
      throw new Error(`${url} answered ${r.status}`);
    } catch (e) {
      if (e.message.includes('answered')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not start`);
};
const token = 'bench-token-0123456789';
const wrk = (url, seconds) => {
  const text = run(
    'wrk',
    ['-t2', '-c16', `-d${seconds}s`, '--latency', '-s', join(repo, 'tests/bench/put.lua'), url],
    {
      env: { ...process.env, USERAPI_BENCH_BODY: join(bodies, 'reference.json'), USERAPI_BENCH_TOKEN: token },
    },
  );
  const result = JSON.parse(text.match(/^wrk-json (.*)$/m)[1]);
  const errors = Object.values(result.errors).reduce((a, b) => a + b, 0);
  if (errors) throw new Error(`wrk against ${url}: ${errors} errors ${JSON.stringify(result.errors)}`);
  return result;
};

log('HTTP: sandbox and Prism under wrk (-t2 -c16), alternately');
rmSync(join(out, 'sandbox.db'), { force: true });
rmSync(join(out, 'sandbox.db-wal'), { force: true });
rmSync(join(out, 'sandbox.db-shm'), { force: true });
const sandboxPort = await freePort();
const prismPort = await freePort();
const servers = [
  spawn(
    cli,
    [
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(sandboxPort),
      '--db',
      join(out, 'sandbox.db'),
      '--token',
      token,
      // The rate limits raised out of reach: still checked on every request, never hit.
      '--client-rate',
      '1e6',
      '--token-rate',
      '1e6',
    ],
    { stdio: 'ignore' },
  ),
  // Prism at its fastest: warnings only (no line per request).
  spawn(
    join(repo, 'node_modules/.bin/prism'),
    ['mock', join(repo, 'docs/openapi.yaml'), '-h', '127.0.0.1', '-p', String(prismPort), '-v', 'warn'],
    { stdio: 'ignore' },
  ),
];
const http = { sandbox: [], prism: [] };
try {
  const urls = {
    sandbox: `http://127.0.0.1:${sandboxPort}/api/user`,
    prism: `http://127.0.0.1:${prismPort}/api/user`,
  };
  await waitFor(urls.sandbox, token);
  await waitFor(urls.prism, token);
  for (const name of ['sandbox', 'prism']) wrk(urls[name], 3); // warm-up (Prism's JIT)
  for (let i = 0; i < 3; i++) for (const name of ['sandbox', 'prism']) http[name].push(wrk(urls[name], 10));
} finally {
  for (const s of servers) s.kill('SIGTERM');
}
const httpMedian = (name, key) => median(http[name].map((r) => r[key]));

machine.load_average_end = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');

// ---------------------------------------------------------------------------------------------
// The table
const ns = (x) =>
  x >= 1e6 ? `${(x / 1e6).toFixed(2)} ms` : x >= 1e3 ? `${(x / 1e3).toFixed(2)} µs` : `${x.toFixed(0)} ns`;
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;
const x2 = (r) => `${r.toFixed(2)}x`;
const figures = [];
const add = (figure, value, peer, ratio, target, met) =>
  figures.push({ figure, value, peer, ratio, target, met });

const mbs = (shape, name) => `${(bytes[shape] / (nat(`${name}/${shape}`) / 1e9) / 1e6).toFixed(0)} MB/s`;
// Native: checking the contract costs no more than parsing (1 MiB shapes); validate + build of
// the reference body at most 2.0x the parse.
for (const shape of shapes) {
  const r = nat(`userapi_validate/${shape}`) / nat(`rapidjson_dom/${shape}`);
  add(
    `native validate, ${shape}`,
    `${ns(nat(`userapi_validate/${shape}`))} (${mbs(shape, 'userapi_validate')})`,
    `RapidJSON DOM parse ${ns(nat(`rapidjson_dom/${shape}`))} (${mbs(shape, 'rapidjson_dom')})`,
    x2(r),
    isLarge(shape) ? 'at most 1.0x' : '-',
    isLarge(shape) ? r <= 1.0 : null,
  );
}
for (const shape of shapes) {
  const r = nat(`userapi_build/${shape}`) / nat(`rapidjson_dom/${shape}`);
  add(
    `native validate + build, ${shape}`,
    ns(nat(`userapi_build/${shape}`)),
    `RapidJSON DOM parse ${ns(nat(`rapidjson_dom/${shape}`))}`,
    x2(r),
    shape === 'reference' ? 'at most 2.0x' : '-',
    shape === 'reference' ? r <= 2.0 : null,
  );
}
for (const op of ['validate', 'build'])
  for (const shape of shapes) {
    const c = core[`${op}/${shape}`];
    add(
      `wasm core vs native core: ${op === 'build' ? 'validate + build' : 'validate'}, ${shape}`,
      ns(c.wasm_ns),
      `native ${ns(c.native_ns)}`,
      x2(c.ratio),
      'at most 1.5x',
      c.ratio <= 1.5,
    );
  }
for (const [where, results] of [
  ['Node 20', nodeBench.validate],
  ['Chromium', chromiumValidate.validate],
])
  for (const shape of shapes) {
    const v = results[shape];
    add(
      `api.validate(text) in ${where}, ${shape}`,
      ns(v.oursNs),
      `JSON.parse + ajv ${ns(v.peerNs)}`,
      x2(v.ratio),
      'at most 1.0x',
      v.ratio <= 1.0,
    );
  }
{
  const wasm = sizes['userapi-core.wasm'].gzip;
  add('wasm size (gzip -9)', kb(wasm), '-', '-', 'at most 64 KB (stretch 40 KB)', wasm <= 64000);
  const glue = sizes['userapi-core.mjs'].gzip + sizes['userapi.mjs'].gzip;
  add('JS glue + wrapper size (gzip -9)', kb(glue), '-', '-', 'at most 20 KB', glue <= 20000);
}
// createUserApi() in a fresh process or browser context; what comes before it (importing the
// JavaScript) and, in Chromium, the part that is not the network, are shown beside it.
{
  const n = nodeBench.instantiate.node;
  add(
    'instantiate (createUserApi), Node 20, fresh process',
    `${n.ms.toFixed(1)} ms (after ${n.import_ms.toFixed(1)} ms of import)`,
    '-',
    '-',
    'at most 15 ms',
    n.ms <= 15,
  );
  add(
    'instantiate (createUserApi), Chromium, fresh context',
    `${chromium.ms.toFixed(1)} ms (${chromium.from_memory_ms.toFixed(1)} ms of it ` +
      `without the fetch; after ${chromium.import_ms.toFixed(0)} ms of import)`,
    '-',
    '-',
    'at most 10 ms',
    chromium.ms <= 10,
  );
  add(
    'the playground page from userapi serve, Chromium, fresh context: navigation to "Validator ready"',
    `${page.ready_ms.toFixed(0)} ms (createUserApi ${page.instantiate_ms.toFixed(1)} ms of it)`,
    '-',
    '-',
    'at most 150 ms',
    page.ready_ms <= 150,
  );
  add(
    'the playground page: createUserApi() on the page (fetch started by its preload)',
    `${page.instantiate_ms.toFixed(1)} ms`,
    '-',
    '-',
    'at most 10 ms',
    page.instantiate_ms <= 10,
  );
}
{
  const rps = httpMedian('sandbox', 'rps');
  const prps = httpMedian('prism', 'rps');
  const ratio = median(http.sandbox.map((r, i) => r.rps / http.prism[i].rps));
  add(
    'sandbox PUT, wrk 16 connections: throughput',
    `${rps.toFixed(0)} req/s`,
    `Prism ${prps.toFixed(0)} req/s`,
    x2(ratio),
    'at least 3,000 req/s and 5x',
    rps >= 3000 && ratio >= 5,
  );
  const p99 = httpMedian('sandbox', 'p99_us') / 1000;
  add(
    'sandbox PUT, wrk 16 connections: p99 latency',
    `${p99.toFixed(2)} ms`,
    `Prism ${(httpMedian('prism', 'p99_us') / 1000).toFixed(2)} ms`,
    '-',
    'at most 20 ms',
    p99 <= 20,
  );
}

const header = ['figure', 'value', 'peer (same run)', 'ratio', 'target', 'met?'];
const rows = figures.map((f) => [
  f.figure,
  f.value,
  f.peer,
  f.ratio,
  f.target,
  f.met === null ? '-' : f.met ? 'met' : 'NO',
]);
const machineLines = [
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gib} GiB; ${machine.os}, Linux ${machine.kernel}`,
  `tools: ${machine.compiler}; ${machine.emscripten}; Node ${machine.node}; Chromium ${machine.chromium}; ${machine.wrk}`,
  `load average (1, 5, 15 min): ${machine.load_average_start} at the start, ${machine.load_average_end} at the end; ${machine.date}`,
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
const markdown = [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
  ...machineLines.map((l) => `- ${l}`),
  '',
].join('\n');

writeFileSync(
  join(out, 'results.json'),
  JSON.stringify(
    {
      machine,
      figures,
      native,
      core,
      coreRuns,
      node: nodeBench,
      chromium,
      chromiumValidate,
      page,
      sizes,
      http,
      bytes,
    },
    null,
    2,
  ),
);
writeFileSync(join(out, 'results.md'), markdown);
console.log(
  `${table}\n\n${machineLines.join('\n')}\n\nwritten: ${join(out, 'results.json')}, ${join(out, 'results.md')}`,
);
