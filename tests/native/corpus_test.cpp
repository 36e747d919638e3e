// Runs every case of tests/vectors/body through validate_body and compares the whole result.
#include <gtest/gtest.h>

#include "userapi/validate.h"
#include "vectors.h"

namespace {

class BodyCorpus : public testing::TestWithParam<vectors::BodyCase> {};

TEST_P(BodyCorpus, MatchesExpectedViolations) {
  const auto& c = GetParam();
  ASSERT_NE(c.name, "unreadable corpus file") << c.file;
  const userapi::Report report = userapi::validate_body(c.body);

  const auto [expected, actual] = vectors::describe_all(c.violations, report.violations);
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
