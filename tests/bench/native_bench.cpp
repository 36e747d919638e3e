// Native benchmarks of the core against RapidJSON parsing the same bytes (Google Benchmark).
//
//   userapi_bench BODY_DIR [--benchmark_...]
//
// The peer is RapidJSON 1.1.0, the parser inside the core, given the same bytes in the same
// process: `Document::Parse` with default flags (a DOM, as most RapidJSON users parse) and, for
// information, a SAX pass into a handler that does nothing (the least work any RapidJSON-based
// validator can do). scripts/bench runs this with repetitions and reads the medians.
#include <benchmark/benchmark.h>

#define RAPIDJSON_ASSERT(x) ((void)0)  // as in the core (src/userapi/detail/rapidjson.h)
#include <rapidjson/document.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <string>

#include "bench_bodies.h"
#include "userapi/request.h"
#include "userapi/validate.h"

namespace {

void rapidjson_dom(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError()) state.SkipWithError("RapidJSON rejected the body");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

void rapidjson_sax(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    rapidjson::BaseReaderHandler<> handler;
    rapidjson::Reader reader;
    rapidjson::MemoryStream stream(body.data(), body.size());
    if (!reader.Parse(stream, handler)) state.SkipWithError("RapidJSON rejected the body");
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

void userapi_validate(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    auto report = userapi::validate_body(body);
    if (!report.valid) state.SkipWithError("the body is not valid");
    benchmark::DoNotOptimize(report);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

// Validate + build: the whole of build_request (body, base URL and token checks, compact body).
void userapi_build(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    auto built = userapi::build_request(body, bench::kBaseUrl, bench::kToken);
    if (!built.request) state.SkipWithError("no request was built");
    benchmark::DoNotOptimize(built);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: userapi_bench BODY_DIR [--benchmark_...]\n");
    return 2;
  }
  static std::vector<std::pair<std::string, std::string>> bodies;  // name, text; outlives the run
  for (const std::string& name : bench::read_shapes(argv[1]))
    bodies.emplace_back(name, bench::read_body(argv[1], name));
  for (const auto& [name, body] : bodies) {
    const std::string suffix = "/" + name;
    benchmark::RegisterBenchmark(("rapidjson_dom" + suffix).c_str(), rapidjson_dom, body);
    benchmark::RegisterBenchmark(("rapidjson_sax" + suffix).c_str(), rapidjson_sax, body);
    benchmark::RegisterBenchmark(("userapi_validate" + suffix).c_str(), userapi_validate, body);
    benchmark::RegisterBenchmark(("userapi_build" + suffix).c_str(), userapi_build, body);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
