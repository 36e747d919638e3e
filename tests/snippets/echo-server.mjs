// A tiny HTTP echo server for the snippet tests: it records what a client really sent (method,
// request target, the raw header list, the exact body bytes) and answers 200 with a JSON echo.
//
// As a module: const server = await startEchoServer({ host: '127.0.0.1' });
//              ... run a client against server.url ...; server.requests[0].body is a Buffer.
// By hand:     node tests/snippets/echo-server.mjs [host] [port]   (logs each request as JSON)
import http from 'node:http';
import { pathToFileURL } from 'node:url';

// What the client sent: the raw header list keeps names' case, order and repeats.
function recordOf(req, body) {
  const rawHeaders = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    rawHeaders.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return { method: req.method, path: req.url, httpVersion: req.httpVersion, rawHeaders, body };
}

/**
 * Starts a server on `host` (default 127.0.0.1) and `port` (default 0: a random free port).
 * Resolves to { host, port, url, requests, waitForRequest(timeoutMs), close() }; `url` is the
 * origin (IPv6 hosts in brackets). Each entry of `requests` is
 * { method, path, httpVersion, rawHeaders: [[name, value], ...], body: Buffer }.
 * Rejects when the address cannot be bound (e.g. no IPv6): callers can skip on that.
 */
export function startEchoServer({ host = '127.0.0.1', port = 0, onRequest } = {}) {
  const requests = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const record = recordOf(req, Buffer.concat(chunks));
      requests.push(record);
      if (onRequest) onRequest(record);
      const answer = JSON.stringify({
        method: record.method,
        path: record.path,
        headers: record.rawHeaders,
        body: record.body.toString('utf8'),
        body_base64: record.body.toString('base64'),
      });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
      res.end(answer);
      for (const w of waiters.splice(0)) w();
    });
  });
  // Hostile inputs include 100 KB+ bodies and long tokens; Node's defaults (16 KB of headers) are fine
  // for the headers, and bodies are unlimited here.
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
      resolve({
        host,
        port: actual,
        url: origin,
        requests,
        /** Resolves once at least one request has been recorded, or after timeoutMs. */
        waitForRequest(timeoutMs = 5000) {
          if (requests.length) return Promise.resolve();
          return new Promise((done) => {
            const timer = setTimeout(done, timeoutMs);
            waiters.push(() => {
              clearTimeout(timer);
              done();
            });
          });
        },
        close() {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [host = '127.0.0.1', port = '0'] = process.argv.slice(2);
  const server = await startEchoServer({
    host,
    port: Number(port),
    onRequest: (r) => console.log(JSON.stringify({ ...r, body: r.body.toString('utf8') })),
  });
  console.error(`echo server listening on ${server.url}`);
}
