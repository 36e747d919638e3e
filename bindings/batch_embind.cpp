// Embind glue of the batch module (userapi-batch-core), loaded by the module's batch functions
// when first used, so that pages which never send a batch do not download it. Converts between
// JavaScript and the core's batch functions (userapi/batch.h), nothing else: results cross as JSON.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/batch.h"
#include "userapi/json.h"

namespace {

std::string_view bytes(std::uintptr_t ptr, std::size_t len) {
  return {reinterpret_cast<const char*>(ptr), len};
}

std::string batch_ndjson(std::uintptr_t ptr, std::size_t len) {
  return userapi::batch::to_json(userapi::batch::parse_ndjson(bytes(ptr, len)));
}

// `ptr, len`: the file's bytes, tokenised and mapped by the core.
std::string batch_csv(std::uintptr_t ptr, std::size_t len) {
  return userapi::batch::to_json(userapi::batch::parse_csv(bytes(ptr, len)));
}

// The core's CSV tokeniser alone, for the shared vectors (tests/vectors/csv): the text's records
// as {"records":[{"line","cells"}]}, or {"error":{"line","reason"}}.
std::string batch_csv_records(const std::string& text) {
  const userapi::batch::CsvTokens tokens = userapi::batch::tokenize_csv(text);
  userapi::JsonWriter out;
  out.begin_object();
  if (tokens.error) {
    out.key("error").begin_object().key("line").number(std::uint64_t(tokens.error->line));
    out.key("reason").string(tokens.error->reason).end_object().end_object();
    return std::move(out).take();
  }
  out.key("records").begin_array();
  for (const userapi::batch::CsvRecord& record : tokens.records) {
    out.begin_object().key("line").number(std::uint64_t(record.line)).key("cells").begin_array();
    for (const std::string& cell : record.cells) out.string(cell);
    out.end_array().end_object();
  }
  out.end_array().end_object();
  return std::move(out).take();
}

// The delay before the next attempt, or -1 when the row is done.
int retry_delay(const emscripten::val& policy, int attempt, int status, const std::string& retry_after,
                double unit, double now_ms) {
  userapi::batch::RetryPolicy p;
  p.max_attempts = policy["maxAttempts"].as<int>();
  p.base_ms = policy["baseMs"].as<std::uint32_t>();
  p.max_ms = policy["maxMs"].as<std::uint32_t>();
  const auto delay = userapi::batch::retry_delay_ms(p, attempt, status, retry_after, unit,
                                                    static_cast<std::int64_t>(now_ms));
  return delay ? static_cast<int>(*delay) : -1;
}

std::string batch_defaults() {
  const userapi::batch::RetryPolicy p;
  userapi::JsonWriter out;
  out.begin_object().key("maxRows").number(std::uint64_t(userapi::batch::kMaxRows));
  out.key("retry").begin_object().key("maxAttempts").number(p.max_attempts);
  out.key("baseMs").number(std::uint64_t(p.base_ms)).key("maxMs").number(std::uint64_t(p.max_ms));
  out.end_object().end_object();
  return std::move(out).take();
}

// A report the module assembled, rewritten by the core: {"text"} in `format` (json or csv), or
// {"error"}.
std::string batch_report(const std::string& json, const std::string& format) {
  const userapi::batch::ParsedReport parsed = userapi::batch::parse_report(json);
  userapi::JsonWriter out;
  out.begin_object();
  if (!parsed.report)
    out.key("error").string(parsed.error);
  else
    out.key("text").string(format == "csv" ? userapi::batch::report_csv(*parsed.report)
                                           : userapi::batch::report_json(*parsed.report));
  out.end_object();
  return std::move(out).take();
}

// For rows [{row, digest}]: which the previous report has done. {"done":[bool...]} or {"error"}.
std::string batch_done(const std::string& previous_json, const emscripten::val& rows) {
  const userapi::batch::ParsedReport previous = userapi::batch::parse_report(previous_json);
  userapi::JsonWriter out;
  out.begin_object();
  if (!previous.report) {
    out.key("error").string(previous.error).end_object();
    return std::move(out).take();
  }
  std::vector<userapi::batch::Row> parsed(rows["length"].as<std::size_t>());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    parsed[i].row = rows[i]["row"].as<std::uint32_t>();
    parsed[i].digest = rows[i]["digest"].as<std::string>();
  }
  out.key("done").begin_array();
  for (const bool done : userapi::batch::done_in(*previous.report, parsed)) out.boolean(done);
  out.end_array().end_object();
  return std::move(out).take();
}

}  // namespace

EMSCRIPTEN_BINDINGS(userapi_batch) {
  emscripten::function("batchNdjson", &batch_ndjson);
  emscripten::function("batchCsv", &batch_csv);
  emscripten::function("batchCsvRecords", &batch_csv_records);
  emscripten::function("batchDefaults", &batch_defaults);
  emscripten::function("batchReport", &batch_report);
  emscripten::function("batchDone", &batch_done);
  emscripten::function("retryDelay", &retry_delay);
}
