#include "detail/text.h"

#include <algorithm>
#include <cstring>

#include "detail/utf8_simd.h"

namespace userapi::detail {

std::optional<Utf8Error> validate_utf8(std::string_view s) {
  // The vectorised check says whether the text is valid; the byte loop says where and why not.
  if (utf8_simd_usable() && utf8_valid_simd(reinterpret_cast<const unsigned char*>(s.data()), s.size()))
    return std::nullopt;
  return validate_utf8_bytewise(s);
}

std::optional<Utf8Error> validate_utf8_bytewise(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path: sixteen ASCII bytes at a time (two 64-bit loads, no byte has its top bit).
    while (i + 16 <= n) {
      std::uint64_t a, b;
      std::memcpy(&a, p + i, 8);
      std::memcpy(&b, p + i + 8, 8);
      if ((a | b) & 0x8080808080808080ULL) break;
      i += 16;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c == 0xE0) {
      len = 3;
      lo = 0xA0;
    } else if (c == 0xED) {
      len = 3;
      hi = 0x9F;
    } else if (c >= 0xE1 && c <= 0xEF)
      len = 3;
    else if (c == 0xF0) {
      len = 4;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3)
      len = 4;
    else if (c == 0xF4) {
      len = 4;
      hi = 0x8F;
    } else if (c == 0xC0 || c == 0xC1)
      return Utf8Error{i, "overlong encoding"};
    else if (c >= 0x80 && c <= 0xBF)
      return Utf8Error{i, "unexpected continuation byte"};
    else
      return Utf8Error{i, "byte 0xF5..0xFF never appears in UTF-8"};
    if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return Utf8Error{i, "truncated sequence"};
    if (p[i + 1] < lo || p[i + 1] > hi) {
      if (c == 0xED) return Utf8Error{i, "encoded surrogate (U+D800..U+DFFF)"};
      if (c == 0xF4) return Utf8Error{i, "code point above U+10FFFF"};
      return Utf8Error{i, "overlong encoding"};
    }
    for (std::size_t k = 2; k < len; ++k)
      if (i + k >= n || (p[i + k] & 0xC0) != 0x80) return Utf8Error{i, "truncated sequence"};
    i += len;
  }
  return std::nullopt;
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F);
  };
  char32_t cp;
  if (c < 0x80) {
    cp = c;
    i += 1;
  } else if (c < 0xE0) {
    cp = (char32_t(c & 0x1F) << 6) | cont(1);
    i += 2;
  } else if (c < 0xF0) {
    cp = (char32_t(c & 0x0F) << 12) | (cont(1) << 6) | cont(2);
    i += 3;
  } else {
    cp = (char32_t(c & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    i += 4;
  }
  return cp;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t count = 0;
  for (char ch : s) count += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return count;
}

bool has_surrogate(std::string_view s) {
  // An encoded surrogate is ED A0..BF; ED also leads U+D000..U+D7FF (Hangul), so memchr hops
  // from one ED to the next.
  const char* p = s.data();
  const char* const last = s.data() + s.size() - (s.empty() ? 0 : 1);  // an ED needs a byte after it
  while (p < last) {
    p = static_cast<const char*>(std::memchr(p, 0xED, static_cast<std::size_t>(last - p)));
    if (!p) return false;
    if (static_cast<unsigned char>(p[1]) >= 0xA0) return true;
    ++p;
  }
  return false;
}

bool is_white_space(char32_t c) {
  switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF: return true;
    default: return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_blank(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size();)
    if (!is_white_space(next_code_point(s, i))) return false;
  return true;
}

std::optional<ControlChar> find_control_char(std::string_view s) {
  // Control characters are single bytes in UTF-8: look for one before counting code points.
  if (std::none_of(s.begin(), s.end(),
                   [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; }))
    return std::nullopt;
  std::size_t index = 0;
  for (std::size_t i = 0; i < s.size(); ++index) {
    const char32_t c = next_code_point(s, i);
    if (c < 0x20 || c == 0x7F) return ControlChar{index, c};
  }
  return std::nullopt;
}

std::string code_point_name(char32_t c) {
  // "U+%04X", written by hand: snprintf would bring all of printf into the wasm module (~3 KB gzip).
  static const char hex[] = "0123456789ABCDEF";
  int digits = 4;
  while (digits < 8 && (c >> (4 * digits)) != 0) ++digits;
  std::string out = "U+";
  for (int i = digits - 1; i >= 0; --i) out.push_back(hex[(c >> (4 * i)) & 0xF]);
  return out;
}

}  // namespace userapi::detail
