// contract.h's table of error bodies: the facts of a message are filled in, a body is the
// contract's error shape, and the table itself is well formed (what the sandbox and the docs read).
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <set>
#include <string>

#include "userapi/contract.h"

namespace {

using userapi::contract::Error;
using userapi::contract::error_body;
using userapi::contract::error_info;
using userapi::contract::error_message;
using userapi::contract::kErrors;

TEST(Errors, FactsAreFilledInWhereTheMessageNamesThem) {
  const std::string message = error_message(Error::already_exists, {{"user_group_id", "\"a{b}\""}});
  EXPECT_EQ(message.find("{user_group_id}"), std::string::npos) << message;
  EXPECT_NE(message.find("\"a{b}\""), std::string::npos) << message;
  // A fact the message does not name, or none, leaves it as the table has it.
  EXPECT_EQ(error_message(Error::no_such_group, {{"user_group_id", "x"}}),
            error_info(Error::no_such_group).message);
  EXPECT_EQ(error_message(Error::payload_too_large), error_info(Error::payload_too_large).message);
}

TEST(Errors, TheBodyIsTheContractsErrorShape) {
  const std::string body = error_body(Error::payload_too_large, {{"limit", "7"}});
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(body.c_str()).HasParseError()) << body;
  EXPECT_EQ(doc["success"].GetInt(), 0);
  EXPECT_EQ(std::string(doc["error"]["code"].GetString()), error_info(Error::payload_too_large).code);
  EXPECT_EQ(std::string(doc["error"]["message"].GetString()),
            error_message(Error::payload_too_large, {{"limit", "7"}}));
  EXPECT_EQ(doc["error"].MemberCount(), 2u);
}

TEST(Errors, EveryRowHasAnErrorStatusACodeAndASentence) {
  std::set<std::string> sentences;
  for (const auto& e : kErrors) {
    EXPECT_GE(e.status, 400) << e.code;
    EXPECT_LE(e.status, 599) << e.code;
    ASSERT_FALSE(e.code.empty());
    EXPECT_EQ(e.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos) << e.code;
    ASSERT_FALSE(e.message.empty()) << e.code;
    // One row per answer: no two rows say the same.
    EXPECT_TRUE(sentences.insert(std::string(e.message)).second) << e.message;
  }
}

}  // namespace
