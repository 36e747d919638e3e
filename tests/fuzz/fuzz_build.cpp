// Request building: body, base URL and token from one input (see split_build_input). The report
// is exactly the three checks merged; a request exists iff nothing is an error, with the URL,
// headers and body the contract gives; token messages and redacted snippets never depend on the
// token's text.
#include "fuzz_common.h"
#include "userapi/request.h"
#include "userapi/snippet.h"
#include "userapi/validate.h"

namespace userapi_fuzz {

namespace {

// The URL the contract gives: the scheme in lower case (it is case-insensitive), one trailing
// slash dropped, "/api/user" appended; nothing else changes.
std::string expected_url(std::string_view base) {
  std::string url(base);
  const auto colon = url.find("://");
  for (std::size_t i = 0; i < colon && colon != std::string::npos; ++i)
    if (url[i] >= 'A' && url[i] <= 'Z') url[i] = static_cast<char>(url[i] - 'A' + 'a');
  if (!url.empty() && url.back() == '/' && url.size() > colon + 3) url.pop_back();
  return url + "/api/user";
}

// The token with every visible character replaced by 'x' (a "Token "/"Bearer " prefix kept):
// the same class of token, so the same rules fire at the same places.
std::string masked(std::string_view token) {
  std::string out(token);
  std::size_t keep = 0;
  if (token.rfind("Token ", 0) == 0) keep = 6;
  if (token.rfind("Bearer ", 0) == 0) keep = 7;
  for (std::size_t i = keep; i < out.size(); ++i)
    if (out[i] >= 0x21 && out[i] <= 0x7E) out[i] = 'x';
  return out;
}

}  // namespace

int fuzz_build(const std::uint8_t* data, std::size_t size) {
  const BuildInput in = split_build_input(data, size);
  const userapi::BuildResult built = userapi::build_request(in.body, in.base_url, in.token);
  check_report(built.report, Inputs{in.base_url, in.body, std::nullopt, in.token});

  // base_url < body < token: the merged report is the three reports one after the other.
  const userapi::Report url_report = userapi::check_base_url(in.base_url);
  const userapi::Report body_report = userapi::validate_body(in.body);
  const userapi::Report token_report = userapi::check_token(in.token);
  userapi::Report merged = url_report;
  for (const auto* part : {&body_report, &token_report})
    merged.violations.insert(merged.violations.end(), part->violations.begin(), part->violations.end());
  merged.valid = url_report.valid && body_report.valid && token_report.valid;
  USERAPI_FUZZ_CHECK(userapi::to_json(built.report) == userapi::to_json(merged),
                     userapi::to_json(built.report));
  USERAPI_FUZZ_CHECK(built.request.has_value() == built.report.valid, "a request iff no error");

  // Secrets: what is said about a token depends only on its class, never on its text.
  const std::string other = masked(in.token);
  USERAPI_FUZZ_CHECK(userapi::to_json(userapi::check_token(other)) == userapi::to_json(token_report),
                     "token report depends on the token's text");

  const userapi::BuildResult forced = userapi::build_request_forced(in.body, in.base_url, in.token);
  USERAPI_FUZZ_CHECK(userapi::to_json(forced.report) == userapi::to_json(built.report),
                     "forced report differs");
  USERAPI_FUZZ_CHECK(forced.request.has_value() == (url_report.valid && token_report.valid),
                     "forced request");

  if (built.request) {
    const userapi::Request& r = *built.request;
    USERAPI_FUZZ_CHECK(r.method == "PUT", r.method);
    USERAPI_FUZZ_CHECK(r.url == expected_url(in.base_url), r.url);
    USERAPI_FUZZ_CHECK(r.headers.size() == 2 && r.headers[0].name == "Content-Type" &&
                           r.headers[0].value == "application/json" && r.headers[1].name == "Authorization" &&
                           r.headers[1].value == "Token " + std::string(in.token),
                       "headers");
    const userapi::BuildResult fixed = userapi::build_request(in.body, kBaseUrl, kToken);
    USERAPI_FUZZ_CHECK(fixed.request && fixed.request->body == r.body,
                       "the body depends on the base URL or token");

    // Redacted and env snippets, and the redacted request JSON, are the same for another token.
    userapi::Request other_request = r;
    other_request.headers[1].value = "Token " + other;
    const userapi::TokenMode modes[] = {{userapi::TokenMode::Kind::redact, {}},
                                        {userapi::TokenMode::Kind::env, "USERAPI_TOKEN"}};
    for (const auto& mode : modes) {
      for (const auto& l : userapi::kLanguages) {
        const userapi::Language language = *userapi::parse_language(l.name);
        USERAPI_FUZZ_CHECK(userapi::render_snippet(r, language, mode) ==
                               userapi::render_snippet(other_request, language, mode),
                           "a snippet shows the token");
      }
      USERAPI_FUZZ_CHECK(userapi::request_json(r, mode) == userapi::request_json(other_request, mode),
                         "request_json shows the token");
    }
    const std::string shown = userapi::request_json(r, {userapi::TokenMode::Kind::show, {}});
    USERAPI_FUZZ_CHECK(is_json(shown), shown);
  }
  return 0;
}

}  // namespace userapi_fuzz
