#include "batch_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <vector>

#include "http_client.h"

volatile std::sig_atomic_t cli::g_cancel_signal = 0;
volatile std::sig_atomic_t cli::g_cancel_count = 0;

namespace cli {
namespace {

using userapi::batch::Action;
using userapi::batch::Engine;
using userapi::batch::TransportError;

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

// The engine's clock: Unix milliseconds with fractions.
double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(system_clock::now().time_since_epoch()).count();
}

// libcurl's error in the engine's terms.
TransportError transport_error(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT: return TransportError::refused;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE: return TransportError::reset;
    case CURLE_OPERATION_TIMEDOUT: return TransportError::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportError::unresolved;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE: return TransportError::tls;
    case CURLE_WRITE_ERROR: return TransportError::too_large;  // http_client's size limit
    default: return TransportError::other;
  }
}

// One easy handle, reused for the rows it sends one after another.
struct Slot {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> easy{curl_easy_init(), curl_easy_cleanup};
  Transfer transfer;
  std::size_t row = 0;
  bool busy = false;
};

class Driver {
 public:
  explicit Driver(Engine& engine)
      : engine_(engine), slots_(static_cast<std::size_t>(engine.options().concurrency)) {}
  ~Driver() { drop_all(); }
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  int run(const std::function<void(const SendProgress&)>& on_progress);

 private:
  double start_due(double now);
  void start(std::size_t row);
  void drain();
  void drop_all();

  Engine& engine_;
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi_{curl_multi_init(), curl_multi_cleanup};
  std::vector<Slot> slots_;
};

// Starts every row the engine says may go now; returns when the engine next wants a call (Unix ms,
// infinity for "after the next event"), or -1 when the batch is done.
double Driver::start_due(double now) {
  for (Action a = engine_.next(now);; a = engine_.next(now)) {
    if (a.kind == Action::Kind::done) return -1;
    if (a.kind == Action::Kind::wait) return a.until_ms;
    start(a.row);
  }
}

void Driver::start(std::size_t row) {
  Slot& slot = *std::find_if(slots_.begin(), slots_.end(), [](const Slot& s) { return !s.busy; });
  CURL* easy = slot.easy.get();
  curl_easy_reset(easy);
  prepare(easy, engine_.request(row), static_cast<long>(engine_.options().timeout_ms), slot.transfer);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &slot);
  slot.row = row;
  slot.busy = true;
  curl_multi_add_handle(multi_.get(), easy);
}

// Tells the engine about every transfer that ended.
void Driver::drain() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Slot* slot = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &slot);
    const CURLcode result = msg->data.result;  // msg is invalid once the handle is removed
    if (!slot) continue;
    curl_multi_remove_handle(multi_.get(), slot->easy.get());
    slot->busy = false;
    const long timeout = static_cast<long>(engine_.options().timeout_ms);
    const HttpExchange ex = exchange_of(slot->easy.get(), result, timeout, slot->transfer);
    if (result == CURLE_OK)
      engine_.received(slot->row, ex.status, ex.retry_after, ex.body, now_ms());
    else
      engine_.failed(slot->row, transport_error(result), now_ms());
  }
}

void Driver::drop_all() {
  for (Slot& s : slots_)
    if (s.busy) curl_multi_remove_handle(multi_.get(), s.easy.get()), s.busy = false;
}

int Driver::run(const std::function<void(const SendProgress&)>& on_progress) {
  constexpr double kMaxWaitMs = 100;  // progress and signals are looked at in between
  const CancelSignals signals;
  int cancels = 0;
  while (true) {
    for (; cancels < g_cancel_count; ++cancels) engine_.cancel(now_ms());
    if (cancels > 1) drop_all();  // the engine abandoned them
    const double now = now_ms(), until = start_due(now);
    if (until < 0) break;
    const double wait = std::clamp(std::ceil(until - now), 0.0, kMaxWaitMs);
    curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(wait), nullptr);
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    drain();
    on_progress(engine_.progress());
  }
  on_progress(engine_.progress());
  return static_cast<int>(g_cancel_signal);
}

}  // namespace

int send_rows(Engine& engine, const std::function<void(const SendProgress&)>& on_progress) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  Driver driver(engine);
  return driver.run(on_progress);
}

}  // namespace cli
