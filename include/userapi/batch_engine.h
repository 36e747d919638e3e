// The batch engine: every decision of sending a batch, with no I/O and no clock (the design of
// h11 and hyper's state machines). A driver (the CLI with libcurl, the module with fetch) feeds it
// the time and what happened, and asks what to do next:
//
//   Engine engine(rows, {base_url, token}, options, now_ms());
//   for (Action a = engine.next(now_ms()); a.kind != Action::Kind::done; a = engine.next(now_ms()))
//     if (a.kind == Action::Kind::send) start(a.row, engine.request(a.row));   // then, later:
//     else wait_for_an_event_or(a.until_ms);  // engine.received(...) / engine.failed(...) / cancel
//
// The engine decides which row goes next (at most `concurrency` in flight), how an answer or a
// transport error settles a row (ResponseCheck::succeeded()), whether and when it is retried
// (retry_delay_ms; a 429 holds the whole batch), what cancelling means, every text of the report,
// and the report itself. docs/batch.md describes the states.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "userapi/batch.h"
#include "userapi/contract.h"
#include "userapi/request.h"

namespace userapi::batch {

/// Why an attempt got no HTTP answer. Drivers map their client's errors onto these; the engine
/// words them, so every runtime reports the same text.
enum class TransportError : std::uint8_t {
  refused,     ///< nothing listens there (connection refused)
  reset,       ///< the connection broke (reset or closed) before a whole answer came
  timeout,     ///< no whole answer within the timeout
  unresolved,  ///< the host name did not resolve
  tls,         ///< the TLS handshake or the certificate check failed
  too_large,   ///< the answer is larger than the driver takes
  other,       ///< anything else (a browser says no more than "failed to fetch")
};
std::string_view to_string(TransportError error);
/// "refused", "reset", ... as to_string writes them; nothing for another text.
std::optional<TransportError> parse_transport_error(std::string_view text);

/// A row for the engine: the parsed row's identity and body, and whether it is sent at all.
struct EngineRow {
  std::uint32_t row = 0, line = 0;
  std::string user_group_id, digest, body;
  std::string problem;  ///< why the core refused the row (first_problem); "" for a valid row
  bool done = false;    ///< done in the report resumed from: skipped, not sent
};

/// `batch`'s rows for the engine; `done` as done_in() gives it (empty: nothing resumed).
std::vector<EngineRow> engine_rows(const Batch& batch, const std::vector<bool>& done);

/// Where the rows go.
struct Target {
  std::string base_url{contract::kDefaultBaseUrl};
  std::string token;
};

struct EngineOptions {
  int concurrency = contract::kDefaultConcurrency;      ///< clamped to 1..contract::kMaxConcurrency
  std::uint32_t timeout_ms = contract::kSendTimeoutMs;  ///< the driver's per-attempt timeout (for its text)
  RetryPolicy retry;
  std::uint64_t seed = 0;  ///< the jitter's random sequence: the same seed, the same delays
};

/// What the driver does next.
struct Action {
  enum class Kind : std::uint8_t {
    send,  ///< send request(row) now, then report its end with received() or failed()
    wait,  ///< nothing to start before until_ms (infinity: before the next event); call next() then
    done,  ///< every row has its outcome: report() is final
  };
  Kind kind = Kind::done;
  std::size_t row = 0;                                        ///< send: the row's index
  double until_ms = std::numeric_limits<double>::infinity();  ///< wait
};

/// Counts for a progress display.
struct Progress {
  std::size_t total = 0;  ///< rows to send (valid, not skipped)
  std::size_t done = 0;   ///< of those, rows with a final outcome
  std::size_t succeeded = 0, failed = 0, cancelled = 0, retries = 0, in_flight = 0;
  bool cancelling = false;
};

/// One batch being sent. Times are milliseconds since the Unix epoch (fractions allowed), read by
/// the driver: the engine compares them, subtracts them, and reads Retry-After dates against them.
class Engine {
 public:
  /// Builds each valid row's request for `target` (a row that does not build is invalid, with the
  /// builder's first problem); a row with `done` is skipped.
  Engine(std::vector<EngineRow> rows, const Target& target, const EngineOptions& options, double now_ms);

  /// What to do now. Call it after every event and whenever a wait ends; `send` rows count as in
  /// flight from then on.
  Action next(double now_ms);
  /// The request of row `row` (valid after next() said send).
  const Request& request(std::size_t row) const { return rows_[row].request; }

  /// An HTTP answer to row `row`'s attempt in flight; `retry_after` is its Retry-After ("" when
  /// none). Ignored for a row not in flight (abandoned).
  void received(std::size_t row, int status, std::string_view retry_after, std::string_view body,
                double now_ms);
  /// No answer to row `row`'s attempt in flight. Ignored for a row not in flight.
  void failed(std::size_t row, TransportError error, double now_ms);
  /// The first cancel: nothing more is sent; rows not sent yet and rows waiting to retry are
  /// cancelled now; rows in flight finish. A second cancel abandons them too (they are cancelled;
  /// the driver drops its requests, which the server may have applied).
  void cancel(double now_ms);

  const Progress& progress() const { return progress_; }
  /// Indices of the rows that got their final outcome since the last call, in that order.
  std::vector<std::size_t> take_settled();
  /// Whether any attempt got an HTTP answer (false: the base URL could not be reached).
  bool reached() const { return reached_; }
  const EngineOptions& options() const { return options_; }
  /// Every row in row order; `started` is the construction's time, `finished` set when next()
  /// first says done. `file` is the driver's to fill in.
  BatchReport& report() { return report_; }
  const BatchReport& report() const { return report_; }

 private:
  enum class State : std::uint8_t { final, pending, in_flight, waiting };
  struct Slot {
    State state = State::final;
    Request request;
    double first_ms = 0;
    std::string last_error;
  };
  using Due = std::pair<double, std::size_t>;

  Action start(std::size_t row);
  std::optional<std::size_t> startable(double now_ms);
  void settle(std::size_t row, Outcome outcome, std::string error, double now_ms);
  void retry_or_settle(std::size_t row, int status, std::string_view retry_after, std::string error,
                       double now_ms);
  double unit();

  EngineOptions options_;
  BatchReport report_;
  std::vector<Slot> rows_;
  std::deque<std::size_t> pending_;                                     // never sent, in row order
  std::priority_queue<Due, std::vector<Due>, std::greater<>> waiting_;  // retries by due time
  double hold_until_ = 0;  // after a 429 nothing is sent before this
  int cancels_ = 0;
  bool reached_ = false, finished_ = false;
  std::uint64_t rng_;
  Progress progress_;
  std::vector<std::size_t> settled_;
};

/// An ISO 8601 UTC time with milliseconds, "2026-12-02T18:19:17.123Z", for Unix milliseconds.
std::string iso_utc(double unix_ms);

}  // namespace userapi::batch
