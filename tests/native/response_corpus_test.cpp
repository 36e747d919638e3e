// Runs every case of tests/vectors/response through check_response and compares the whole result:
// verdict, outcome, violations and what is passed through from the server.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "userapi/response.h"
#include "vectors.h"

namespace {

struct Result {
  bool valid = false;
  std::string outcome;
  std::vector<std::string> violations;
  std::optional<std::string> server_message, server_violations;

  bool operator==(const Result& o) const {
    return valid == o.valid && outcome == o.outcome && violations == o.violations &&
           server_message == o.server_message && server_violations == o.server_violations;
  }
};

void PrintTo(const Result& o, std::ostream* out) {
  *out << "\n  valid: " << (o.valid ? "true" : "false") << "\n  outcome: " << o.outcome << "\n  violations:";
  for (const auto& v : o.violations) *out << "\n    " << v;
  *out << "\n  server message: " << (o.server_message ? testing::PrintToString(*o.server_message) : "(none)");
  *out << "\n  server violations: " << (o.server_violations ? *o.server_violations : "(none)");
}

class ResponseCorpus : public testing::TestWithParam<vectors::ResponseCase> {};

TEST_P(ResponseCorpus, MatchesExpectedCheck) {
  const auto& c = GetParam();
  ASSERT_NE(c.name, "unreadable corpus file") << c.file;
  const userapi::ResponseCheck check =
      c.sent_body ? userapi::check_response(c.status, c.text, std::string_view(*c.sent_body))
                  : userapi::check_response(c.status, c.text);

  Result expected, actual;
  expected.valid = c.valid;
  expected.outcome = c.outcome;
  expected.server_message = c.server_message;
  expected.server_violations = c.server_violations;
  actual.valid = check.report.valid;
  actual.outcome = check.outcome == userapi::Outcome::success ? "success" : "failure";
  actual.server_message = check.server_message;
  actual.server_violations = check.server_violations_json;
  std::tie(expected.violations, actual.violations) =
      vectors::describe_all(c.violations, check.report.violations);
  EXPECT_EQ(expected, actual) << c.file << ": " << c.name;
  // The one verdict: valid and a success, nothing else (docs/contract.md, "Verdict").
  EXPECT_EQ(check.succeeded(), c.valid && c.outcome == "success") << c.file << ": " << c.name;
}

std::string test_name(const testing::TestParamInfo<vectors::ResponseCase>& info) {
  return info.param.file.substr(0, info.param.file.find('.')) + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Vectors, ResponseCorpus, testing::ValuesIn(vectors::load_response_cases()),
                         test_name);

TEST(ResponseCorpusSize, HasEnoughCases) { EXPECT_GE(vectors::load_response_cases().size(), 70u); }

}  // namespace
