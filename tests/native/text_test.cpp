// UTF-8 and white-space facts behind the string rules.
#include <gtest/gtest.h>

#include "detail/text.h"
#include "detail/utf8_simd.h"

namespace {

using userapi::detail::count_code_points;
using userapi::detail::find_control_char;
using userapi::detail::is_blank;
using userapi::detail::validate_utf8;

// The vectorised check must agree with the byte loop on every sequence of up to four bytes drawn
// from the bytes where UTF-8's rules change, wherever it falls against the 16-byte blocks.
TEST(Utf8, VectorisedCheckAgreesWithTheByteLoop) {
  if (!userapi::detail::utf8_simd_usable()) GTEST_SKIP() << "no vectorised check on this target";
  const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::string text(40, 'a');
  long checked = 0;
  for (std::size_t at : {13, 14, 15, 36}) {
    for (unsigned a : edges)
      for (unsigned b : edges)
        for (unsigned c : edges)
          for (unsigned d : edges) {
            std::string t = text;
            t[at] = static_cast<char>(a), t[at + 1] = static_cast<char>(b), t[at + 2] = static_cast<char>(c);
            t[at + 3] = static_cast<char>(d);
            for (std::size_t len : {t.size(), at + 1, at + 2, at + 3}) {
              const std::string_view v(t.data(), len);
              const bool simd = userapi::detail::utf8_valid_simd(
                  reinterpret_cast<const unsigned char*>(v.data()), v.size());
              ASSERT_EQ(simd, !userapi::detail::validate_utf8_bytewise(v))
                  << at << ' ' << a << ' ' << b << ' ' << c << ' ' << d << ' ' << len;
              ++checked;
            }
          }
  }
  EXPECT_GT(checked, 0);
}

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
