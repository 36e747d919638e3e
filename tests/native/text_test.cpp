// UTF-8 and white-space facts behind the string rules.
#include <gtest/gtest.h>

#include "detail/text.h"

namespace {

using userapi::detail::count_code_points;
using userapi::detail::find_control_char;
using userapi::detail::is_blank;
using userapi::detail::validate_utf8;

struct Utf8Case {
  std::string bytes;
  long bad_offset;  // -1: valid
};

TEST(Utf8, AcceptsOnlyStrictUtf8) {
  const std::vector<Utf8Case> cases = {
      {"plain ascii", -1},
      {"caf\xC3\xA9", -1},
      {"\xF0\x9F\x98\x80 astral", -1},
      {"\xF4\x8F\xBF\xBF", -1},  // U+10FFFF
      {"ab\xC0\xAF", 2},         // overlong '/'
      {"\xE0\x80\xAF", 0},       // overlong, three bytes
      {"x\xED\xA0\x80", 1},      // encoded surrogate
      {"\xF4\x90\x80\x80", 0},   // above U+10FFFF
      {"abcdefgh\xF5", 8},       // never in UTF-8, after the 8-byte fast path
      {"\xC3", 0},               // truncated
      {"\x80", 0},               // lone continuation
  };
  for (const auto& c : cases) {
    const auto error = validate_utf8(c.bytes);
    EXPECT_EQ(c.bad_offset, error ? static_cast<long>(error->offset) : -1) << c.bytes;
  }
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(3u, count_code_points("e\xCC\x81x"));        // e + combining acute + x
  EXPECT_EQ(1u, count_code_points("\xF0\x9F\x98\x80"));  // one astral character
}

TEST(Strings, BlankUsesEcmaScriptWhiteSpace) {
  EXPECT_TRUE(is_blank(" \t\xC2\xA0\xE3\x80\x80\xEF\xBB\xBF"));  // space, tab, NBSP, U+3000, BOM
  EXPECT_FALSE(is_blank("\xC2\x85"));                            // U+0085 is not \s in JS
  EXPECT_FALSE(is_blank(""));
  EXPECT_FALSE(is_blank(" a "));
}

TEST(Strings, FindsControlCharacters) {
  EXPECT_FALSE(find_control_char("\xC2\x85 ok").has_value());  // C1 controls are allowed
  const auto del = find_control_char("\xC3\xA9\x7F");
  ASSERT_TRUE(del.has_value());
  EXPECT_EQ(1u, del->index);
  EXPECT_EQ(0x7Fu, static_cast<unsigned>(del->value));
}

}  // namespace
