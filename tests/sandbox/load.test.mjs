// Concurrency and crash safety of the sandbox store.
//
// 16 clients, each on its own keep-alive connection (node http.Agent, one socket), send 500
// updates each, one after the other, to the 4 seeded groups. Only the seeds exist (any other id
// is a 404), so the clients share groups, and the write sets are designed so that the expected
// final state is well-defined without knowing the server's commit order:
//
//   clients 0-3    write only `name`        of group c % 4   (one writer per group and member)
//   clients 4-7    write only `mapping`     of group c % 4   (one writer per group and member)
//   clients 8-15   write only `properties`  of group c % 4   (two writers per group: shared)
//
// An update replaces only the members it carries, so writers of different members never
// overwrite each other. Every value carries its writer and a sequence number. A client sends
// write k+1 only after the 200 of write k, so one writer's writes commit in order:
//   - one writer: the final value is its last write;
//   - shared: the globally last commit must be the last write of one of the writers (had it
//     been write k < last of client c, c's write k+1 would commit after it), so the final value
//     is the last write of one of them;
//   - every 200 echoes the stored group right after its own commit (update and read-back under
//     the store's lock): the echo holds the write itself, and what one client sees never goes
//     back in time (a later echo never shows an older write of any writer).
// Then the same load is cut by kill -9; on restart the database must pass PRAGMA integrity_check,
// and each member must hold a write that was acknowledged or in flight at the kill, never older
// than the last acknowledged one of its writer.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';

import {
  SEEDS,
  assertTokenNotLogged,
  assertValidResponse,
  integrityCheck,
  put,
  readAllGroups,
  startServer,
} from './server.mjs';

const CLIENTS = 16;
const WRITES = 500;
const ROLES = ['name', 'mapping', 'properties', 'properties'];

const groupOf = (c) => SEEDS[c % SEEDS.length];
const roleOf = (c) => ROLES[Math.floor(c / SEEDS.length)];
const writersOf = (group, role) =>
  Array.from({ length: CLIENTS }, (_, c) => c).filter((c) => groupOf(c) === group && roleOf(c) === role);

function bodyOf(c, seq) {
  const body = { user_group_id: groupOf(c) };
  if (roleOf(c) === 'name') body.name = `client ${c} write ${seq} é`;
  else if (roleOf(c) === 'mapping') body.mapping = { 1: `client ${c}`, 2: `write ${seq}` };
  else body.properties = { client: c, seq, note: 'shared 😀' };
  return JSON.stringify(body);
}

// The writer and sequence number a member of a stored group holds; null for a seed's value.
function decode(group, role) {
  if (role === 'name') {
    const m = /^client (\d+) write (\d+) é$/.exec(group.name);
    return m ? { c: Number(m[1]), seq: Number(m[2]) } : null;
  }
  if (role === 'mapping') {
    const m1 = /^client (\d+)$/.exec(group.mapping['1'] ?? '');
    const m2 = /^write (\d+)$/.exec(group.mapping['2'] ?? '');
    return m1 && m2 ? { c: Number(m1[1]), seq: Number(m2[1]) } : null;
  }
  const p = group.properties;
  return p && Number.isInteger(p.client) ? { c: p.client, seq: p.seq } : null;
}
const show = (v) => (v ? `client ${v.c} write ${v.seq}` : 'the seed value');

/** One PUT on a keep-alive agent; resolves to { status, text } or rejects on a network error. */
function send(port, agent, token, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/api/user',
        agent,
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Token ${token}`,
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(15000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Runs the 16 writers. `onAck(total)` is called after each 200 and may return true to stop
 * every writer (the kill test). Resolves to per-client records:
 * { lastAcked, inFlight, statuses: Map, error, echoes: [user_group, ...], lastResponse }.
 */
async function runWriters(server, { onAck = () => false, latencies = [] } = {}) {
  let acked = 0;
  let stop = false;
  const clients = Array.from({ length: CLIENTS }, () => ({
    lastAcked: -1,
    inFlight: null,
    statuses: new Map(),
    error: null,
    echoes: [],
    lastResponse: null,
  }));
  const agents = [];
  await Promise.all(
    clients.map(async (rec, c) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      for (let seq = 0; seq < WRITES && !stop; seq++) {
        const body = bodyOf(c, seq);
        rec.inFlight = seq;
        let r;
        const t0 = performance.now();
        try {
          r = await send(server.port, agent, server.token, body);
          latencies.push(performance.now() - t0);
        } catch (e) {
          rec.error = `write ${seq}: ${e.code ?? e.message}`;
          return;
        }
        rec.statuses.set(r.status, (rec.statuses.get(r.status) ?? 0) + 1);
        if (r.status !== 200) {
          rec.error = `write ${seq}: HTTP ${r.status} ${r.text.slice(0, 200)}`;
          return;
        }
        rec.inFlight = null;
        rec.lastAcked = seq;
        rec.lastResponse = { r, body };
        rec.echoes.push(JSON.parse(r.text).user_group);
        if (onAck(++acked)) stop = true;
      }
    }),
  );
  for (const agent of agents) agent.destroy();
  return clients;
}

// Each echo holds its own write, and no client ever sees any writer's member go back in time.
function checkEchoes(clients) {
  clients.forEach((rec, c) => {
    const seen = new Map();
    rec.echoes.forEach((g, k) => {
      assert.equal(g.provided_id, groupOf(c));
      assert.deepEqual(
        decode(g, roleOf(c)),
        { c, seq: k },
        `client ${c}: the echo of write ${k} does not hold it`,
      );
      for (const role of ['name', 'mapping', 'properties']) {
        const v = decode(g, role);
        if (!v) continue;
        const key = `${role}/${v.c}`;
        assert.ok(
          (seen.get(key) ?? -1) <= v.seq,
          `client ${c} saw ${role} of client ${v.c} go back from write ${seen.get(key)} to ${v.seq}`,
        );
        seen.set(key, v.seq);
      }
    });
  });
}

const servers = [];
after(async () => {
  for (const s of servers) if (!s.exited()) await s.kill9();
});

describe('16 concurrent clients x 500 updates', () => {
  test('every update gets 200, echoes itself, and the final state is the last write', async (t) => {
    const server = await startServer();
    servers.push(server);
    const started = Date.now();
    const latencies = [];
    const clients = await runWriters(server, { latencies });
    const seconds = (Date.now() - started) / 1000;
    const errors = clients.map((rec, c) => rec.error && `client ${c}: ${rec.error}`).filter(Boolean);
    assert.deepEqual(errors, [], 'every update must succeed');
    const total = clients.reduce((n, rec) => n + (rec.statuses.get(200) ?? 0), 0);
    assert.equal(total, CLIENTS * WRITES);
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)];
    t.diagnostic(
      `${total} updates in ${seconds.toFixed(1)} s: ${(total / seconds).toFixed(0)} req/s, p99 ${p99.toFixed(1)} ms`,
    );
    console.log(
      `load: ${total} updates in ${seconds.toFixed(1)} s: ${(total / seconds).toFixed(0)} req/s, p99 ${p99.toFixed(1)} ms`,
    );
    checkEchoes(clients);

    const groups = await readAllGroups(server);
    for (const group of SEEDS) {
      for (const role of ['name', 'mapping', 'properties']) {
        const writers = writersOf(group, role);
        const stored = decode(groups[group], role);
        const finals = writers.map((c) => ({ c, seq: WRITES - 1 }));
        assert.ok(
          finals.some((f) => stored && f.c === stored.c && f.seq === stored.seq),
          `${group} ${role}: stored ${show(stored)}, expected the last write of client ${writers.join(' or ')}`,
        );
      }
    }
    // The core's own check on the last answer of each client (every kind of answer is checked
    // one by one in responses.test.mjs; 8,000 CLI runs would take longer than the whole suite).
    await Promise.all(clients.map((rec) => assertValidResponse(rec.lastResponse.r, rec.lastResponse.body)));
    await server.stop();
    assert.equal(await integrityCheck(server.db), 'ok');
    assertTokenNotLogged(server);
    assert.doesNotMatch(server.log(), / PUT \/api\/user 5\d\d /, 'a 5xx in the log');
  });
});

describe('kill -9 under load', () => {
  test('the database is intact and keeps every acknowledged write', async (t) => {
    const KILL_AFTER = 1500 + Math.floor(Math.random() * 1500);
    const server = await startServer();
    servers.push(server);
    let killed = null;
    const clients = await runWriters(server, {
      onAck: (n) => {
        if (n < KILL_AFTER || killed) return false;
        killed = server.kill9();
        return true;
      },
    });
    assert.ok(killed, `the load ended before ${KILL_AFTER} acknowledged writes`);
    const exit = await killed;
    assert.equal(exit.signal, 'SIGKILL');
    for (const [c, rec] of clients.entries()) {
      for (const [status, n] of rec.statuses)
        assert.equal(status, 200, `client ${c}: ${n} x HTTP ${status} before the kill`);
    }
    checkEchoes(clients);
    const acked = clients.reduce((n, rec) => n + rec.lastAcked + 1, 0);
    t.diagnostic(
      `killed after ${acked} acknowledged writes, ${clients.filter((rec) => rec.inFlight !== null).length} in flight`,
    );
    assert.ok(fs.existsSync(`${server.db}-wal`), 'WAL mode: a -wal file is left by the kill');
    assert.equal(await integrityCheck(server.db), 'ok', 'integrity_check after kill -9');

    const again = await startServer({ db: server.db });
    servers.push(again);
    assert.equal(again.token, server.token, 'the dev token is kept in the database');
    const groups = await readAllGroups(again);
    const report = [];
    for (const group of SEEDS) {
      for (const role of ['name', 'mapping', 'properties']) {
        const writers = writersOf(group, role);
        const stored = decode(groups[group], role);
        // What may be there: per writer, its last acknowledged write or the one in flight.
        const allowed = writers.flatMap((c) =>
          [clients[c].lastAcked, clients[c].inFlight]
            .filter((s) => s !== null && s >= 0)
            .map((seq) => ({ c, seq })),
        );
        const ok = stored
          ? allowed.some((a) => a.c === stored.c && a.seq === stored.seq)
          : writers.every((c) => clients[c].lastAcked < 0); // the seed value only when nothing was acknowledged
        report.push(
          `${group} ${role}: stored ${show(stored)}; acknowledged/in flight ${writers.map((c) => `client ${c}: ${clients[c].lastAcked}/${clients[c].inFlight}`).join(', ')}`,
        );
        assert.ok(ok, report.at(-1));
        if (writers.length === 1 && stored)
          assert.ok(stored.seq >= clients[writers[0]].lastAcked, report.at(-1));
      }
    }
    const r = await put(again, { user_group_id: 'acme', name: 'after the restart' });
    assert.equal(r.status, 200, r.text);
    await again.stop();
    assert.equal(await integrityCheck(server.db), 'ok', 'integrity_check after the restart');
    assertTokenNotLogged(server);
    assertTokenNotLogged(again);
  });
});
