// Code snippets that send a built request with a real client: curl, fetch, Python, raw HTTP.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "userapi/request.h"

namespace userapi {

enum class Language { curl, fetch, python, http };

/// How the token appears in a snippet (or in a printed request).
struct TokenMode {
  enum class Kind { redact, env, show } kind = Kind::redact;
  /// For Kind::env: [A-Za-z_][A-Za-z0-9_]*, not a variable the shell sets itself (PWD, PATH, ...).
  std::string env_name;
};

/// "curl", "fetch", "python", "http"; nothing for any other text.
std::optional<Language> parse_language(std::string_view name);

/// "redact", "inline" or "env:NAME"; nothing for any other text (e.g. "env:1X" or "env:").
std::optional<TokenMode> parse_token_mode(std::string_view text);

/// A snippet that, run by its client, sends exactly `request`'s method, URL, headers and body.
///
/// curl: POSIX sh, every argument single-quoted, body via --data-raw, --globoff when the URL has
/// [ ] { }; a body over ~124 KiB (Linux's 128 KiB limit on one argument) is piped in by printf
/// and sent with --data-binary @-. fetch: an ES module for Node 20 or a browser. python: requests. http: the
/// HTTP/1.1 message with CRLF line ends. The env mode reads the token from the environment variable in that
/// language ($NAME, process.env.NAME, os.environ["NAME"], {{$processEnv NAME}} for .http files).
std::string render_snippet(const Request& request, Language language, const TokenMode& mode = {});

/// The request as JSON: {"method","url","headers":[[name,value],...],"body"}, token as `mode` says.
std::string request_json(const Request& request, const TokenMode& mode = {});

/// {"valid","violations","request"?}: the report, plus the request when one was built.
std::string to_json(const BuildResult& result, const TokenMode& mode = {});

}  // namespace userapi
