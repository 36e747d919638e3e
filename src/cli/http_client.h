// Sends one built request over HTTP(S) with libcurl, for `userapi send`.
#pragma once

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
  double duration_ms = 0;  ///< the whole exchange, connecting included
};

/// Sends `request` exactly: its method, URL, headers in order and body (libcurl adds only Host and
/// Content-Length). No redirects are followed (they would carry the token elsewhere); only http
/// and https. A response larger than 16 MiB is a network failure. Gives up after `timeout_ms`.
HttpExchange send_http(const userapi::Request& request, long timeout_ms);

}  // namespace cli
