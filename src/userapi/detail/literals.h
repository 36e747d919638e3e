// String literals of the snippet languages: each returns a literal whose value, once the
// language has read it, is exactly `text`'s bytes (`text` is UTF-8, as every request part is).
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

/// A Kotlin string literal in pure ASCII, as java_quote but with $ as \$ (a template otherwise)
/// and form feed as \u000c (Kotlin has no \f). Kotlin reads \u only inside literals.
std::string kotlin_quote(std::string_view text);

/// Bytes of UTF-8 per JVM string constant: a class file holds one in at most 65,535 bytes of
/// modified UTF-8, up to 1.5 times as many, and javac and kotlinc fold "a" + "b" into one.
inline constexpr std::size_t kJvmPiece = 40000;

/// `text` cut into pieces of at most `max_bytes`, each cut between UTF-8 characters.
std::vector<std::string_view> utf8_pieces(std::string_view text, std::size_t max_bytes);

/// A C string literal (also C++): " \ and control bytes escaped (octal, as \x would swallow a
/// following hex digit), ? after ? as \? (no trigraph under -std=c99), other UTF-8 raw.
std::string c_quote(std::string_view text);

/// A C++11 raw string R"json(...)json" when `text` has no control byte and no )json", so JSON
/// reads as itself; c_quote otherwise.
std::string cpp_quote(std::string_view text);

}  // namespace userapi::detail
