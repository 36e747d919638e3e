// userapi send --batch FILE [--batch-format csv|ndjson] [--concurrency N] [--retries N]
//                          [--report PATH] [--resume REPORT]
// (with send's --base-url, --token/--token-env and --timeout): many bodies from one file, every
// row checked by the core before anything is sent, sent with libcurl's multi interface.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "options.h"
#include "userapi/batch.h"

namespace cli {

struct BatchOptions {
  std::string file;
  std::string format;  ///< csv, ndjson, or "" (from the file name)
  int concurrency = userapi::contract::kDefaultConcurrency;
  int retries = userapi::batch::RetryPolicy{}.max_attempts - 1;  ///< retries after the first attempt
  std::vector<std::string> reports;  ///< --report PATH, repeatable (one .json, one .csv)
  std::string resume;
};

/// Adds --batch and its options to `send`; `single` are the options of one body (FILE,
/// --format), which --batch excludes.
void add_batch_options(CLI::App& send, BatchOptions& options, const std::vector<CLI::Option*>& single);

/// Runs the batch; returns the exit status (0 every row succeeded or was skipped, 1 a row invalid
/// or failed, 2 usage or I/O error, 3 the base could not be reached, 128 + N cancelled by signal N).
int run_batch(const CLI::App& send, const BatchOptions& options, const std::string& base_url,
              const TokenOptions& token, long timeout_ms);

}  // namespace cli
