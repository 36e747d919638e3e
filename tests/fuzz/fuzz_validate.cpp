// Body validation: any bytes. A body reported valid builds a request whose body re-validates
// with the same violations (up to positions), carries the same members, and is a fixed point
// of the rewrite: build(build(x).body).body == build(x).body.
#include "fuzz_common.h"
#include "userapi/request.h"
#include "userapi/validate.h"

namespace userapi_fuzz {

namespace {

bool same_members(const userapi::BodyMembers& a, const userapi::BodyMembers& b) {
  return a.user_group_id == b.user_group_id && a.name == b.name && a.mapping_json == b.mapping_json &&
         a.properties_json == b.properties_json;
}

}  // namespace

int fuzz_validate(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const userapi::Report report = userapi::validate_body(text);
  check_report(report, Inputs{std::nullopt, text, std::nullopt, std::nullopt});
  check_document(report, text, userapi::Location::body);
  const std::string json = userapi::to_json(report);
  USERAPI_FUZZ_CHECK(userapi::to_json(userapi::validate_body(text)) == json,
                     "validate_body is not deterministic");

  const userapi::ParsedBody parsed = userapi::parse_body(text);
  USERAPI_FUZZ_CHECK(userapi::to_json(parsed.report) == json, "parse_body reports differently");
  USERAPI_FUZZ_CHECK(parsed.members.has_value() == report.valid, "parse_body members iff valid");

  // With a valid base URL and token the build report is the body report.
  const userapi::BuildResult built = userapi::build_request(text, kBaseUrl, kToken);
  USERAPI_FUZZ_CHECK(userapi::to_json(built.report) == json, userapi::to_json(built.report));
  USERAPI_FUZZ_CHECK(built.request.has_value() == report.valid, "a request iff the body is valid");

  const userapi::BuildResult forced = userapi::build_request_forced(text, kBaseUrl, kToken);
  USERAPI_FUZZ_CHECK(userapi::to_json(forced.report) == json, "forced build reports differently");
  USERAPI_FUZZ_CHECK(forced.request.has_value(), "forced build sends whatever the body");

  if (report.valid) {
    const std::string& once = built.request->body;
    USERAPI_FUZZ_CHECK(forced.request->body == once, "forced and normal build differ for a valid body");
    const userapi::Report again = userapi::validate_body(once);
    USERAPI_FUZZ_CHECK(again.valid, once);
    check_report(again, Inputs{std::nullopt, once, std::nullopt, std::nullopt});
    USERAPI_FUZZ_CHECK(without_positions(again) == without_positions(report),
                       without_positions(report) + "-- after the rewrite --\n" + without_positions(again));
    const userapi::ParsedBody reparsed = userapi::parse_body(once);
    USERAPI_FUZZ_CHECK(reparsed.members && same_members(*reparsed.members, *parsed.members), once);
    const userapi::BuildResult twice = userapi::build_request(once, kBaseUrl, kToken);
    USERAPI_FUZZ_CHECK(twice.request && twice.request->body == once,
                       "the rewrite is not a fixed point: " + once);
  } else if (forced.request->body != text) {
    // "Send anyway" compacts a body that is JSON: the same violations, up to positions.
    const std::string& compact = forced.request->body;
    const userapi::Report again = userapi::validate_body(compact);
    check_report(again, Inputs{std::nullopt, compact, std::nullopt, std::nullopt});
    USERAPI_FUZZ_CHECK(without_positions(again) == without_positions(report),
                       without_positions(report) + "-- after compaction --\n" + without_positions(again));
  }
  return 0;
}

}  // namespace userapi_fuzz
