// validate_body on hostile inputs and the exact JSON it reports.
#include <gtest/gtest.h>

#include <random>

#include "userapi/validate.h"

namespace {

std::vector<std::string> codes(const userapi::Report& r) {
  std::vector<std::string> out;
  for (const auto& v : r.violations) out.emplace_back(userapi::code_id(v.code));
  return out;
}

TEST(Validate, ReportsTheContractJson) {
  const auto report = userapi::validate_body("{\n  \"userGroupId\": \"x\"\n}");
  EXPECT_EQ(
      "{\"valid\":false,\"violations\":["
      "{\"location\":\"body\",\"path\":\"/userGroupId\",\"code\":\"unknown_field\",\"severity\":\"error\","
      "\"message\":\"This member is not part of the contract. Did you mean \\\"user_group_id\\\"?\","
      "\"params\":{\"suggestion\":\"user_group_id\"},\"offset\":4,\"line\":2,\"column\":3,\"from\":4,\"to\":"
      "17},"
      "{\"location\":\"body\",\"path\":\"/user_group_id\",\"code\":\"required\",\"severity\":\"error\","
      "\"message\":\"A value is required here.\"}]}",
      userapi::to_json(report));
}

TEST(Validate, DeepNestingIsOneViolation) {
  const std::string deep(100000, '[');
  const auto report = userapi::validate_body(deep);
  EXPECT_EQ(std::vector<std::string>{"json.depth"}, codes(report));
  EXPECT_EQ(32u, report.violations[0].position->offset);
}

TEST(Validate, FiftyMebibytesIsTooLargeWithoutParsing) {
  const std::string huge(50u << 20, ' ');
  const auto report = userapi::validate_body(huge);
  ASSERT_EQ(std::vector<std::string>{"json.too_large"}, codes(report));
  EXPECT_EQ("52428800", report.violations[0].params[1].value);
}

TEST(Validate, RandomBytesGiveOneDocumentViolation) {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
    const auto report = userapi::validate_body(bytes);
    ASSERT_FALSE(report.valid);
    ASSERT_EQ(1u, report.violations.size()) << "round " << round;
    const std::string code(userapi::code_id(report.violations[0].code));
    EXPECT_TRUE(code == "json.encoding" || code == "json.syntax" || code == "type.object") << code;
  }
}

TEST(Validate, NeverReadsPastTheGivenLength) {
  // A valid body followed by bytes outside the view: the view alone is checked.
  const std::string buffer = "{\"user_group_id\":\"a\",\"name\":\"b\"}garbage";
  EXPECT_TRUE(userapi::validate_body(std::string_view(buffer).substr(0, 32)).valid);
}

}  // namespace
