// The same core operations timed by the same code natively and as WebAssembly (em++ with the
// module's optimisation flags, run by node), so their ratio is the cost of wasm alone.
//
//   userapi_core_bench BODY_DIR [BATCHES]
//
// Prints one JSON object: for each body and operation, the median time per call over BATCHES
// batches (default 15), each batch long enough (about 20 ms) for the clock not to matter.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "bench_bodies.h"
#include "userapi/request.h"
#include "userapi/validate.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Median nanoseconds per call of `op`.
double median_ns(const std::function<bool()>& op, int batches) {
  // Warm up for 0.3 s first: V8 compiles wasm with a baseline compiler and optimises hot
  // functions in the background, so early calls are not representative.
  for (const auto start = Clock::now(); seconds_since(start) < 0.3;) op();
  long iterations = 1;
  for (;;) {  // calibrate: a batch of about 20 ms
    const auto start = Clock::now();
    for (long i = 0; i < iterations; ++i) op();
    const double s = seconds_since(start);
    if (s >= 0.02) break;
    iterations = s < 0.002 ? iterations * 10 : static_cast<long>(iterations * 0.025 / s) + 1;
  }
  std::vector<double> per_call;
  for (int b = 0; b < batches; ++b) {
    const auto start = Clock::now();
    for (long i = 0; i < iterations; ++i) op();
    per_call.push_back(seconds_since(start) * 1e9 / static_cast<double>(iterations));
  }
  std::sort(per_call.begin(), per_call.end());
  return per_call[per_call.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: userapi_core_bench BODY_DIR [BATCHES]\n");
    return 2;
  }
  const int batches = argc > 2 ? std::atoi(argv[2]) : 15;
  std::string out = "{";
  for (const std::string& name : bench::read_shapes(argv[1])) {
    const std::string body = bench::read_body(argv[1], name);
    std::size_t sink = 0;
    const double validate = median_ns(
        [&] {
          const std::string json = userapi::to_json(userapi::validate_body(body));
          sink += json.size();
          return true;
        },
        batches);
    const double build = median_ns(
        [&] {
          const auto built = userapi::build_request(body, bench::kBaseUrl, bench::kToken);
          sink += built.request ? built.request->body.size() : 0;
          return true;
        },
        batches);
    if (sink == 0) return 1;  // keeps the work observable
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s\"%s\":{\"bytes\":%zu,\"validate_ns\":%.1f,\"build_ns\":%.1f}",
                  out.size() > 1 ? "," : "", name.c_str(), body.size(), validate, build);
    out += buf;
  }
  std::printf("%s}\n", out.c_str());
  return 0;
}
