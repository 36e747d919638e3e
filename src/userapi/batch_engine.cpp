// The batch engine's state machine (userapi/batch_engine.h): a row is pending (never sent), in
// flight, waiting to retry, or final. next() moves rows from pending or waiting to in flight;
// received() and failed() move them back to waiting or to final; cancel() makes the rest final.
#include "userapi/batch_engine.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "batch_texts.h"
#include "userapi/response.h"

namespace userapi::batch {
namespace {

constexpr std::string_view kTransportErrors[] = {"refused", "reset",     "timeout", "unresolved",
                                                 "tls",     "too_large", "other"};

// The response check in the report's words: "valid", or the first error's code.
std::string check_word(const ResponseCheck& check) {
  for (const Violation& v : check.report.violations)
    if (v.severity == Severity::error) return std::string(code_id(v.code));
  return "valid";
}

double tenths(double ms) { return std::round(std::max(0.0, ms) * 10) / 10; }

}  // namespace

std::string_view to_string(TransportError error) { return kTransportErrors[static_cast<int>(error)]; }

std::optional<TransportError> parse_transport_error(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kTransportErrors); ++i)
    if (kTransportErrors[i] == text) return static_cast<TransportError>(i);
  return std::nullopt;
}

std::vector<EngineRow> engine_rows(const Batch& batch, const std::vector<bool>& done) {
  std::vector<EngineRow> rows;
  rows.reserve(batch.rows.size());
  for (std::size_t i = 0; i < batch.rows.size(); ++i) {
    const Row& r = batch.rows[i];
    rows.push_back(EngineRow{r.row, r.line, r.user_group_id, r.digest, r.body, first_problem(r.report),
                             i < done.size() && done[i]});
    if (r.report.valid) rows.back().problem.clear();  // a warning is no reason not to send
  }
  return rows;
}

Engine::Engine(std::vector<EngineRow> rows, const Target& target, const EngineOptions& options, double now_ms)
    : options_(options), rows_(rows.size()), rng_(options.seed) {
  options_.concurrency = std::clamp(options_.concurrency, 1, contract::kMaxConcurrency);
  report_.base_url = target.base_url;
  report_.started = iso_utc(now_ms);
  report_.rows.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EngineRow& in = rows[i];
    RowResult& r = report_.rows[i];
    r.row = in.row, r.line = in.line, r.user_group_id = std::move(in.user_group_id), r.digest = in.digest;
    BuildResult built;
    if (in.problem.empty() && !in.done) built = build_request(in.body, target.base_url, target.token);
    if (!in.problem.empty() || (!in.done && !built.request)) {
      r.outcome = Outcome::invalid;
      r.error = in.problem.empty() ? first_problem(built.report) : std::move(in.problem);
    } else if (in.done) {
      r.outcome = Outcome::skipped;
      r.error = texts::skipped();
    } else {
      r.outcome = Outcome::cancelled;
      r.error = texts::not_sent();
      rows_[i].state = State::pending;
      rows_[i].request = std::move(*built.request);
      pending_.push_back(i);
    }
  }
  progress_.total = pending_.size();
}

// The row that may start now: a due retry first, then the next new row; none while a 429 holds
// the batch, the batch is cancelled, or `concurrency` rows are in flight.
std::optional<std::size_t> Engine::startable(double now_ms) {
  if (cancels_ > 0 || now_ms < hold_until_ ||
      progress_.in_flight >= static_cast<std::size_t>(options_.concurrency))
    return std::nullopt;
  if (!waiting_.empty() && waiting_.top().first <= now_ms) {
    const std::size_t row = waiting_.top().second;
    waiting_.pop();
    ++progress_.retries;
    return row;
  }
  if (pending_.empty()) return std::nullopt;
  const std::size_t row = pending_.front();
  pending_.pop_front();
  rows_[row].first_ms = now_ms;
  return row;
}

Action Engine::start(std::size_t row) {
  rows_[row].state = State::in_flight;
  ++report_.rows[row].attempts;
  ++progress_.in_flight;
  return Action{Action::Kind::send, row};
}

Action Engine::next(double now_ms) {
  if (const auto row = startable(now_ms)) return start(*row);
  if (progress_.in_flight == 0 && pending_.empty() && waiting_.empty()) {
    if (!finished_) report_.finished = iso_utc(now_ms);
    finished_ = true;
    return Action{Action::Kind::done};
  }
  Action wait{Action::Kind::wait};
  if (cancels_ > 0 || progress_.in_flight >= static_cast<std::size_t>(options_.concurrency)) return wait;
  if (!pending_.empty()) wait.until_ms = now_ms;
  if (!waiting_.empty()) wait.until_ms = std::min(wait.until_ms, waiting_.top().first);
  if (wait.until_ms != std::numeric_limits<double>::infinity())
    wait.until_ms = std::max(wait.until_ms, hold_until_);
  return wait;
}

void Engine::received(std::size_t row, int status, std::string_view retry_after, std::string_view body,
                      double now_ms) {
  if (row >= rows_.size() || rows_[row].state != State::in_flight) return;
  --progress_.in_flight;
  reached_ = true;
  RowResult& r = report_.rows[row];
  r.status = status;
  const ResponseCheck check = check_response(status, body, rows_[row].request.body);
  r.check = check_word(check);
  if (check.succeeded()) return settle(row, Outcome::succeeded, "", now_ms);
  std::string error = texts::answered(status, check.server_message);
  if (!check.report.valid) error += texts::breaks_contract(r.check);
  retry_or_settle(row, status, retry_after, std::move(error), now_ms);
}

void Engine::failed(std::size_t row, TransportError error, double now_ms) {
  if (row >= rows_.size() || rows_[row].state != State::in_flight) return;
  --progress_.in_flight;
  RowResult& r = report_.rows[row];
  r.status = 0;
  r.check.clear();
  retry_or_settle(row, 0, "", texts::transport(error, options_.timeout_ms), now_ms);
}

// After a failed attempt: wait and retry when the policy says so (a 429 holds every row until
// then), else the row failed. A cancelled batch retries nothing.
void Engine::retry_or_settle(std::size_t row, int status, std::string_view retry_after, std::string error,
                             double now_ms) {
  const RowResult& r = report_.rows[row];
  const auto delay = retry_delay_ms(options_.retry, r.attempts, status, retry_after, unit(),
                                    static_cast<std::int64_t>(now_ms));
  if (!delay) return settle(row, Outcome::failed, std::move(error), now_ms);
  if (cancels_ > 0) return settle(row, Outcome::cancelled, texts::cancelled_waiting(error), now_ms);
  const double due = now_ms + *delay;
  rows_[row].state = State::waiting;
  rows_[row].last_error = std::move(error);
  waiting_.emplace(due, row);
  if (status == 429) hold_until_ = std::max(hold_until_, due);
}

void Engine::settle(std::size_t row, Outcome outcome, std::string error, double now_ms) {
  rows_[row].state = State::final;
  RowResult& r = report_.rows[row];
  r.outcome = outcome;
  r.error = std::move(error);
  r.duration_ms = tenths(now_ms - rows_[row].first_ms);
  ++progress_.done;
  ++(outcome == Outcome::succeeded ? progress_.succeeded
     : outcome == Outcome::failed  ? progress_.failed
                                   : progress_.cancelled);
  settled_.push_back(row);
}

void Engine::cancel(double now_ms) {
  progress_.cancelling = true;
  if (++cancels_ > 1) {
    for (std::size_t row = 0; row < rows_.size(); ++row)
      if (rows_[row].state == State::in_flight) {
        --progress_.in_flight;
        settle(row, Outcome::cancelled, texts::abandoned(), now_ms);
      }
    return;
  }
  for (const std::size_t row : pending_) {
    rows_[row].state = State::final;
    ++progress_.done, ++progress_.cancelled;
    settled_.push_back(row);  // its report line already says "not sent"
  }
  pending_.clear();
  for (; !waiting_.empty(); waiting_.pop()) {
    const std::size_t row = waiting_.top().second;
    settle(row, Outcome::cancelled, texts::cancelled_waiting(rows_[row].last_error), now_ms);
  }
}

std::vector<std::size_t> Engine::take_settled() {
  std::vector<std::size_t> out;
  out.swap(settled_);
  return out;
}

// SplitMix64: a few lines, the same numbers natively and in wasm (the standard distributions
// are not specified to agree across libstdc++ and libc++).
double Engine::unit() {
  std::uint64_t z = (rng_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

}  // namespace userapi::batch
