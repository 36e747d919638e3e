// Server bugs this suite found. Fixed ones are plain tests that guard the fix; the ones left are
// `todo` tests (reported as "# TODO" without failing the run): they are inside cpp-httplib 0.11,
// which server.cpp cannot change. Each test has its own server, so none disturbs another.
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

  test(
    '16 MiB of headers are refused before they are all read',
    { todo: 'no limit on the number or total size of header lines (cpp-httplib 0.11)' },
    async () => {
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
    },
  );

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
  // The first two are refused before the body is read (server.cpp); the rest are parsed by
  // cpp-httplib 0.11 before any handler can see them.
  const fixed = new Set(['two different Content-Length values', 'Content-Length and Transfer-Encoding']);
  for (const [name] of framing('')) {
    test(
      `ambiguous framing is refused: ${name}`,
      fixed.has(name) ? {} : { todo: 'cpp-httplib 0.11 parses leniently' },
      async () => {
        const s = await fresh();
        const [, bytes] = framing(s.token).find(([n]) => n === name);
        const r = await rawExchange(s.port, [bytes]);
        assert.ok((r.status >= 400 && r.status < 500) || (r.status === null && r.closed), `HTTP ${r.status}`);
      },
    );
  }
});
