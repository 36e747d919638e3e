// UTF-8 facts the rules need: validation, code point counts, white space, control characters.
// All functions take bytes and never throw; the "valid UTF-8" ones assume validate_utf8 passed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace userapi::detail {

struct Utf8Error {
  std::size_t offset;  ///< first byte of the bad sequence
  const char* reason;  ///< e.g. "overlong encoding"
};

/// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
std::optional<Utf8Error> validate_utf8(std::string_view bytes);

/// The same, byte by byte: where validate_utf8 finds its errors (and the tests' reference).
std::optional<Utf8Error> validate_utf8_bytewise(std::string_view bytes);

/// Decodes one code point of valid UTF-8 at `i` and advances `i` past it.
char32_t next_code_point(std::string_view valid, std::size_t& i);

/// Number of code points in valid UTF-8.
std::size_t count_code_points(std::string_view valid);

/// True when a decoded string holds an encoded UTF-16 surrogate (U+D800..U+DFFF): RapidJSON
/// decodes an unpaired `\udc00` escape to these bytes instead of rejecting it.
bool has_surrogate(std::string_view decoded);

/// ECMAScript's \s set (the same set a JSON Schema `pattern` sees in ajv).
bool is_white_space(char32_t c);

/// True when every code point is white space (an empty string is not blank).
bool is_blank(std::string_view valid);

struct ControlChar {
  std::size_t index;  ///< 0-based code point index in the string
  char32_t value;
};

/// The first control character U+0000..U+001F or U+007F, if any.
std::optional<ControlChar> find_control_char(std::string_view valid);

/// "U+001F" style name of a code point.
std::string code_point_name(char32_t c);

}  // namespace userapi::detail
