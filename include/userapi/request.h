// Building the Update User HTTP request: PUT {base}/api/user with the exact body.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/contract.h"
#include "userapi/violation.h"

namespace userapi {

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

/// How the token appears in a printed request or a snippet.
struct TokenMode {
  /// redact: contract::kRedactedToken; env: read from an environment variable; show: the token.
  enum class Kind { redact, env, show } kind = Kind::redact;
  /// For Kind::env: [A-Za-z_][A-Za-z0-9_]*, not a variable the shell sets itself (PWD, PATH, ...).
  std::string env_name;
};

/// "redact", "inline" or "env:NAME"; nothing for any other text (e.g. "env:1X", "env:PWD", "env:").
std::optional<TokenMode> parse_token_mode(std::string_view text);

/// The request as JSON: {"method","url","headers":[[name,value],...],"body"}, token as `mode` says.
std::string request_json(const Request& request, const TokenMode& mode = {});

/// {"valid","violations","request"?}: the report, plus the request when one was built.
std::string to_json(const BuildResult& result, const TokenMode& mode = {});

}  // namespace userapi
