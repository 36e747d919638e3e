// Runs every case of tests/vectors/body through validate_body and compares the whole result.
#include <gtest/gtest.h>

#include <sstream>

#include "detail/json_escape.h"
#include "userapi/validate.h"
#include "vectors.h"

namespace {

// One line per violation, holding only the fields the case states.
std::string describe(const vectors::Expected& e) {
  std::ostringstream out;
  out << e.location << ' ' << (e.path.empty() ? "\"\"" : e.path) << ' ' << e.code << ' ' << e.severity;
  if (e.offset >= 0) out << " offset=" << e.offset;
  if (e.line) out << " at " << e.line << ':' << e.column;
  for (const auto& [name, value] : e.params) out << ' ' << name << '=' << value;
  return out.str();
}

std::string param_json(const userapi::Param& p) {
  if (p.numeric) return p.value;
  std::string out;
  userapi::detail::append_json_string(out, p.value);
  return out;
}

// The actual violation, reduced to the fields `like` states.
std::string describe(const userapi::Violation& v, const vectors::Expected& like) {
  vectors::Expected e;
  e.location = std::string(userapi::to_string(v.location));
  e.path = v.path;
  e.code = std::string(userapi::code_id(v.code));
  e.severity = std::string(userapi::to_string(v.severity));
  if (like.offset >= 0) e.offset = v.position ? v.position->offset : -2;
  if (like.line) {
    e.line = v.position ? static_cast<int>(v.position->line) : -1;
    e.column = v.position ? static_cast<int>(v.position->column) : -1;
  }
  for (const auto& [name, value] : like.params) {
    std::string actual = "(absent)";
    for (const auto& p : v.params)
      if (p.name == name) actual = param_json(p);
    e.params.emplace_back(name, actual);
  }
  return describe(e);
}

class BodyCorpus : public testing::TestWithParam<vectors::BodyCase> {};

TEST_P(BodyCorpus, MatchesExpectedViolations) {
  const auto& c = GetParam();
  ASSERT_NE(c.name, "unreadable corpus file") << c.file;
  const userapi::Report report = userapi::validate_body(c.body);

  std::vector<std::string> expected, actual;
  for (const auto& e : c.violations) expected.push_back(describe(e));
  for (std::size_t i = 0; i < report.violations.size(); ++i)
    actual.push_back(describe(report.violations[i], i < c.violations.size() ? c.violations[i] : vectors::Expected{}));
  EXPECT_EQ(expected, actual) << c.file << ": " << c.name;
  EXPECT_EQ(c.valid, report.valid) << c.file << ": " << c.name;
}

std::string test_name(const testing::TestParamInfo<vectors::BodyCase>& info) {
  std::string name = info.param.file.substr(0, info.param.file.find('.')) + "_" + std::to_string(info.index);
  return name;
}

INSTANTIATE_TEST_SUITE_P(Vectors, BodyCorpus, testing::ValuesIn(vectors::load_body_cases()), test_name);

TEST(BodyCorpusSize, HasEnoughCases) { EXPECT_GE(vectors::load_body_cases().size(), 150u); }

}  // namespace
