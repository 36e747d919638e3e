// The findings of tests/sandbox/findings.test.mjs (and a slow sender) against libmicrohttpd
// 0.9.75 (tools/mhd-peer.c, strict mode) and `userapi serve` (Boost.Beast + src/sandbox/http*.cpp):
// the comparison docs/sandbox.md records to explain the choice of HTTP layer.
//   apt-get install libmicrohttpd-dev && node tools/compare-http-servers.mjs
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { rawExchange, repoRoot, startServer } from '../tests/sandbox/server.mjs';

const peer = path.join(repoRoot, 'build', 'mhd-peer');
const cc = spawnSync('sh', [
  '-c',
  `cc ${repoRoot}/tools/mhd-peer.c -o ${peer} $(pkg-config --cflags --libs libmicrohttpd)`,
]);
if (cc.status !== 0) throw new Error(`cannot build the libmicrohttpd peer: ${cc.stderr}`);

const port = 20000 + Math.floor(Math.random() * 20000);
const mhd = spawn(peer, [String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => mhd.stdout.once('data', resolve));
const sandbox = await startServer();

const B = '{"user_group_id":"6"}';
const head = (lines, body = B) =>
  `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${sandbox.token}\r\nContent-Type: application/json\r\n${lines}Content-Length: ${body.length}\r\n\r\n${body}`;
const cases = [
  ['a valid PUT', head('')],
  ['two different Content-Length', head(`Content-Length: 5\r\n`)],
  ['the same Content-Length twice', head(`Content-Length: ${B.length}\r\n`)],
  ['Content-Length and Transfer-Encoding', head('Transfer-Encoding: chunked\r\n')],
  ['a header line without a colon', head('no colon here\r\n')],
  ['NUL in a header value', head('X-Nul: a\0b\r\n')],
  ['obs-fold', head('X-Folded: a\r\n b\r\n')],
  ['white space before the request line', ` ${head('')}`],
  ['white space before a colon', head('X-Space : v\r\n')],
  ['bare LF line endings', head('').replaceAll('\r\n', '\n')],
  ['101 header lines', head(Array.from({ length: 99 }, (_, i) => `X-H${i}: v\r\n`).join(''))],
  [
    'a 20 KiB head',
    head(`X-Big: ${'v'.repeat(6000)}\r\nX-Big2: ${'v'.repeat(6000)}\r\nX-Big3: ${'v'.repeat(6000)}\r\n`),
  ],
];

/** Seconds until the server closes a connection that sends one head byte a second (max 15). */
function slowHead(p) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: p });
    const t0 = Date.now();
    let timer;
    const done = (v) => {
      clearInterval(timer);
      s.destroy();
      resolve(v);
    };
    s.on('connect', () => {
      s.write('PUT /api/user HTTP/1.1\r\n');
      timer = setInterval(() => s.write('a'), 1000);
    });
    s.on('close', () => done(`closed after ${((Date.now() - t0) / 1000).toFixed(1)} s`));
    s.on('error', () => {});
    setTimeout(() => done('still open after 15 s'), 15000);
  });
}

const show = (r) =>
  r.status ? `${r.status}${r.closed ? ', closed' : ''}` : r.closed ? 'closed' : 'no answer';
const rows = [];
for (const [name, bytes] of cases) {
  const [a, b] = await Promise.all([rawExchange(port, [bytes]), rawExchange(sandbox.port, [bytes])]);
  rows.push([name, show(a), show(b)]);
}
const [a, b] = await Promise.all([slowHead(port), slowHead(sandbox.port)]);
rows.push(['one head byte a second', a, b]);
console.log('| request | libmicrohttpd 0.9.75 (strict) | userapi serve (Beast + checks) |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
mhd.kill();
await sandbox.stop();
