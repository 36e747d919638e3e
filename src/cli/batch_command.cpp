#include "batch_command.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <random>

#include "batch_file.h"
#include "batch_sender.h"
#include "io.h"
#include "progress.h"
#include "report_file.h"
#include "userapi/batch.h"
#include "userapi/batch_engine.h"
#include "userapi/json.h"
#include "userapi/request.h"

namespace cli {
namespace {

namespace batch = userapi::batch;
using batch::Outcome;
using batch::RowResult;

// Everything decided before the first request: the rows, and the engine that sends them.
struct Plan {
  batch::Batch rows;
  std::unique_ptr<batch::Engine> engine;
  std::size_t valid = 0, invalid = 0, skipped = 0, to_send = 0;
  const batch::BatchReport& report() const { return engine->report(); }
};

double unix_now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(system_clock::now().time_since_epoch()).count();
}

// The base URL and the token, checked once for every row: errors stop the batch (exit 1).
bool check_target(const std::string& base_url, const std::string& token) {
  userapi::Report both = userapi::check_base_url(base_url);
  const userapi::Report t = userapi::check_token(token);
  both.valid = both.valid && t.valid;
  both.violations.insert(both.violations.end(), t.violations.begin(), t.violations.end());
  print_text(both, "", std::cout);
  if (!both.valid) std::cerr << "userapi: send: nothing sent: the base URL or the token has errors (above)\n";
  return both.valid;
}

// The engine over the rows (each gets its report line), with the command's options.
void plan_engine(Plan& plan, const BatchOptions& o, const std::vector<bool>& done,
                 const batch::Target& target, long timeout_ms) {
  batch::EngineOptions options;
  options.concurrency = o.concurrency;
  options.timeout_ms = static_cast<std::uint32_t>(timeout_ms);
  options.retry.max_attempts = o.retries + 1;
  options.seed = std::random_device{}();
  plan.engine =
      std::make_unique<batch::Engine>(batch::engine_rows(plan.rows, done), target, options, unix_now_ms());
  plan.engine->report().file = o.file;
  const batch::Summary n = batch::summarize(plan.report());
  plan.invalid = n.invalid;
  plan.skipped = n.skipped;
  plan.valid = n.rows - n.invalid;
  plan.to_send = plan.engine->progress().total;
}

// The rows a previous report says are done; nothing (exit 2) when it cannot be read.
std::optional<std::vector<bool>> resumed(const BatchOptions& o, const Plan& plan,
                                         const std::string& base_url) {
  if (o.resume.empty()) return std::vector<bool>();
  std::string error;
  const auto text = read_input(o.resume, error);
  if (!text) {
    fail("send: --resume: " + error);
    return std::nullopt;
  }
  const batch::ParsedReport previous = batch::parse_report(*text);
  if (!previous.report) {
    fail("send: --resume: " + o.resume + " is not a batch report: " + previous.error);
    return std::nullopt;
  }
  if (previous.report->base_url != base_url)
    std::cerr << "userapi: send: warning: " << o.resume << " was sent to " << previous.report->base_url
              << ", not " << base_url << "\n";
  return batch::done_in(*previous.report, plan.rows.rows);
}

}  // namespace
}  // namespace cli

namespace cli {
namespace {

// Reads and checks the file and prints every problem; nothing when it cannot be sent (`status`
// then says why: 1 file errors or a bad base URL or token, 2 usage or I/O).
std::optional<Plan> make_plan(const BatchOptions& o, const batch::Target& target, long timeout_ms,
                              int& status) {
  const std::string& base_url = target.base_url;
  Plan plan;
  status = kUsage;
  bool csv = false;
  auto rows = read_batch(o.file, o.format, "send", csv);
  if (!rows) return std::nullopt;
  plan.rows = std::move(*rows);
  const std::string name = display_name(o.file);
  print_batch_problems(plan.rows, csv, name, std::cout);
  status = kInvalid;
  if (!plan.rows.sendable()) {
    std::cerr << "userapi: send: nothing sent: " << name << " cannot be read as a batch (above)\n";
    return std::nullopt;
  }
  if (!check_target(base_url, target.token)) return std::nullopt;
  status = kUsage;
  const auto done = resumed(o, plan, base_url);
  if (!done) return std::nullopt;
  plan_engine(plan, o, *done, target, timeout_ms);
  std::cout << thousands(plan.valid) << " valid, " << thousands(plan.invalid) << " invalid";
  if (!o.resume.empty()) std::cout << ", " << thousands(plan.skipped) << " done in " << o.resume;
  std::cout << "; sending " << thousands(plan.to_send) << std::endl;
  return plan;
}

// The rows that failed, one line each, and the counts.
void print_outcome(const Plan& plan, const std::string& name, double seconds, std::ostream& out) {
  constexpr std::size_t kListed = 50;
  std::size_t failed = 0;
  for (const RowResult& r : plan.report().rows) {
    if (r.outcome != Outcome::failed || ++failed > kListed) continue;
    out << name << ": row " << r.row << " (user_group_id " << userapi::json_quote(r.user_group_id)
        << "): failed after " << r.attempts << (r.attempts == 1 ? " attempt: " : " attempts: ") << r.error
        << "\n";
  }
  if (failed > kListed)
    out << "... and " << thousands(failed - kListed) << " more failed rows (--report PATH lists every row)\n";
  const batch::Summary n = batch::summarize(plan.report());
  const std::size_t sent = n.succeeded + n.failed;
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, " in %.1f s, ", seconds);
  const auto rate = static_cast<std::size_t>(seconds > 0 ? static_cast<double>(sent) / seconds : 0.0);
  out << "sent " << thousands(sent) << (sent == 1 ? " row" : " rows") << elapsed << thousands(rate)
      << " rows/s: " << thousands(n.succeeded) << " succeeded, " << thousands(n.failed) << " failed";
  if (n.cancelled) out << ", " << thousands(n.cancelled) << " cancelled";
  if (plan.skipped) out << ", " << thousands(plan.skipped) << " skipped";
  if (plan.invalid) out << "; " << thousands(plan.invalid) << " invalid, not sent";
  out << std::endl;
}

int exit_status(const Plan& plan, int cancel_signal) {
  if (cancel_signal) return 128 + cancel_signal;
  if (plan.to_send && !plan.engine->reached()) return kNetwork;
  return plan.invalid || batch::summarize(plan.report()).failed ? kInvalid : kValid;
}

int send_plan(Plan& plan, const BatchOptions& o) {
  ProgressDisplay progress(stderr, ::isatty(STDERR_FILENO) == 1);
  SendProgress last;
  const auto started = std::chrono::steady_clock::now();
  int cancel_signal = 0;
  auto checkpoint = started;
  std::string ignored;
  if (plan.to_send) {
    cancel_signal = send_rows(*plan.engine, [&](const SendProgress& p) {
      progress.update(p);
      last = p;
      // Every 10 s the report so far (rows in flight still "cancelled"): a batch killed outright
      // resumes from there. A write that fails now is reported at the end.
      if (!o.reports.empty() && std::chrono::steady_clock::now() - checkpoint >= std::chrono::seconds(10)) {
        write_reports(o.reports, plan.report(), ignored);
        checkpoint = std::chrono::steady_clock::now();
      }
    });
    progress.finish(last);
  } else {
    plan.engine->next(unix_now_ms());  // nothing to send: done, which stamps `finished`
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_outcome(plan, display_name(o.file), seconds, std::cout);
  std::string error;
  if (!o.reports.empty() && !write_reports(o.reports, plan.report(), error)) return fail("send: " + error);
  if (cancel_signal) {
    std::cerr << "userapi: send: cancelled by " << (cancel_signal == SIGINT ? "SIGINT" : "SIGTERM") << "; "
              << (o.reports.empty() ? "no --report was given, so there is nothing to resume from"
                                    : "finish with --resume " + o.reports.front())
              << "\n";
  } else if (plan.to_send && !plan.engine->reached()) {
    std::cerr << "userapi: send: network: " << plan.report().base_url << " could not be reached\n";
  }
  return exit_status(plan, cancel_signal);
}

}  // namespace

int run_batch(const CLI::App& send, const BatchOptions& o, const std::string& base_url,
              const TokenOptions& token_options, long timeout_ms) {
  std::string error;
  const auto token = resolve_token(send, token_options, error);
  if (!token) return fail(error);
  int status = kUsage;
  std::optional<Plan> plan = make_plan(o, batch::Target{base_url, *token}, timeout_ms, status);
  if (!plan) return status;
  // Written before the first request too: a folder that cannot take it stops the batch now, and
  // a batch that is killed outright leaves a report to resume from.
  if (!o.reports.empty() && !write_reports(o.reports, plan->report(), error)) return fail("send: " + error);
  return send_plan(*plan, o);
}

void add_batch_options(CLI::App& send, BatchOptions& o, const std::vector<CLI::Option*>& single) {
  CLI::Option* file =
      send.add_option(
              "--batch", o.file,
              "send every row of FILE (CSV or NDJSON, see docs/batch.md), each checked before anything "
              "is sent; - reads standard input")
          ->type_name("FILE");
  for (CLI::Option* other : single) file->excludes(other);
  send.add_option("--batch-format", o.format, "the batch file's format (default: from its name)")
      ->type_name("csv|ndjson")
      ->check(CLI::IsMember({"csv", "ndjson"}).description(""))
      ->needs(file);
  send.add_option(
          "--concurrency", o.concurrency,
          "requests in flight at once (1 to " + std::to_string(userapi::contract::kMaxConcurrency) + ")")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(1, userapi::contract::kMaxConcurrency).description(""))
      ->needs(file);
  send.add_option("--retries", o.retries, "retries of a row after 429, 5xx, a network error or a timeout")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(0, 20).description(""))
      ->needs(file);
  send.add_option("--report", o.reports,
                  "write the report to PATH: CSV when it ends in .csv, else JSON (what --resume reads); "
                  "repeatable")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->needs(file);
  send.add_option("--resume", o.resume, "skip the rows REPORT (a JSON report) says succeeded, same body")
      ->type_name("REPORT")
      ->needs(file);
}

}  // namespace cli
