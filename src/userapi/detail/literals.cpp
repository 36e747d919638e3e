#include "detail/literals.h"

#include <cstdint>

#include "detail/json_escape.h"

namespace userapi::detail {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex(std::string& out, std::uint32_t value, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(value >> shift) & 0xF]);
}

// The escape C, Go and Java share for a control character, or nullptr.
const char* c_escape(char c) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return nullptr;
  }
}

// The code point that starts at text[i] and its length in bytes. `text` is valid UTF-8 (the core
// checks bodies; URLs and tokens are ASCII); a stray byte is read as itself, one byte long.
std::uint32_t decode_utf8(std::string_view text, std::size_t i, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[i]);
  length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (lead < 0xC0 || i + length > text.size()) {  // ASCII, or a stray continuation byte
    length = 1;
    return lead;
  }
  std::uint32_t cp = lead & (0x3F >> (length - 1));
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return cp;
}

void append_java_unit(std::string& out, std::uint32_t unit) {
  out += "\\u";
  append_hex(out, unit, 4);
}

// Java and Kotlin literals in pure ASCII: UTF-16 units as \uXXXX. Kotlin also needs $ escaped
// and has no \f.
std::string ascii_utf16_quote(std::string_view text, bool kotlin) {
  std::string out = "\"";
  std::size_t length = 1;
  for (std::size_t i = 0; i < text.size(); i += length) {
    const std::uint32_t cp = decode_utf8(text, i, length);
    const char* escape = length == 1 ? c_escape(text[i]) : nullptr;
    if (kotlin && cp == '$') {
      out += "\\$";
    } else if (kotlin && cp == '\f') {
      append_java_unit(out, cp);
    } else if (escape) {
      out += escape;
    } else if (cp >= 0x20 && cp < 0x7F) {
      out.push_back(text[i]);
    } else if (cp < 0x10000) {
      append_java_unit(out, cp);
    } else {  // a UTF-16 surrogate pair
      append_java_unit(out, 0xD800 + ((cp - 0x10000) >> 10));
      append_java_unit(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::string sh_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string json_quote(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string backslash_single_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (const char* escape = c_escape(text[i])) {
      out += escape;
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      append_hex(out, c, 2);
    } else if (text.substr(i, 3) == "\xEF\xBB\xBF") {
      out += "\\ufeff";
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  out.push_back('"');
  return out;
}

std::string java_quote(std::string_view text) { return ascii_utf16_quote(text, false); }

std::string kotlin_quote(std::string_view text) { return ascii_utf16_quote(text, true); }

std::vector<std::string_view> utf8_pieces(std::string_view text, std::size_t max_bytes) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    std::size_t cut = text.size() <= max_bytes ? text.size() : max_bytes;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    pieces.push_back(text.substr(0, cut));
    text.remove_prefix(cut);
  }
  return pieces;
}

std::string c_quote(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (const char* escape = c_escape(text[i])) {
      out += escape;
    } else if (c < 0x20 || c == 0x7F) {
      out += '\\';
      for (int shift = 6; shift >= 0; shift -= 3) out.push_back(static_cast<char>('0' + ((c >> shift) & 7)));
    } else {
      if (c == '?' && i > 0 && text[i - 1] == '?') out += '\\';
      out.push_back(text[i]);
    }
  }
  out.push_back('"');
  return out;
}

std::string cpp_quote(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return c_quote(text);
  if (text.find(")json\"") != std::string_view::npos) return c_quote(text);
  return "R\"json(" + std::string(text) + ")json\"";
}

}  // namespace userapi::detail
