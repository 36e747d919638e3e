// Sends the valid rows of a batch with libcurl's multi interface: at most `concurrency` requests
// at once, each on an easy handle of its own; 429, 5xx and network errors retried with the core's
// batch::retry_delay_ms; a cancel stops new sends and lets the requests in flight finish.
#pragma once

#include <csignal>
#include <cstddef>
#include <functional>
#include <vector>

#include "userapi/batch.h"
#include "userapi/request.h"

namespace cli {

/// One row to send: the built request and the report line it fills in.
struct SendJob {
  userapi::Request request;
  userapi::batch::RowResult* result = nullptr;
};

struct SenderOptions {
  int concurrency = 4;
  long timeout_ms = 30000;
  userapi::batch::RetryPolicy retry;
};

/// What the progress display shows.
struct SendProgress {
  std::size_t total = 0;  ///< rows to send
  std::size_t done = 0;   ///< rows with a final outcome
  std::size_t succeeded = 0, failed = 0, retries = 0, in_flight = 0;
  bool cancelling = false;
};

/// How the run ended.
struct SendSummary {
  bool reached = false;   ///< some request got an HTTP answer (false: the base could not be reached)
  int cancel_signal = 0;  ///< the signal that cancelled the batch, 0 when none
};

/// Set by the SIGINT/SIGTERM handler that `send_rows` installs while it runs: the signal number
/// of the first, and how many came. A second signal abandons the requests in flight.
extern volatile std::sig_atomic_t g_cancel_signal;
extern volatile std::sig_atomic_t g_cancel_count;

/// Sends `jobs` in order; each job's result gets its outcome, status, attempts, duration, check
/// and error. Rows not finished when the batch is cancelled become `cancelled`. `on_progress` is
/// called after every change and at least every 100 ms.
SendSummary send_rows(std::vector<SendJob>& jobs, const SenderOptions& options,
                      const std::function<void(const SendProgress&)>& on_progress);

}  // namespace cli
