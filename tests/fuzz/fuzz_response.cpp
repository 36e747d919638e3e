// Response checking: status, sent body and response text from one input (see
// split_response_input). The report does not depend on the status; the sent body only adds
// response.mismatch warnings; document-level problems are those of the same text as a body.
#include "fuzz_common.h"
#include "userapi/codes.h"
#include "userapi/response.h"
#include "userapi/validate.h"

namespace userapi_fuzz {

namespace {

bool is_document_level(userapi::Code c) {
  using userapi::Code;
  return c == Code::json_too_large || c == Code::json_encoding || c == Code::json_syntax ||
         c == Code::json_depth || c == Code::json_duplicate_key;
}

// Document-level violations without their location: path, code, params, range.
std::string document_level(const userapi::Report& report) {
  std::string out;
  for (const auto& v : report.violations) {
    if (!is_document_level(v.code)) continue;
    out += v.path + "|" + std::string(userapi::code_id(v.code));
    for (const auto& p : v.params) out += "|" + p.name + "=" + p.value;
    if (v.position) out += "|" + std::to_string(v.position->offset) + "-" + std::to_string(v.position->end);
    out += "\n";
  }
  return out;
}

userapi::Report without_mismatch(userapi::Report r) {
  std::vector<userapi::Violation> kept;
  for (auto& v : r.violations)
    if (v.code != userapi::Code::response_mismatch) kept.push_back(std::move(v));
  r.violations = std::move(kept);
  return r;
}

}  // namespace

int fuzz_response(const std::uint8_t* data, std::size_t size) {
  const ResponseInput in = split_response_input(data, size);
  const userapi::ResponseCheck check = userapi::check_response(in.status, in.text, in.sent_body);
  check_report(check.report, Inputs{std::nullopt, std::nullopt, in.text, std::nullopt});
  check_document(check.report, in.text, userapi::Location::response);
  const std::string json = userapi::to_json(check);
  USERAPI_FUZZ_CHECK(is_json(json), json.substr(0, 2000));
  if (check.server_violations_json)
    USERAPI_FUZZ_CHECK(is_json(*check.server_violations_json), *check.server_violations_json);
  if (check.outcome == userapi::Outcome::success)
    USERAPI_FUZZ_CHECK(in.status >= 200 && in.status <= 299, "success outside 2xx");
  USERAPI_FUZZ_CHECK(userapi::to_json(userapi::check_response(in.status, in.text, in.sent_body)) == json,
                     "check_response is not deterministic");

  // The status decides the outcome only.
  const int other_status = in.status >= 200 && in.status <= 299 ? 500 : 200;
  const userapi::ResponseCheck other = userapi::check_response(other_status, in.text, in.sent_body);
  USERAPI_FUZZ_CHECK(userapi::to_json(other.report) == userapi::to_json(check.report),
                     "the report depends on the status");
  USERAPI_FUZZ_CHECK(other.server_message == check.server_message &&
                         other.server_violations_json == check.server_violations_json,
                     "the server's explanation depends on the status");
  if (other.outcome == userapi::Outcome::success)
    USERAPI_FUZZ_CHECK(other_status == 200, "success outside 2xx");

  // Without the sent body: the same report minus response.mismatch.
  const userapi::ResponseCheck unsent = userapi::check_response(in.status, in.text, std::nullopt);
  for (const auto& v : unsent.report.violations)
    USERAPI_FUZZ_CHECK(v.code != userapi::Code::response_mismatch, "response.mismatch without a sent body");
  USERAPI_FUZZ_CHECK(userapi::to_json(unsent.report) == userapi::to_json(without_mismatch(check.report)),
                     "the sent body changes more than response.mismatch");
  USERAPI_FUZZ_CHECK(unsent.outcome == check.outcome, "the sent body changes the outcome");

  // The text goes through the same document-level checks as a body.
  USERAPI_FUZZ_CHECK(
      document_level(check.report) == document_level(userapi::validate_body(in.text)),
      document_level(check.report) + "-- as a body --\n" + document_level(userapi::validate_body(in.text)));
  return 0;
}

}  // namespace userapi_fuzz
