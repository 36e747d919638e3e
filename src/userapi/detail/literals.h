// String literals of the snippet languages: each returns a literal whose value, once the
// language has read it, is exactly `text`'s bytes (`text` is UTF-8, as every request part is).
#pragma once

#include <string>
#include <string_view>

namespace userapi::detail {

/// POSIX sh single quotes: everything literal; a ' becomes '\''. sh_quote("it's") == "'it'\''s'".
std::string sh_quote(std::string_view text);

/// A JSON string literal, which is also a JavaScript (ES2019+) and Python 3 string literal with
/// the same value. json_quote("a\"b") == "\"a\\\"b\"".
std::string json_quote(std::string_view text);

/// Single quotes as PHP and Ruby read them: only \\ and \' are escapes there, so doubling every
/// \ and escaping every ' leaves no $, #{} or other escape with a meaning. "'O\\'Brien'".
std::string backslash_single_quote(std::string_view text);

/// A Go interpreted string literal: raw UTF-8 except " \ and control bytes (escaped) and U+FEFF,
/// which the Go compiler refuses in source text. go_quote("a\tb") == "\"a\\tb\"".
std::string go_quote(std::string_view text);

/// A Java string literal in pure ASCII (javac reads a source in the platform charset, which is
/// ASCII under the C locale): non-ASCII and control characters as \uXXXX (UTF-16), " \ CR LF as
/// \" \\ \r \n, never as \u escapes, which javac decodes before it even sees the string.
std::string java_quote(std::string_view text);

}  // namespace userapi::detail
