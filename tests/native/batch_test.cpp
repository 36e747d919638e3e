// Batches: NDJSON and CSV rows, the CSV mapping, retry delays and the report.
#include <gtest/gtest.h>

#include "userapi/batch.h"

namespace {

using namespace userapi::batch;

std::vector<std::string> codes(const std::vector<userapi::Violation>& violations) {
  std::vector<std::string> out;
  for (const auto& v : violations) out.emplace_back(userapi::code_id(v.code));
  return out;
}

std::string param(const userapi::Violation& v, std::string_view name) {
  for (const auto& p : v.params)
    if (p.name == name) return p.value;
  return "(none)";
}

// A CSV file of these records (CRLF, RFC 4180 quoting where a cell needs it).
std::string csv(const std::vector<std::vector<std::string>>& records) {
  std::string text;
  for (const auto& cells : records) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string& cell = cells[i];
      text += i ? "," : "";
      if (cell.find_first_of("\",\r\n") == std::string::npos) {
        text += cell;
        continue;
      }
      text += '"';
      for (const char c : cell) text += c == '"' ? std::string("\"\"") : std::string(1, c);
      text += '"';
    }
    text += "\r\n";
  }
  return text;
}

TEST(BatchNdjson, OneRowPerLineKeepingLineNumbers) {
  const Batch batch = parse_ndjson(
      "\xEF\xBB\xBF{\"user_group_id\":\"a\",\"name\":\"A\"}\r\n\n   \n{\"user_group_id\":\"b\",\"nam\":1}\n");
  ASSERT_TRUE(batch.sendable());
  ASSERT_EQ(2u, batch.rows.size());
  EXPECT_EQ(1u, batch.rows[0].row);
  EXPECT_EQ(R"({"user_group_id":"a","name":"A"})", batch.rows[0].body);
  EXPECT_EQ("a", batch.rows[0].user_group_id);
  EXPECT_TRUE(batch.rows[0].report.valid);
  EXPECT_EQ(4u, batch.rows[1].row);
  EXPECT_EQ(4u, batch.rows[1].line);
  EXPECT_FALSE(batch.rows[1].report.valid);
  EXPECT_EQ("b", batch.rows[1].user_group_id);  // refused, but its group is known
  const auto& v = batch.rows[1].report.violations;
  ASSERT_EQ((std::vector<std::string>{"unknown_field"}), codes(v));
  EXPECT_EQ(1u, v[0].position->line);
  EXPECT_EQ(22u, v[0].position->column);  // within the line
}

TEST(BatchNdjson, EmptyFileAndDigests) {
  EXPECT_EQ(std::vector<std::string>{"batch.empty"}, codes(parse_ndjson("\n \n").file_violations));
  EXPECT_FALSE(parse_ndjson("").sendable());
  const Batch a =
      parse_ndjson("{\"user_group_id\":\"a\"}\n{\"user_group_id\":\"a\"}\n{\"user_group_id\":\"b\"}");
  EXPECT_EQ(16u, a.rows[0].digest.size());
  EXPECT_EQ(a.rows[0].digest, a.rows[1].digest);
  EXPECT_NE(a.rows[0].digest, a.rows[2].digest);
}

TEST(BatchCsv, MapsColumnsToABody) {
  const Batch batch = parse_csv(csv({{"\xEF\xBB\xBFproperties.plan", "user_group_id", "mapping.40", "name",
                                      "properties.a.b", "mapping.134"},
                                     {"pro", "g1", "213", "Group, one", "x\"y", ""},
                                     {"", "g2", "", "", "", "386"}}));
  ASSERT_TRUE(batch.sendable());
  ASSERT_EQ(2u, batch.rows.size());
  EXPECT_EQ(R"({"user_group_id":"g1","name":"Group, one","mapping":{"40":"213"},)"
            R"("properties":{"plan":"pro","a.b":"x\"y"}})",
            batch.rows[0].body);
  EXPECT_EQ(2u, batch.rows[0].row);
  EXPECT_EQ(R"({"user_group_id":"g2","mapping":{"134":"386"}})", batch.rows[1].body);
  EXPECT_TRUE(batch.rows[1].report.valid);
}

TEST(BatchCsv, ViolationsNameTheirColumn) {
  const Batch batch = parse_csv(
      csv({{"user_group_id", "name", "mapping.01"}, {"g1", std::string(300, 'n'), "x"}, {"", "", ""}}));
  ASSERT_EQ(2u, batch.rows.size());
  const auto& first = batch.rows[0].report.violations;
  ASSERT_EQ((std::vector<std::string>{"mapping.key_format", "string.max_len"}), codes(first));
  EXPECT_EQ("mapping.01", param(first[0], "column"));
  EXPECT_EQ("3", param(first[0], "column_number"));
  EXPECT_EQ("name", param(first[1], "column"));
  EXPECT_FALSE(first[1].position.has_value());
  // An empty user_group_id is still written (and refused); the row keeps its id cell.
  const auto& second = batch.rows[1].report.violations;
  ASSERT_EQ((std::vector<std::string>{"nothing_to_update", "string.min_len"}), codes(second));
  EXPECT_EQ("(none)", param(second[0], "column"));  // about the whole body
  EXPECT_EQ("user_group_id", param(second[1], "column"));
  EXPECT_EQ("g1", batch.rows[0].user_group_id);
  EXPECT_EQ(
      "mapping.key_format in column mapping.01: A schema id must be 0 or a decimal number without "
      "leading zeros, at most 18 digits.",
      first_problem(batch.rows[0].report));
  EXPECT_EQ("string.min_len in column user_group_id: The string is empty; it needs at least 1 character.",
            first_problem(batch.rows[1].report));
}

TEST(BatchCsv, HeaderProblemsStopTheBatch) {
  const Batch bad = parse_csv(csv({{"user_group_id", "plan", "name", "name"}, {"a", "b", "c", "d"}}));
  EXPECT_FALSE(bad.sendable());
  ASSERT_EQ((std::vector<std::string>{"batch.unknown_column", "batch.duplicate_column"}),
            codes(bad.file_violations));
  EXPECT_EQ("properties.plan", param(bad.file_violations[0], "suggestion"));
  EXPECT_EQ("4", param(bad.file_violations[1], "column_number"));
  EXPECT_TRUE(bad.rows.empty());
  EXPECT_EQ(std::vector<std::string>{"batch.missing_column"},
            codes(parse_csv(csv({{"name"}, {"x"}})).file_violations));
  EXPECT_EQ(std::vector<std::string>{"batch.empty"},
            codes(parse_csv(csv({{"user_group_id"}})).file_violations));
}

TEST(BatchCsv, ASyntaxErrorStopsTheBatchWithItsLine) {
  const Batch bad = parse_csv("user_group_id,name\r\na,\"multi\r\nline\"\r\nb,\"B\"x\r\nc,C\r\n");
  EXPECT_FALSE(bad.sendable());
  EXPECT_TRUE(bad.rows.empty());
  ASSERT_EQ(std::vector<std::string>{"batch.csv_syntax"}, codes(bad.file_violations));
  EXPECT_EQ("4", param(bad.file_violations[0], "line"));
  EXPECT_EQ("text after a closing quote", param(bad.file_violations[0], "reason"));
  EXPECT_EQ("The file is not valid CSV: text after a closing quote (line 4).",
            bad.file_violations[0].message);
}

TEST(BatchCsv, RowsKnowTheirLines) {
  const Batch batch = parse_csv("\xEF\xBB\xBFuser_group_id,name\n\na,\"one\ntwo\"\r\nb,B");
  ASSERT_EQ(2u, batch.rows.size());
  EXPECT_EQ(2u, batch.rows[0].row);
  EXPECT_EQ(3u, batch.rows[0].line);
  EXPECT_EQ(R"({"user_group_id":"a","name":"one\ntwo"})", batch.rows[0].body);
  EXPECT_EQ(3u, batch.rows[1].row);
  EXPECT_EQ(5u, batch.rows[1].line);
}

TEST(BatchCsv, TheFileMustBeUtf8) {
  EXPECT_TRUE(parse_csv("user_group_id\n\xC3\xA9t\xC3\xA9\n").sendable());
  const Batch bad = parse_csv("user_group_id\nok\n\xFF\n");
  ASSERT_EQ(std::vector<std::string>{"batch.csv_syntax"}, codes(bad.file_violations));
  EXPECT_EQ("3", param(bad.file_violations[0], "line"));
}

TEST(BatchCsv, ARowOfTheWrongWidthIsInvalid) {
  const Batch batch = parse_csv(csv({{"user_group_id", "name"}, {"a"}, {"b", "B"}}));
  ASSERT_EQ(2u, batch.rows.size());
  EXPECT_EQ(std::vector<std::string>{"batch.cell_count"}, codes(batch.rows[0].report.violations));
  EXPECT_FALSE(batch.rows[0].report.valid);
  EXPECT_TRUE(batch.rows[1].report.valid);
}

TEST(BatchRetry, BacksOffWithJitterAndHonoursRetryAfter) {
  const RetryPolicy policy;  // 6 attempts, 200 ms base, 30 s cap
  EXPECT_EQ(100u, *retry_delay_ms(policy, 1, 503, "", 0.0, 0));
  EXPECT_EQ(199u, *retry_delay_ms(policy, 1, 503, "", 0.999, 0));
  EXPECT_EQ(400u, *retry_delay_ms(policy, 3, 0, "", 0.0, 0));  // a network error: half of 800 ms at least
  EXPECT_EQ(2000u, *retry_delay_ms(policy, 1, 429, " 2 ", 0.5, 0));
  EXPECT_EQ(30000u, *retry_delay_ms(policy, 1, 429, "86400", 0.5, 0));
  // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 s after the epoch.
  EXPECT_EQ(5000u, *retry_delay_ms(policy, 1, 503, "Sun, 06 Nov 1994 08:49:37 GMT", 0, 784111772000));
  EXPECT_EQ(100u, *retry_delay_ms(policy, 1, 503, "soon", 0, 0));
  EXPECT_FALSE(retry_delay_ms(policy, 1, 404, "", 0, 0));
  EXPECT_FALSE(retry_delay_ms(policy, 1, 422, "1", 0, 0));
  EXPECT_FALSE(retry_delay_ms(policy, 6, 503, "", 0, 0));
  EXPECT_TRUE(retryable_status(500));
  EXPECT_FALSE(retryable_status(200));
}

BatchReport sample_report() {
  BatchReport report{
      "groups.csv", "http://127.0.0.1:8787", "2026-12-01T10:00:00Z", "2026-12-01T10:00:05Z", {}};
  report.rows.push_back({2, 2, "g1", "00000000000000aa", Outcome::succeeded, 200, 2, 12.34, "valid", ""});
  report.rows.push_back(
      {3, 3, "=cmd", "00000000000000bb", Outcome::invalid, 0, 0, 0, "", "row has, \"problems\""});
  return report;
}

TEST(BatchReport, JsonRoundTripsAndCsvQuotes) {
  const std::string json = report_json(sample_report());
  EXPECT_EQ(R"({"format":"userapi-batch-report/1","file":"groups.csv","base_url":"http://127.0.0.1:8787",)"
            R"("started":"2026-12-01T10:00:00Z","finished":"2026-12-01T10:00:05Z","summary":{"rows":2,)"
            R"("succeeded":1,"failed":0,"invalid":1,"cancelled":0,"skipped":0},"rows":[{"row":2,"line":2,)"
            R"("user_group_id":"g1","digest":"00000000000000aa","outcome":"succeeded","status":200,)"
            R"("attempts":2,"duration_ms":12.3,"check":"valid","error":""},{"row":3,"line":3,)"
            R"("user_group_id":"=cmd","digest":"00000000000000bb","outcome":"invalid","status":0,)"
            R"("attempts":0,"duration_ms":0.0,"check":"","error":"row has, \"problems\""}]})",
            json);
  const ParsedReport parsed = parse_report(json);
  ASSERT_TRUE(parsed.report) << parsed.error;
  EXPECT_EQ(json, report_json(*parsed.report));
  EXPECT_EQ(
      "row,line,user_group_id,digest,outcome,status,attempts,duration_ms,check,error\r\n"
      "2,2,g1,00000000000000aa,succeeded,200,2,12.3,valid,\r\n"
      "3,3,'=cmd,00000000000000bb,invalid,0,0,0.0,,\"row has, \"\"problems\"\"\"\r\n",
      report_csv(sample_report()));
}

TEST(BatchReport, ParseErrorsSayWhere) {
  EXPECT_FALSE(parse_report("{").report);
  EXPECT_NE(std::string::npos,
            parse_report(R"({"format":"other"})").error.find("not a userapi batch report"));
  std::string json = report_json(sample_report());
  json.replace(json.find("\"succeeded\",\"status\""), 11, "\"done\"");
  EXPECT_EQ("rows[0].outcome: expected succeeded, failed, invalid, cancelled or skipped",
            parse_report(json).error);
}

TEST(BatchReport, ResumeSkipsRowsDoneWithTheSameBody) {
  const Batch batch =
      parse_ndjson("{\"user_group_id\":\"a\"}\n{\"user_group_id\":\"b\"}\n{\"user_group_id\":\"c\"}");
  BatchReport previous;
  previous.rows.push_back({1, 1, "a", batch.rows[0].digest, Outcome::succeeded, 200, 1, 1, "valid", ""});
  previous.rows.push_back({2, 2, "b", "0000000000000000", Outcome::succeeded, 200, 1, 1, "valid", ""});
  previous.rows.push_back({3, 3, "c", batch.rows[2].digest, Outcome::failed, 503, 6, 1, "", "503"});
  EXPECT_EQ((std::vector<bool>{true, false, false}), done_in(previous, batch.rows));
}

}  // namespace
