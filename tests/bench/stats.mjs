// Small helpers shared by the benchmark scripts.
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times `fn(arg)` in batches of about `batchMs` and returns the time per call of one batch, both
 * CPU time of this process (process.cpuUsage, user + system) and wall time, in nanoseconds.
 */
export function timeBatch(fn, arg, iterations) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn(arg);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuNs: ((cpu.user + cpu.system) * 1000) / iterations, wallNs: (wall * 1e6) / iterations };
}

/** How many calls make a batch of about `batchMs`. */
export function calibrate(fn, arg, batchMs) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(arg);
    const ms = performance.now() - t0;
    if (ms >= batchMs / 4) return Math.max(1, Math.round((n * batchMs) / ms));
    n *= 4;
  }
}

/**
 * Measures `ours` against `peer` on the same input: `rounds` rounds, each timing one batch of
 * each in alternating order, so both see the same machine state. Returns the medians and the
 * median of the per-round ratios (ours / peer), on CPU time.
 */
export function compare(ours, peer, arg, { rounds = 15, batchMs = 60, warmupMs = 500 } = {}) {
  for (const t0 = performance.now(); performance.now() - t0 < warmupMs;) {
    ours(arg);
    peer(arg);
  }
  const n = { ours: calibrate(ours, arg, batchMs), peer: calibrate(peer, arg, batchMs) };
  const rows = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ['peer', 'ours'] : ['ours', 'peer'];
    const row = {};
    for (const who of order) row[who] = timeBatch(who === 'ours' ? ours : peer, arg, n[who]);
    rows.push(row);
  }
  return {
    oursNs: median(rows.map((r) => r.ours.cpuNs)),
    peerNs: median(rows.map((r) => r.peer.cpuNs)),
    ratio: median(rows.map((r) => r.ours.cpuNs / r.peer.cpuNs)),
    oursWallNs: median(rows.map((r) => r.ours.wallNs)),
    peerWallNs: median(rows.map((r) => r.peer.wallNs)),
    rounds,
  };
}
