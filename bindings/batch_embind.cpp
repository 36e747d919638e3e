// Embind glue of the batch module (userapi-batch-core), loaded by the module's batch functions
// when first used, so that pages which never send a batch do not download it. Converts between
// JavaScript and the core's batch functions (userapi/batch.h, userapi/batch_engine.h), nothing
// else: parsed files cross as JSON, the engine's actions and reports as plain objects.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/batch.h"
#include "userapi/batch_engine.h"
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

// ---- The engine (userapi/batch_engine.h), driven by bindings/batch.mjs with fetch ----

namespace batch = userapi::batch;
using emscripten::val;

// `value`, or `fallback` when JavaScript left it out.
template <typename T>
T given(const val& object, const char* key, T fallback) {
  const val v = object.isUndefined() ? val::undefined() : object[key];
  return v.isUndefined() || v.isNull() ? fallback : v.as<T>();
}

// parseBatch's rows ({row, line, user_group_id, digest, body, valid, problem}) and the flags of
// rows done in a resumed report.
std::vector<batch::EngineRow> engine_rows(const val& rows, const val& done) {
  std::vector<batch::EngineRow> out(rows["length"].as<std::size_t>());
  const std::size_t done_count = done["length"].as<std::size_t>();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const val r = rows[i];
    batch::EngineRow& e = out[i];
    e.row = r["row"].as<std::uint32_t>();
    e.line = r["line"].as<std::uint32_t>();
    e.user_group_id = r["user_group_id"].as<std::string>();
    e.digest = r["digest"].as<std::string>();
    e.body = r["body"].as<std::string>();
    if (!r["valid"].as<bool>()) e.problem = r["problem"].as<std::string>();
    e.done = i < done_count && done[i].as<bool>();
  }
  return out;
}

// sendBatch's options: {concurrency, timeoutMs, retry: {maxAttempts, baseMs, maxMs}, seed}.
batch::EngineOptions engine_options(const val& o) {
  batch::EngineOptions options;
  options.concurrency = given(o, "concurrency", options.concurrency);
  options.timeout_ms = given(o, "timeoutMs", options.timeout_ms);
  options.seed = static_cast<std::uint64_t>(given(o, "seed", 0.0));
  const val retry = o.isUndefined() ? val::undefined() : o["retry"];
  options.retry.max_attempts = given(retry, "maxAttempts", options.retry.max_attempts);
  options.retry.base_ms = given(retry, "baseMs", options.retry.base_ms);
  options.retry.max_ms = given(retry, "maxMs", options.retry.max_ms);
  return options;
}

val request_val(const userapi::Request& request) {
  val headers = val::object();
  for (const userapi::Header& h : request.headers) headers.set(h.name, h.value);
  val out = val::object();
  out.set("method", request.method);
  out.set("url", request.url);
  out.set("headers", headers);
  out.set("body", request.body);
  return out;
}

// A report row, members as report_json writes them.
val row_val(const batch::RowResult& r) {
  val out = val::object();
  out.set("row", r.row);
  out.set("line", r.line);
  out.set("user_group_id", r.user_group_id);
  out.set("digest", r.digest);
  out.set("outcome", std::string(batch::to_string(r.outcome)));
  out.set("status", r.status);
  out.set("attempts", r.attempts);
  out.set("duration_ms", r.duration_ms);
  out.set("check", r.check);
  out.set("error", r.error);
  return out;
}

val summary_val(const batch::BatchReport& report) {
  const batch::Summary n = batch::summarize(report);
  val out = val::object();
  out.set("rows", n.rows);
  out.set("succeeded", n.succeeded);
  out.set("failed", n.failed);
  out.set("invalid", n.invalid);
  out.set("cancelled", n.cancelled);
  out.set("skipped", n.skipped);
  return out;
}

// One batch being sent. Times are Unix milliseconds (performance.timeOrigin + performance.now()).
class BatchEngine {
 public:
  BatchEngine(const val& rows, const val& done, const val& target, const val& options, double now_ms)
      : engine_(engine_rows(rows, done),
                batch::Target{given(target, "baseUrl", std::string(userapi::contract::kDefaultBaseUrl)),
                              given(target, "token", std::string())},
                engine_options(options), now_ms) {}

  /// {kind: 'send', row, request, timeoutMs} | {kind: 'wait', untilMs} (Infinity: until an event)
  /// | {kind: 'done'}
  val next(double now_ms) {
    const batch::Action a = engine_.next(now_ms);
    val out = val::object();
    if (a.kind == batch::Action::Kind::send) {
      out.set("kind", std::string("send"));
      out.set("row", a.row);
      out.set("request", request_val(engine_.request(a.row)));
      out.set("timeoutMs", engine_.options().timeout_ms);
    } else {
      out.set("kind", std::string(a.kind == batch::Action::Kind::wait ? "wait" : "done"));
      out.set("untilMs", a.until_ms);
    }
    return out;
  }
  void received(std::size_t row, int status, const std::string& retry_after, const std::string& body,
                double now_ms) {
    engine_.received(row, status, retry_after, body, now_ms);
  }
  /// `kind`: a TransportError's name ("refused", "reset", "timeout", ...); another is "other".
  void failed(std::size_t row, const std::string& kind, double now_ms) {
    engine_.failed(row, batch::parse_transport_error(kind).value_or(batch::TransportError::other), now_ms);
  }
  void cancel(double now_ms) { engine_.cancel(now_ms); }
  val progress() const {
    const batch::Progress& p = engine_.progress();
    val out = val::object();
    out.set("total", p.total);
    out.set("done", p.done);
    out.set("inFlight", p.in_flight);
    out.set("succeeded", p.succeeded);
    out.set("failed", p.failed);
    out.set("cancelled", p.cancelled);
    out.set("retries", p.retries);
    return out;
  }
  /// The report rows settled since the last call.
  val take_settled() {
    val out = val::array();
    for (const std::size_t row : engine_.take_settled())
      out.call<void>("push", row_val(engine_.report().rows[row]));
    return out;
  }
  /// The report in report_json's shape, with `file`.
  val report(const std::string& file) const {
    const batch::BatchReport& r = engine_.report();
    val rows = val::array();
    for (const batch::RowResult& row : r.rows) rows.call<void>("push", row_val(row));
    val out = val::object();
    out.set("format", std::string(batch::kReportFormat));
    out.set("file", file);
    out.set("base_url", r.base_url);
    out.set("started", r.started);
    out.set("finished", r.finished);
    out.set("summary", summary_val(r));
    out.set("rows", rows);
    return out;
  }

 private:
  batch::Engine engine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(userapi_batch) {
  emscripten::function("batchNdjson", &batch_ndjson);
  emscripten::function("batchCsv", &batch_csv);
  emscripten::function("batchCsvRecords", &batch_csv_records);
  emscripten::function("batchReport", &batch_report);
  emscripten::function("batchDone", &batch_done);
  emscripten::class_<BatchEngine>("BatchEngine")
      .constructor<const val&, const val&, const val&, const val&, double>()
      .function("next", &BatchEngine::next)
      .function("received", &BatchEngine::received)
      .function("failed", &BatchEngine::failed)
      .function("cancel", &BatchEngine::cancel)
      .function("progress", &BatchEngine::progress)
      .function("takeSettled", &BatchEngine::take_settled)
      .function("report", &BatchEngine::report);
}
