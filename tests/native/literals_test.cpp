// The string literal of each snippet language, spelled out for the inputs that break naive
// quoting (the snippets suite proves the same literals with the real compilers and interpreters).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "detail/literals.h"

namespace {

struct LiteralCase {
  std::string (*quote)(std::string_view);
  std::string what;
  std::string text;
  std::string literal;
};

TEST(Literals, EachLanguageSpellsTheExactBytes) {
  using namespace userapi::detail;
  const std::vector<LiteralCase> cases = {
      {sh_quote, "sh: ' closes, escapes, reopens", "it's $x", R"('it'\''s $x')"},
      {backslash_single_quote, "PHP/Ruby: \\ and ' escaped, #{} and $ text", R"(a\b'c #{x} $y \')",
       R"('a\\b\'c #{x} $y \\\'')"},
      {go_quote, "Go: quote, backslash, controls", "a\"b\\c\n\t\x01\x7f", R"("a\"b\\c\n\t\x01\x7f")"},
      {go_quote, "Go: a BOM is escaped, other UTF-8 stays raw", "\xEF\xBB\xBFx \xC3\xA9\xF0\x9F\x98\x80",
       "\"\\ufeffx \xC3\xA9\xF0\x9F\x98\x80\""},
      {go_quote, "Go: backquotes need no escape in a quoted string", "`id`", "\"`id`\""},
      {java_quote, "Java: a body's own \\u000a stays 6 characters", R"(\u000a \uuuu0041)",
       R"("\\u000a \\uuuu0041")"},
      {java_quote, "Java: non-ASCII as UTF-16 \\u escapes", "\xC3\xA9\xF0\x9F\x98\x80",
       R"("\u00e9\ud83d\ude00")"},
      {java_quote, "Java: CR, LF, quote and backslash never as \\u", "\r\n\"\\\x01", R"("\r\n\"\\\u0001")"},
      {kotlin_quote, "Kotlin: $ is not a template, \\f has no escape", "$x ${y}\f\xC3\xA9",
       R"("\$x \${y}\u000c\u00e9")"},
      {c_quote, "C: ? after ? escaped (trigraphs), controls in octal",
       "?\?=?a?\?/\x01\x7f"
       "7",
       R"("?\?=?a?\?/\001\1777")"},
      {c_quote, "C: quote, backslash, raw UTF-8", "\"\\\xC3\xA9", "\"\\\"\\\\\xC3\xA9\""},
      {cpp_quote, "C++: a raw string for JSON", R"({"a":"\"\\ ??="})",
       R"cpp(R"json({"a":"\"\\ ??="})json")cpp"},
      {cpp_quote, "C++: a C string when the text holds )json\"", R"({"a":")json"})",
       R"("{\"a\":\")json\"}")"},
  };
  for (const auto& c : cases) EXPECT_EQ(c.quote(c.text), c.literal) << c.what;
}

TEST(Literals, Utf8PiecesCutBetweenCharacters) {
  const auto pieces = userapi::detail::utf8_pieces(
      "ab\xC3\xA9\xF0\x9F\x98\x80"
      "c",
      4);
  const std::vector<std::string_view> want = {"ab\xC3\xA9", "\xF0\x9F\x98\x80", "c"};
  EXPECT_EQ(pieces, want);
}

}  // namespace
