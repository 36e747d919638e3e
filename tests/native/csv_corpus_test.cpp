// Runs every case of tests/vectors/csv through the core's CSV tokeniser and compares every record
// (its line and cells) or the syntax error.
#include <gtest/gtest.h>

#include "userapi/batch.h"
#include "vectors.h"

namespace {

class CsvCorpus : public testing::TestWithParam<vectors::CsvCase> {};

TEST_P(CsvCorpus, GivesTheExpectedRecords) {
  const auto& c = GetParam();
  ASSERT_NE(c.name, "unreadable corpus file") << c.file;
  const userapi::batch::CsvTokens tokens = userapi::batch::tokenize_csv(c.csv);
  std::vector<std::string> actual;
  if (tokens.error) actual.push_back(vectors::describe_error(tokens.error->line, tokens.error->reason));
  for (const auto& record : tokens.records)
    actual.push_back(vectors::describe_record(record.line, record.cells));
  EXPECT_EQ(c.expected, actual) << c.file << ": " << c.name;
}

std::string test_name(const testing::TestParamInfo<vectors::CsvCase>& info) {
  return info.param.file.substr(0, info.param.file.find('.')) + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Vectors, CsvCorpus, testing::ValuesIn(vectors::load_csv_cases()), test_name);

TEST(CsvCorpusSize, HasEnoughCases) { EXPECT_GE(vectors::load_csv_cases().size(), 40u); }

}  // namespace
