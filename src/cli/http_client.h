// Sends built requests over HTTP(S) with libcurl: one at a time for `userapi send`, or many on a
// multi handle for `userapi send --batch` (batch_sender.cpp), with the same easy-handle setup.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>

#include "userapi/request.h"

namespace cli {

struct HttpExchange {
  enum class Failure { none, network, timeout };
  Failure failure = Failure::none;
  std::string error;  ///< what went wrong when failure != none; never holds a header, so never the token
  int status = 0;
  std::string body;
  std::string retry_after;  ///< the response's Retry-After header, "" when none
  double duration_ms = 0;   ///< the whole exchange, connecting included
};

/// What an easy handle needs while its transfer runs: the header list and the response so far.
struct Transfer {
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers{nullptr, curl_slist_free_all};
  std::string body;
  char error[CURL_ERROR_SIZE] = "";
};

/// Sets `curl` up to send `request` exactly: its method, URL, headers in order and body (libcurl
/// adds only Host and Content-Length). No redirects are followed (they would carry the token
/// elsewhere); only http and https. A response larger than 16 MiB is a network failure. Gives
/// up after `timeout_ms`. `request` and `transfer` must outlive the transfer.
void prepare(CURL* curl, const userapi::Request& request, long timeout_ms, Transfer& transfer);

/// The exchange once the transfer of `curl` ended with `result`.
HttpExchange exchange_of(CURL* curl, CURLcode result, long timeout_ms, Transfer& transfer);

/// Sends one request (prepare, curl_easy_perform, exchange_of).
HttpExchange send_http(const userapi::Request& request, long timeout_ms);

}  // namespace cli
