// What a server says reaches the terminal and the reports only through the CLI's one sanitiser
// (src/cli/safe_text.cpp): a fake server answers with an error message that would retitle the
// terminal, clear the screen and forge a "sent 10 rows" line, and with a duplicate key holding
// an escape; the output and the reports are checked byte for byte.
//
//   node --test tests/cli/hostile-server.test.mjs      (after the native build)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { CLI, run, scratchFile, tmp } from '../sandbox/server.mjs';

const EVIL = '\x1b]0;pwned\x07\x1b[2J\r\nsent 10 rows: 10 succeeded\u202e\\ \u009b31m é';
// The same, as safe_text shows it: C0 controls as \xHH, C1 and bidi controls as \u{HHHH}.
const SHOWN = '\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x0asent 10 rows: 10 succeeded\\u{202e}\\\\ \\u{009b}31m é';
const BODY = '{"user_group_id":"acme","name":"x"}';

let server;
let base;
before(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      // /dup/api/user: a duplicate key with an escape in it (the violation's path quotes it).
      if (req.url.startsWith('/dup/')) return res.end('{"success":0,"\\u001b[2J":1,"\\u001b[2J":2}');
      res.end(JSON.stringify({ success: 0, error: { code: 'evil', message: EVIL } }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

function assertPrintable(text, what) {
  assert.doesNotMatch(
    text,
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    /[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e]/u,
    `${what}: a control character`,
  );
}

describe('a hostile server', () => {
  test('userapi send prints its message escaped, on one line', async () => {
    const r = await run(CLI, ['send', scratchFile(BODY), '--base-url', base, '--token', 't']);
    assert.equal(r.code, 1, r.stderr);
    assertPrintable(r.stdout, 'stdout');
    assert.ok(r.stdout.includes(`\nserver says: ${SHOWN}\n`), r.stdout);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('sent ')).length, 0, 'a forged line');
  });

  test('userapi send: a violation whose path quotes the server is escaped too', async () => {
    const r = await run(CLI, ['send', scratchFile(BODY), '--base-url', `${base}/dup`, '--token', 't']);
    assert.equal(r.code, 1, r.stderr);
    assertPrintable(r.stdout, 'stdout');
    assert.match(r.stdout, /^response:1:\d+: error: \/\\x1b\[2J: .*\[json\.duplicate_key\]$/m);
  });

  test('send --batch: the failure lines and the reports (JSON and CSV) hold the escaped text', async () => {
    const rows = scratchFile(`${BODY}\n{"user_group_id":"6","name":"y"}\n`, '.ndjson');
    const json = path.join(tmp, 'evil.json');
    const csv = path.join(tmp, 'evil.csv');
    const r = await run(CLI, [
      'send',
      '--batch',
      rows,
      '--base-url',
      base,
      '--token',
      't',
      '--concurrency',
      '1',
      '--report',
      json,
      '--report',
      csv,
    ]);
    assert.equal(r.code, 1, r.stderr);
    assertPrintable(r.stdout, 'stdout');
    assertPrintable(r.stderr, 'stderr');
    const lines = r.stdout.split('\n');
    assert.ok(
      lines.includes(
        `${rows}: row 1 (user_group_id "acme"): failed after 1 attempt: The server answered 400: ${SHOWN}`,
      ),
      r.stdout,
    );
    assert.equal(lines.filter((l) => l.startsWith('sent ')).length, 1, r.stdout);
    assert.match(r.stdout, /^sent 2 rows in [\d.]+ s, [\d,]+ rows\/s: 0 succeeded, 2 failed$/m);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.deepEqual(
      report.rows.map((row) => row.error),
      [`The server answered 400: ${SHOWN}`, `The server answered 400: ${SHOWN}`],
    );
    const csvText = fs.readFileSync(csv, 'utf8');
    assertPrintable(csvText.replaceAll('\r\n', '\n'), 'the CSV report');
    assert.ok(csvText.includes(SHOWN.replaceAll('"', '""')), csvText);
  });
});
