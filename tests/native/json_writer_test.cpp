// The one JSON writer, and codes printed by name.
#include <gtest/gtest.h>

#include "userapi/codes.h"
#include "userapi/json.h"

namespace {

TEST(JsonWriter, PlacesCommasAndColonsAndEscapesAsJsonStringify) {
  userapi::JsonWriter w;
  w.begin_object().key("a").number(1).key("b\"").begin_array().string("x\n\u00e9/").null().boolean(false);
  w.begin_object().end_object().end_array().key("c").raw("1.0e400").key("d").number(std::int64_t{-2});
  w.end_object();
  EXPECT_EQ(R"({"a":1,"b\"":["x\né/",null,false,{}],"c":1.0e400,"d":-2})", std::move(w).take());
}

TEST(JsonWriter, EmptyContainers) {
  userapi::JsonWriter w;
  w.begin_array().begin_array().end_array().begin_object().end_object().end_array();
  EXPECT_EQ("[[],{}]", std::move(w).take());
}

TEST(Codes, GoogleTestPrintsACodeByItsId) {
  EXPECT_EQ("string.max_len", ::testing::PrintToString(userapi::Code::string_max_len));
  EXPECT_EQ("nothing_to_update", ::testing::PrintToString(userapi::Code::nothing_to_update));
}

}  // namespace
