#include "userapi/safe_text.h"

#include <cstdint>

namespace userapi {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// The length of the well-formed UTF-8 sequence at the start of `s` (1..4) and its code point;
// 0 when the first byte does not start one (overlong forms and surrogates included).
std::size_t utf8_sequence(std::string_view s, char32_t& cp) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  std::size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
  if (n == 0 || n > s.size()) return 0;
  cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(i) & 0x3f);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

// Code points a terminal or a text viewer acts on instead of showing.
bool is_invisible_control(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0xfeff;
}

void append_byte_escape(std::string& out, unsigned char c) {
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xf];
}

void append_code_point_escape(std::string& out, char32_t cp) {
  out += "\\u{";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xf];
  out += '}';
}

}  // namespace

std::string safe_text(std::string_view text, std::size_t max) {
  const std::string_view shown = text.substr(0, max);
  std::string out;
  out.reserve(shown.size());
  std::size_t i = 0;
  while (i < shown.size()) {
    const auto c = static_cast<unsigned char>(shown[i]);
    char32_t cp = 0;
    // A sequence cut by `max` is judged on the whole text, so it is shown as bytes, not split.
    const std::size_t n = utf8_sequence(text.substr(i), cp);
    if (n == 0 || i + n > shown.size()) {
      append_byte_escape(out, c);
      ++i;
    } else if (n == 1 && (c < 0x20 || c == 0x7f)) {
      append_byte_escape(out, c);
      ++i;
    } else if (n == 1 && c == '\\') {
      out += "\\\\";
      ++i;
    } else if (is_invisible_control(cp)) {
      append_code_point_escape(out, cp);
      i += n;
    } else {
      out.append(shown, i, n);
      i += n;
    }
  }
  if (text.size() > shown.size())
    out += "... (" + std::to_string(text.size() - shown.size()) + " more bytes)";
  return out;
}

}  // namespace userapi
