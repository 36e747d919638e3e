// Runs every case of tests/vectors/csv through the core's CSV tokeniser and compares every record
// (its line and cells) or the syntax error.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string_view>

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

// The records written back as RFC 4180 (every cell quoted, CRLF): what the tokeniser must read
// back cell for cell.
std::string write_back(const std::vector<userapi::batch::CsvRecord>& records) {
  std::string out;
  for (const auto& record : records) {
    for (std::size_t i = 0; i < record.cells.size(); ++i) {
      out += i ? ",\"" : "\"";
      for (const char c : record.cells[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

std::vector<std::vector<std::string>> cells_of(const std::vector<userapi::batch::CsvRecord>& records) {
  std::vector<std::vector<std::string>> out;
  for (const auto& record : records) out.push_back(record.cells);
  return out;
}

// Random files over CSV's own characters: records start on increasing lines within the file, and
// a file read without error reads back the same after being written out again.
TEST(CsvTokeniser, RandomFilesReadBackTheSame) {
  constexpr std::array<std::string_view, 10> kPieces = {"a",  "b",  ",",    "\"", "\"\"",
                                                        "\r", "\n", "\r\n", " ",  "\xC3\xA9"};
  std::uint32_t seed = 12345;
  int read = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    seed = seed * 1103515245u + 12345u;
    for (std::uint32_t len = (seed >> 16) % 40; len > 0; --len) {
      seed = seed * 1103515245u + 12345u;
      text += kPieces[(seed >> 16) % kPieces.size()];
    }
    const auto tokens = userapi::batch::tokenize_csv(text);
    std::uint32_t last = 0;
    for (const auto& record : tokens.records) {
      ASSERT_GT(record.line, last) << text;
      ASSERT_FALSE(record.cells.empty()) << text;
      last = record.line;
    }
    if (tokens.error) {
      ASSERT_TRUE(tokens.records.empty()) << text;
      continue;
    }
    ++read;
    const auto again = userapi::batch::tokenize_csv(write_back(tokens.records));
    ASSERT_FALSE(again.error) << text;
    ASSERT_EQ(cells_of(tokens.records), cells_of(again.records)) << text;
  }
  EXPECT_GT(read, 5000);  // enough of them are CSV for the round trip to mean something
}

}  // namespace
