-- wrk script: PUT /api/user with the reference example body, as `scripts/bench` sends it to the
-- sandbox and to Prism alike.
--   USERAPI_BENCH_BODY=FILE USERAPI_BENCH_TOKEN=T wrk -t2 -c16 -d10s -s tests/bench/put.lua URL
-- At the end it prints one JSON line (prefixed "wrk-json ") with the figures scripts/bench reads.
local file = assert(io.open(assert(os.getenv("USERAPI_BENCH_BODY"), "set USERAPI_BENCH_BODY"), "rb"))
wrk.method = "PUT"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Token " .. (os.getenv("USERAPI_BENCH_TOKEN") or "")

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'wrk-json {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
