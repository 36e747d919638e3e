// Drives the core's batch engine (userapi/batch_engine.h) with libcurl's multi interface: the
// engine says which row to send and how long to wait; this file sends, waits, and tells the
// engine what came back. SIGINT/SIGTERM cancel the batch (a second one abandons the rows in
// flight). Every rule (retries, the 429 hold, cancelling, the texts) is the engine's.
#pragma once

#include <csignal>
#include <functional>

#include "userapi/batch_engine.h"

namespace cli {

using SendProgress = userapi::batch::Progress;

/// Set by the SIGINT/SIGTERM handler that `send_rows` installs while it runs: the signal number
/// of the first, and how many came.
extern volatile std::sig_atomic_t g_cancel_signal;
extern volatile std::sig_atomic_t g_cancel_count;

/// Sends the engine's rows until it is done, each attempt limited to its timeout_ms.
/// `on_progress` is called after every change and at least every 100 ms. Returns the signal that
/// cancelled the batch, 0 when none.
int send_rows(userapi::batch::Engine& engine, const std::function<void(const SendProgress&)>& on_progress);

}  // namespace cli
