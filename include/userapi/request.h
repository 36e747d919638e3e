// Building the Update User HTTP request: PUT {base}/api/user with the exact body.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/violation.h"

namespace userapi {

/// The production API, used when no base URL is given.
inline constexpr std::string_view kDefaultBaseUrl = "https://api.mintlify.com";
inline constexpr std::size_t kMaxTokenLength = 4096;

struct Header {
  std::string name;
  std::string value;
};

/// A request ready to send. `headers` are in sending order; `body` is the exact bytes.
struct Request {
  std::string method;
  std::string url;
  std::vector<Header> headers;
  std::string body;
};

struct BuildResult {
  Report report;                   ///< violations of the body, base_url and token together
  std::optional<Request> request;  ///< present only when no violation is an error
};

/// Checks the body, the base URL and the token, and builds the request when none has an error.
///
/// The body is re-written compactly: no insignificant white space, members in input order,
/// strings escaped minimally, numbers spelled exactly as in the input. A base URL keeps its path
/// prefix and loses one trailing slash. Never throws.
///
///   build_request(R"({"user_group_id": "a", "name": "b"})", "https://h/v2/", "t0k")
///   -> PUT https://h/v2/api/user, body {"user_group_id":"a","name":"b"},
///      headers Content-Type: application/json, Authorization: Token t0k
///   build_request(body, "ftp://h", "t") -> no request; base_url.format at ""
BuildResult build_request(std::string_view body, std::string_view base_url, std::string_view token);

/// As build_request, but a body with errors is still sent ("send anyway", to see how a server
/// handles it) as long as the base URL and the token have none: compacted when it is JSON, else
/// as given. The report is the same and stays invalid.
BuildResult build_request_forced(std::string_view body, std::string_view base_url, std::string_view token);

/// Just the base URL rules: base_url.format, base_url.insecure (location base_url).
Report check_base_url(std::string_view base_url);

/// Just the token rules: required, token.format (location token). Never echoes the token.
Report check_token(std::string_view token);

}  // namespace userapi
