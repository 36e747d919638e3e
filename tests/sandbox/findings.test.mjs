// Server bugs this suite found, each a plain test that guards its fix. The last four were inside
// cpp-httplib 0.11 (todo tests until the sandbox moved to Boost.Beast with its own strict head
// checks, src/sandbox/http*.cpp). Each test has its own server, so none disturbs another.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';

import { rawExchange, startServer } from './server.mjs';

const VALID = '{"user_group_id":"6","name":"finding"}';
const servers = [];
async function fresh() {
  const s = await startServer();
  servers.push(s);
  return s;
}
after(async () => {
  for (const s of servers) if (!s.exited()) await s.stop();
});

/**
 * Streams `head`, `total` bytes made by `piece()`, then `tail`, and reports whether the server
 * answered (or closed) before the last byte was written: a bounded server refuses early.
 */
function floods(port, head, piece, total, tail) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let sent = 0;
    let finished = false;
    let answer = '';
    const done = (how) => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ how, sent, answer: answer.slice(0, 80) });
    };
    socket.on('data', (c) => {
      answer += c.toString('latin1');
      done(sent < total ? 'answered early' : 'answered after reading everything');
    });
    socket.on('error', () => done(sent < total ? 'closed early' : 'closed'));
    socket.on('close', () => done(sent < total ? 'closed early' : 'closed'));
    socket.setTimeout(15000, () => done('timeout'));
    socket.on('connect', async () => {
      socket.write(head);
      while (sent < total && !finished) {
        const chunk = piece();
        sent += chunk.length;
        if (!socket.write(chunk))
          await new Promise((r) => {
            socket.once('drain', r);
            socket.once('close', r);
          });
      }
      if (!finished) socket.write(tail);
    });
  });
}

// Framing the RFC says must be refused (RFC 9112 6.3, 5, 2.2; RFC 9110 5.5): a server that
// guesses may read a different request than a proxy in front of it (request smuggling).
const framing = (token) => [
  [
    'two different Content-Length values',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: ${VALID.length}\r\nContent-Length: 5\r\n\r\n${VALID}`,
  ],
  [
    'Content-Length and Transfer-Encoding',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n${VALID.length.toString(16)}\r\n${VALID}\r\n0\r\n\r\n`,
  ],
  [
    'a header line without a colon',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nno colon here\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'NUL in a header value',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nX-Nul: a\0b\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'white space before the request line',
    ` PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
];
const more = (token) => [
  [
    'the same Content-Length twice',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: ${VALID.length}\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'obs-fold (a header continued on the next line)',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nX-Folded: a\r\n b\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'an empty line before the request line',
    `\r\nPUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'white space before a colon',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type : application/json\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'a Content-Length holding a list ("87, 87")',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: ${VALID.length}, ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'HTTP/1.1 without Host',
    `PUT /api/user HTTP/1.1\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
  [
    'two Host headers',
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nHost: y\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`,
  ],
];

describe('known server bugs', () => {
  test('a request cannot forge log lines or send terminal escapes to the log', async () => {
    const s = await fresh();
    // Any web page the developer visits can send this (fetch with mode: 'no-cors').
    const r = await rawExchange(s.port, [
      'GET /x%0a2001-01-01T00:00:00Z%20PUT%20/api/user%20200%2012%1b%5b2J HTTP/1.1\r\nHost: x\r\n\r\n',
    ]);
    assert.equal(r.status, 404);
    await s.stop();
    assert.doesNotMatch(s.log(), /^2001-01-01T00:00:00Z/m, 'a forged log line');
    assert.ok(!s.log().includes('\x1b'), 'an escape sequence reached the terminal');
  });

  test('a malformed request line never brings the token into the log', async () => {
    const s = await fresh();
    // e.g. a client that mixed up the lines of its request.
    const r = await rawExchange(s.port, [`${s.token} /api/user HTTP/1.1\r\nHost: x\r\n\r\n`]);
    assert.equal(r.status, 400);
    await s.stop();
    assert.ok(!s.log().includes(s.token), 'the dev token is in the log');
  });

  test('16 MiB of headers are refused (431) after at most 32 KiB is read', async () => {
    const s = await fresh();
    const line = Buffer.from(`X-Filler: ${'h'.repeat(1000)}\r\n`);
    const r = await floods(
      s.port,
      'PUT /api/user HTTP/1.1\r\nHost: x\r\n',
      () => Buffer.concat(Array(1024).fill(line)),
      16 << 20,
      'Content-Length: 0\r\n\r\n',
    );
    assert.match(r.how, /early/, `the server read all ${r.sent} bytes of headers (${r.answer})`);
    await s.stop();
    // The server's own count: what it had read when it refused (the client's count includes what
    // the kernel buffers).
    const m = / - - 431 \d+ refused after (\d+) bytes$/m.exec(s.log());
    assert.ok(m, `no 431 in the log: ${s.log().slice(-400)}`);
    console.log(`16 MiB of headers: refused with 431 after the server read ${m[1]} bytes`);
    assert.ok(Number(m[1]) <= 32 * 1024, `read ${m[1]} bytes before refusing`);
  });
});

describe('known server bugs: bodies and framing', () => {
  test('a chunked body over 1 MiB is refused before it is all read', async () => {
    const s = await fresh();
    const chunk = Buffer.from(`100000\r\n${' '.repeat(1 << 20)}\r\n`);
    const r = await floods(
      s.port,
      'PUT /api/user HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      () => chunk,
      32 << 20,
      '0\r\n\r\n',
    );
    assert.match(
      r.how,
      /early/,
      `the server read all ${r.sent} bytes (no token!) before answering: ${r.answer}`,
    );
  });

  // Each gets 400 and the connection closed: nothing after a message whose framing is in doubt
  // can be trusted to be a request.
  for (const [name] of [...framing(''), ...more('')]) {
    test(`ambiguous framing is refused with 400 and the connection closed: ${name}`, async () => {
      const s = await fresh();
      const [, bytes] = [...framing(s.token), ...more(s.token)].find(([n]) => n === name);
      const r = await rawExchange(s.port, [bytes, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n']);
      assert.equal(r.status, 400, `HTTP ${r.status}: ${r.bytes.toString('latin1').slice(0, 200)}`);
      assert.match(r.bytes.toString('latin1'), /\r\nConnection: close\r\n/i);
      assert.match(r.bytes.toString('latin1'), /\r\nReferrer-Policy: no-referrer\r\n/i);
      const closed = await rawExchange(s.port, [bytes], { timeoutMs: 5000 });
      assert.equal(closed.timedOut, false, 'the connection stayed open after the 400');
      const rest = closed.bytes.toString('latin1');
      assert.equal(
        (rest.match(/HTTP\/1\.1 /g) ?? []).length,
        1,
        `more than one answer: ${rest.slice(0, 300)}`,
      );
    });
  }
});

describe('known server bugs: what the RFCs allow, and the limits', () => {
  test('what RFC 9112 and 9110 say a server accepts: absolute-form, HTTP/1.0 without Host, any case of application/json', async () => {
    const s = await fresh();
    const put = (line, host, type) =>
      `PUT ${line}\r\n${host}Authorization: Token ${s.token}\r\nContent-Type: ${type}\r\nContent-Length: ${VALID.length}\r\n\r\n${VALID}`;
    for (const [what, bytes] of [
      [
        'absolute-form',
        put(`http://127.0.0.1:${s.port}/api/user HTTP/1.1`, 'Host: x\r\n', 'application/json'),
      ],
      [
        'absolute-form, an upper-case scheme and a query',
        put(`HTTP://x/api/user?a=1 HTTP/1.1`, 'Host: x\r\n', 'application/json'),
      ],
      ['HTTP/1.0 without Host', put('/api/user HTTP/1.0', '', 'application/json')],
      ['Application/JSON', put('/api/user HTTP/1.1', 'Host: x\r\n', 'Application/JSON')],
      [
        'APPLICATION/JSON ; charset=UTF-8',
        put('/api/user HTTP/1.1', 'Host: x\r\n', 'APPLICATION/JSON ; charset=UTF-8'),
      ],
    ]) {
      const r = await rawExchange(s.port, [bytes]);
      assert.equal(r.status, 200, `${what}: ${r.bytes.toString('latin1').slice(0, 300)}`);
    }
  });

  test('more than 100 header lines get 431; 100 lines are fine', async () => {
    const s = await fresh();
    const head = (n) =>
      `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: n }, (_, i) => `X-H${i}: v\r\n`).join('')}\r\n`;
    assert.equal((await rawExchange(s.port, [head(98)])).status, 200); // 1 + 1 + 98 = 100 lines
    assert.equal((await rawExchange(s.port, [head(99)])).status, 431);
  });

  test('a head of more than 16 KiB gets 431; a header line over 8 KiB 431; a request line over 8 KiB 414', async () => {
    const s = await fresh();
    const lines = Array.from({ length: 3 }, (_, i) => `X-H${i}: ${'v'.repeat(6000)}\r\n`).join('');
    assert.equal((await rawExchange(s.port, [`GET / HTTP/1.1\r\nHost: x\r\n${lines}\r\n`])).status, 431);
    const two = Array.from({ length: 2 }, (_, i) => `X-H${i}: ${'v'.repeat(6000)}\r\n`).join('');
    assert.equal((await rawExchange(s.port, [`GET / HTTP/1.1\r\nHost: x\r\n${two}\r\n`])).status, 200);
    const long = `X-Long: ${'v'.repeat(8200)}\r\n`;
    assert.equal((await rawExchange(s.port, [`GET / HTTP/1.1\r\nHost: x\r\n${long}\r\n`])).status, 431);
    assert.equal(
      (await rawExchange(s.port, [`GET /${'a'.repeat(8200)} HTTP/1.1\r\nHost: x\r\n\r\n`])).status,
      414,
    );
  });
});
