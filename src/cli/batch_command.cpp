#include "batch_command.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <optional>

#include "batch_file.h"
#include "batch_sender.h"
#include "io.h"
#include "progress.h"
#include "report_file.h"
#include "userapi/batch.h"
#include "userapi/json.h"
#include "userapi/request.h"

namespace cli {
namespace {

namespace batch = userapi::batch;
using batch::Outcome;
using batch::RowResult;

std::string iso_now() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms % 1000));
  return text;
}

// Everything decided before the first request: the rows, their report lines, what to send.
struct Plan {
  batch::Batch rows;
  batch::BatchReport report;
  std::vector<SendJob> jobs;
  std::size_t valid = 0, invalid = 0, skipped = 0;
};

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

// A report line for every row; valid rows not done in `done` become jobs (a body the core found
// valid always builds, as the base URL and the token were checked).
void plan_rows(Plan& plan, const std::vector<bool>& done, const std::string& base_url,
               const std::string& token) {
  plan.report.rows.reserve(plan.rows.rows.size());  // jobs point into it
  for (std::size_t i = 0; i < plan.rows.rows.size(); ++i) {
    const batch::Row& row = plan.rows.rows[i];
    RowResult& r = plan.report.rows.emplace_back();
    r.row = row.row;
    r.line = row.line;
    r.user_group_id = row.user_group_id;
    r.digest = row.digest;
    userapi::BuildResult built;
    if (row.report.valid && !(i < done.size() && done[i]))
      built = localized(userapi::build_request(row.body, base_url, token));
    if (!row.report.valid || (!built.request && !(i < done.size() && done[i]))) {
      r.outcome = Outcome::invalid;
      r.error = batch::first_problem(row.report.valid ? built.report : row.report);
      ++plan.invalid;
      continue;
    }
    ++plan.valid;
    if (!built.request) {
      r.outcome = Outcome::skipped;
      r.error = "done in the resumed report";
      ++plan.skipped;
      continue;
    }
    r.outcome = Outcome::cancelled;
    r.error = "not sent: cancelled";
    plan.jobs.push_back(SendJob{std::move(*built.request), &r});
  }
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

std::size_t count(const batch::BatchReport& report, Outcome outcome) {
  std::size_t n = 0;
  for (const RowResult& r : report.rows) n += r.outcome == outcome ? 1 : 0;
  return n;
}

// Reads and checks the file and prints every problem; nothing when it cannot be sent (`status`
// then says why: 1 file errors or a bad base URL or token, 2 usage or I/O).
std::optional<Plan> make_plan(const BatchOptions& o, const std::string& base_url, const std::string& token,
                              int& status) {
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
  if (!check_target(base_url, token)) return std::nullopt;
  status = kUsage;
  const auto done = resumed(o, plan, base_url);
  if (!done) return std::nullopt;
  plan_rows(plan, *done, base_url, token);
  plan.report.file = o.file;
  plan.report.base_url = base_url;
  std::cout << thousands(plan.valid) << " valid, " << thousands(plan.invalid) << " invalid";
  if (!o.resume.empty()) std::cout << ", " << thousands(plan.skipped) << " done in " << o.resume;
  std::cout << "; sending " << thousands(plan.jobs.size()) << std::endl;
  return plan;
}

// The rows that failed, one line each, and the counts.
void print_outcome(const Plan& plan, const std::string& name, double seconds, std::ostream& out) {
  constexpr std::size_t kListed = 50;
  std::size_t failed = 0;
  for (const RowResult& r : plan.report.rows) {
    if (r.outcome != Outcome::failed || ++failed > kListed) continue;
    out << name << ": row " << r.row << " (user_group_id " << userapi::json_quote(r.user_group_id)
        << "): failed after " << r.attempts << (r.attempts == 1 ? " attempt: " : " attempts: ") << r.error
        << "\n";
  }
  if (failed > kListed)
    out << "... and " << thousands(failed - kListed) << " more failed rows (--report PATH lists every row)\n";
  const std::size_t sent = count(plan.report, Outcome::succeeded) + count(plan.report, Outcome::failed);
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, " in %.1f s, ", seconds);
  const auto rate = static_cast<std::size_t>(seconds > 0 ? static_cast<double>(sent) / seconds : 0.0);
  out << "sent " << thousands(sent) << (sent == 1 ? " row" : " rows") << elapsed << thousands(rate)
      << " rows/s: " << thousands(count(plan.report, Outcome::succeeded)) << " succeeded, "
      << thousands(count(plan.report, Outcome::failed)) << " failed";
  if (const std::size_t n = count(plan.report, Outcome::cancelled))
    out << ", " << thousands(n) << " cancelled";
  if (plan.skipped) out << ", " << thousands(plan.skipped) << " skipped";
  if (plan.invalid) out << "; " << thousands(plan.invalid) << " invalid, not sent";
  out << std::endl;
}

int exit_status(const Plan& plan, const SendSummary& summary) {
  if (summary.cancel_signal) return 128 + summary.cancel_signal;
  if (!plan.jobs.empty() && !summary.reached) return kNetwork;
  return plan.invalid || count(plan.report, Outcome::failed) ? kInvalid : kValid;
}

int send_plan(Plan& plan, const BatchOptions& o, long timeout_ms) {
  SenderOptions options;
  options.concurrency = o.concurrency;
  options.timeout_ms = timeout_ms;
  options.retry.max_attempts = o.retries + 1;
  ProgressDisplay progress(stderr, ::isatty(STDERR_FILENO) == 1);
  SendProgress last;
  const auto started = std::chrono::steady_clock::now();
  SendSummary summary;
  auto checkpoint = started;
  std::string ignored;
  if (!plan.jobs.empty()) {
    summary = send_rows(plan.jobs, options, [&](const SendProgress& p) {
      progress.update(p);
      last = p;
      // Every 10 s the report so far (rows in flight still "cancelled"): a batch killed outright
      // resumes from there. A write that fails now is reported at the end.
      if (!o.reports.empty() && std::chrono::steady_clock::now() - checkpoint >= std::chrono::seconds(10)) {
        write_reports(o.reports, plan.report, ignored);
        checkpoint = std::chrono::steady_clock::now();
      }
    });
    progress.finish(last);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  plan.report.finished = iso_now();
  print_outcome(plan, display_name(o.file), seconds, std::cout);
  std::string error;
  if (!o.reports.empty() && !write_reports(o.reports, plan.report, error)) return fail("send: " + error);
  if (summary.cancel_signal) {
    std::cerr << "userapi: send: cancelled by " << (summary.cancel_signal == SIGINT ? "SIGINT" : "SIGTERM")
              << "; "
              << (o.reports.empty() ? "no --report was given, so there is nothing to resume from"
                                    : "finish with --resume " + o.reports.front())
              << "\n";
  } else if (!plan.jobs.empty() && !summary.reached) {
    std::cerr << "userapi: send: network: " << plan.report.base_url << " could not be reached\n";
  }
  return exit_status(plan, summary);
}

}  // namespace

int run_batch(const CLI::App& send, const BatchOptions& o, const std::string& base_url,
              const TokenOptions& token_options, long timeout_ms) {
  std::string error;
  const auto token = resolve_token(send, token_options, error);
  if (!token) return fail(error);
  int status = kUsage;
  std::optional<Plan> plan = make_plan(o, base_url, *token, status);
  if (!plan) return status;
  plan->report.started = iso_now();
  // Written before the first request too: a folder that cannot take it stops the batch now, and
  // a batch that is killed outright leaves a report to resume from.
  if (!o.reports.empty() && !write_reports(o.reports, plan->report, error)) return fail("send: " + error);
  return send_plan(*plan, o, timeout_ms);
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
  send.add_option("--concurrency", o.concurrency, "requests in flight at once (1 to 64)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(1, 64).description(""))
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
