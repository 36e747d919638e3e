// Runs every case of tests/vectors/build through build_request and compares the whole result:
// verdict, violations and the built request (method, URL, headers in order, exact body bytes).
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "userapi/request.h"
#include "vectors.h"

namespace {

// The verdict, one line per violation, then the request (when one is expected or built).
struct Result {
  bool valid = false;
  std::vector<std::string> violations;
  std::vector<std::string> request;  // empty: no request

  bool operator==(const Result& o) const {
    return valid == o.valid && violations == o.violations && request == o.request;
  }
};

void PrintTo(const Result& o, std::ostream* out) {
  *out << "\n  valid: " << (o.valid ? "true" : "false") << "\n  violations:";
  for (const auto& v : o.violations) *out << "\n    " << v;
  *out << "\n  request:";
  if (o.request.empty()) *out << " (none)";
  for (const auto& line : o.request) *out << "\n    " << testing::PrintToString(line);
}

std::vector<std::string> request_lines(const std::string& method, const std::string& url,
                                       const std::vector<std::pair<std::string, std::string>>& headers,
                                       const std::string& body) {
  std::vector<std::string> lines{"method " + method, "url " + url};
  for (const auto& [name, value] : headers) lines.push_back("header " + name + ": " + value);
  lines.push_back("body " + body);
  return lines;
}

class BuildCorpus : public testing::TestWithParam<vectors::BuildCase> {};

TEST_P(BuildCorpus, MatchesExpectedRequest) {
  const auto& c = GetParam();
  ASSERT_NE(c.name, "unreadable corpus file") << c.file;
  const userapi::BuildResult result = userapi::build_request(
      c.body, c.base_url.value_or(std::string(userapi::contract::kDefaultBaseUrl)), c.token);

  Result expected, actual;
  expected.valid = c.valid;
  actual.valid = result.report.valid;
  std::tie(expected.violations, actual.violations) =
      vectors::describe_all(c.violations, result.report.violations);
  if (c.has_request) expected.request = request_lines(c.method, c.url, c.headers, c.request_body);
  if (result.request) {
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& h : result.request->headers) headers.emplace_back(h.name, h.value);
    actual.request =
        request_lines(result.request->method, result.request->url, headers, result.request->body);
  }
  EXPECT_EQ(expected, actual) << c.file << ": " << c.name;
}

// A token never appears in a message or a params value (short tokens could match by chance).
TEST_P(BuildCorpus, NeverEchoesTheToken) {
  const auto& c = GetParam();
  if (c.token.size() < 3) GTEST_SKIP() << "token shorter than 3 bytes";
  const userapi::BuildResult result = userapi::build_request(
      c.body, c.base_url.value_or(std::string(userapi::contract::kDefaultBaseUrl)), c.token);
  std::vector<std::string> echoes;
  for (const auto& v : result.report.violations) {
    if (v.message.find(c.token) != std::string::npos) echoes.push_back(v.path + " message: " + v.message);
    for (const auto& p : v.params)
      if (p.value.find(c.token) != std::string::npos) echoes.push_back(v.path + " param " + p.name);
  }
  EXPECT_EQ(std::vector<std::string>{}, echoes) << c.file << ": " << c.name;
}

std::string test_name(const testing::TestParamInfo<vectors::BuildCase>& info) {
  return info.param.file.substr(0, info.param.file.find('.')) + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Vectors, BuildCorpus, testing::ValuesIn(vectors::load_build_cases()), test_name);

TEST(BuildCorpusSize, HasEnoughCases) { EXPECT_GE(vectors::load_build_cases().size(), 70u); }

}  // namespace
