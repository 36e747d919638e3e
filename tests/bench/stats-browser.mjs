// compare() of stats.mjs for a page, on wall time (a page has no CPU clock): `rounds` rounds, each
// timing one batch of each in alternating order; medians and the median of the per-round ratios.
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function batchNs(fn, arg, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(arg);
  return ((performance.now() - t0) * 1e6) / n;
}

function calibrate(fn, arg, batchMs) {
  for (let n = 1; ; n *= 4) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(arg);
    const ms = performance.now() - t0;
    if (ms >= batchMs / 4) return Math.max(1, Math.round((n * batchMs) / ms));
  }
}

export function compare(ours, peer, arg, { rounds = 15, batchMs = 60, warmupMs = 500 } = {}) {
  for (const t0 = performance.now(); performance.now() - t0 < warmupMs;) (ours(arg), peer(arg));
  const n = { ours: calibrate(ours, arg, batchMs), peer: calibrate(peer, arg, batchMs) };
  const rows = [];
  for (let r = 0; r < rounds; r++) {
    const row = {};
    for (const who of r % 2 ? ['peer', 'ours'] : ['ours', 'peer'])
      row[who] = batchNs(who === 'ours' ? ours : peer, arg, n[who]);
    rows.push(row);
  }
  return {
    oursNs: median(rows.map((r) => r.ours)),
    peerNs: median(rows.map((r) => r.peer)),
    ratio: median(rows.map((r) => r.ours / r.peer)),
    rounds,
  };
}
