#include "batch_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <memory>
#include <queue>
#include <random>
#include <string>
#include <utility>

#include "http_client.h"
#include "safe_text.h"
#include "userapi/response.h"

volatile std::sig_atomic_t cli::g_cancel_signal = 0;
volatile std::sig_atomic_t cli::g_cancel_count = 0;

namespace cli {
namespace {

using Clock = std::chrono::steady_clock;
using userapi::batch::Outcome;
using userapi::batch::RowResult;

extern "C" void on_cancel_signal(int signal_number) {
  if (g_cancel_signal == 0) g_cancel_signal = signal_number;
  g_cancel_count = g_cancel_count + 1;
}

// SIGINT and SIGTERM cancel the batch while it runs; the previous handlers come back after.
class CancelSignals {
 public:
  CancelSignals() {
    g_cancel_signal = 0;
    g_cancel_count = 0;
    struct sigaction action {};
    action.sa_handler = on_cancel_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~CancelSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  CancelSignals(const CancelSignals&) = delete;
  CancelSignals& operator=(const CancelSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

double ms_between(Clock::time_point from, Clock::time_point to) {
  const double ms = std::chrono::duration<double, std::milli>(to - from).count();
  return std::round(ms * 10) / 10;
}

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A failed attempt in a few words, for the report's error: "HTTP 503", "network: ...".
std::string describe(const HttpExchange& ex) {
  if (ex.failure == HttpExchange::Failure::timeout) return "timeout: " + safe_text(ex.error);
  if (ex.failure == HttpExchange::Failure::network) return "network: " + safe_text(ex.error);
  return "HTTP " + std::to_string(ex.status);
}

// One easy handle, reused for the rows it sends one after another.
struct Slot {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> easy{curl_easy_init(), curl_easy_cleanup};
  Transfer transfer;
  std::size_t job = 0;
  bool busy = false;
};

class Sender {
 public:
  Sender(std::vector<SendJob>& jobs, const SenderOptions& options,
         const std::function<void(const SendProgress&)>& on_progress)
      : jobs_(jobs),
        options_(options),
        on_progress_(on_progress),
        slots_(static_cast<std::size_t>(std::max(1, options.concurrency))),
        first_(jobs.size()),
        last_error_(jobs.size()),
        rng_(std::random_device{}()) {
    for (std::size_t i = 0; i < jobs.size(); ++i) pending_.push_back(i);
    progress_.total = jobs.size();
  }
  ~Sender() {
    for (Slot& s : slots_)
      if (s.busy) curl_multi_remove_handle(multi_.get(), s.easy.get());
  }
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  SendSummary run();

 private:
  void fill(Clock::time_point now);
  void start(std::size_t job, Slot& slot, Clock::time_point now);
  void drain();
  void finish(Slot& slot, CURLcode result);
  void settle(std::size_t job, const HttpExchange& ex, Clock::time_point now);
  void abandon_in_flight();
  void cancel_rest();
  int wait_ms(Clock::time_point now) const;
  Slot* free_slot();

  std::vector<SendJob>& jobs_;
  const SenderOptions& options_;
  const std::function<void(const SendProgress&)>& on_progress_;
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi_{curl_multi_init(), curl_multi_cleanup};
  std::vector<Slot> slots_;
  std::deque<std::size_t> pending_;  // never sent, in row order
  using Due = std::pair<Clock::time_point, std::size_t>;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> waiting_;  // retries by due time
  Clock::time_point hold_until_{};                                      // after a 429: nothing is sent before
  std::vector<Clock::time_point> first_;
  std::vector<std::string> last_error_;
  SendProgress progress_;
  bool reached_ = false;
  std::mt19937_64 rng_;
};

Slot* Sender::free_slot() {
  for (Slot& s : slots_)
    if (!s.busy) return &s;
  return nullptr;
}

// Starts what may start: due retries first, then new rows, while a handle is free and no 429
// holds the batch back.
void Sender::fill(Clock::time_point now) {
  while (now >= hold_until_) {
    Slot* slot = free_slot();
    if (!slot) return;
    if (!waiting_.empty() && waiting_.top().first <= now) {
      const std::size_t job = waiting_.top().second;
      waiting_.pop();
      ++progress_.retries;
      start(job, *slot, now);
    } else if (!pending_.empty()) {
      const std::size_t job = pending_.front();
      pending_.pop_front();
      first_[job] = now;
      start(job, *slot, now);
    } else {
      return;
    }
  }
}

void Sender::start(std::size_t job, Slot& slot, Clock::time_point /*now*/) {
  CURL* easy = slot.easy.get();
  curl_easy_reset(easy);
  prepare(easy, jobs_[job].request, options_.timeout_ms, slot.transfer);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &slot);
  slot.job = job;
  slot.busy = true;
  ++jobs_[job].result->attempts;
  ++progress_.in_flight;
  curl_multi_add_handle(multi_.get(), easy);
}

void Sender::drain() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Slot* slot = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &slot);
    const CURLcode result = msg->data.result;  // msg is invalid once the handle is removed
    if (slot) finish(*slot, result);
  }
}

void Sender::finish(Slot& slot, CURLcode result) {
  curl_multi_remove_handle(multi_.get(), slot.easy.get());
  slot.busy = false;
  --progress_.in_flight;
  const HttpExchange ex = exchange_of(slot.easy.get(), result, options_.timeout_ms, slot.transfer);
  const std::size_t job = slot.job;
  RowResult& r = *jobs_[job].result;
  const int status = ex.failure == HttpExchange::Failure::none ? ex.status : 0;
  if (status != 0) {
    reached_ = true;
    r.status = status;
  }
  const Clock::time_point now = Clock::now();
  const double unit = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  const auto delay =
      userapi::batch::retry_delay_ms(options_.retry, r.attempts, status, ex.retry_after, unit, unix_ms());
  if (!delay) return settle(job, ex, now);
  const Clock::time_point due = now + std::chrono::milliseconds(*delay);
  waiting_.emplace(due, job);
  last_error_[job] = describe(ex);
  if (status == 429) hold_until_ = std::max(hold_until_, due);
}

// The row's final outcome: a valid, successful answer succeeded; anything else failed.
void Sender::settle(std::size_t job, const HttpExchange& ex, Clock::time_point now) {
  RowResult& r = *jobs_[job].result;
  r.duration_ms = ms_between(first_[job], now);
  if (ex.failure != HttpExchange::Failure::none) {
    r.outcome = Outcome::failed;
    r.check.clear();
    r.error = describe(ex) + (r.attempts > 1 ? " (after " + std::to_string(r.attempts) + " attempts)" : "");
    ++progress_.failed;
    ++progress_.done;
    return;
  }
  const userapi::ResponseCheck check = userapi::check_response(ex.status, ex.body, jobs_[job].request.body);
  const auto first_error = std::find_if(check.report.violations.begin(), check.report.violations.end(),
                                        [](const auto& v) { return v.severity == userapi::Severity::error; });
  r.check = first_error == check.report.violations.end() ? "valid"
                                                         : std::string(userapi::code_id(first_error->code));
  const bool ok = check.succeeded();
  r.outcome = ok ? Outcome::succeeded : Outcome::failed;
  r.error.clear();
  if (!ok) {
    r.error = "HTTP " + std::to_string(ex.status);
    if (check.server_message) r.error += ": " + safe_text(*check.server_message);  // stored as shown
    if (!check.report.valid) r.error += " (the response breaks the contract: " + r.check + ")";
  }
  ++(ok ? progress_.succeeded : progress_.failed);
  ++progress_.done;
}

// A second signal: the requests in flight are dropped; the server may have applied them.
void Sender::abandon_in_flight() {
  const Clock::time_point now = Clock::now();
  for (Slot& s : slots_) {
    if (!s.busy) continue;
    curl_multi_remove_handle(multi_.get(), s.easy.get());
    s.busy = false;
    --progress_.in_flight;
    RowResult& r = *jobs_[s.job].result;
    r.outcome = Outcome::cancelled;
    r.duration_ms = ms_between(first_[s.job], now);
    r.error = "abandoned in flight by a second signal: the server may have applied it";
  }
}

void Sender::cancel_rest() {
  const Clock::time_point now = Clock::now();
  for (const std::size_t job : pending_) {
    jobs_[job].result->outcome = Outcome::cancelled;
    jobs_[job].result->error = "not sent: the batch was cancelled";
  }
  pending_.clear();
  for (; !waiting_.empty(); waiting_.pop()) {
    const std::size_t job = waiting_.top().second;
    RowResult& r = *jobs_[job].result;
    r.outcome = Outcome::cancelled;
    r.duration_ms = ms_between(first_[job], now);
    r.error = "cancelled while waiting to retry: " + last_error_[job];
  }
}

// How long to wait for sockets: until the next retry or the end of a 429 hold when a handle is
// free, at most 100 ms (progress and signals are looked at in between).
int Sender::wait_ms(Clock::time_point now) const {
  constexpr int kMax = 100;
  if (g_cancel_count > 0 || progress_.in_flight >= slots_.size()) return kMax;
  Clock::time_point next = Clock::time_point::max();
  if (!pending_.empty()) next = now;
  if (!waiting_.empty()) next = std::min(next, waiting_.top().first);
  if (next == Clock::time_point::max()) return kMax;
  next = std::max(next, hold_until_);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count();
  return static_cast<int>(std::clamp<long long>(ms + 1, 0, kMax));
}

SendSummary Sender::run() {
  const CancelSignals signals;
  while (true) {
    const bool cancelled = g_cancel_count > 0;
    if (g_cancel_count > 1) abandon_in_flight();
    if (!cancelled) fill(Clock::now());
    if (progress_.in_flight == 0 && (cancelled || (pending_.empty() && waiting_.empty()))) break;
    curl_multi_poll(multi_.get(), nullptr, 0, wait_ms(Clock::now()), nullptr);
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    drain();
    progress_.cancelling = g_cancel_count > 0;
    on_progress_(progress_);
  }
  cancel_rest();
  on_progress_(progress_);
  return SendSummary{reached_, static_cast<int>(g_cancel_signal)};
}

}  // namespace

SendSummary send_rows(std::vector<SendJob>& jobs, const SenderOptions& options,
                      const std::function<void(const SendProgress&)>& on_progress) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  Sender sender(jobs, options, on_progress);
  return sender.run();
}

}  // namespace cli
