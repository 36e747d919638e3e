#include "detail/json_escape.h"

#include "detail/string_scan.h"

namespace userapi::detail {
namespace {

// The first byte at or after `i` that needs an escape (value.size() when none): sixteen bytes at
// a time while that many are left, since long strings are mostly plain.
std::size_t next_escape(std::string_view value, std::size_t i) {
  for (; i + 16 <= value.size(); i += 16)
    if (const std::uint32_t stops = string_stops(value.data() + i)) return i + __builtin_ctz(stops);
  for (; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return value.size();
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escape
  for (std::size_t i = next_escape(value, 0); i < value.size(); i = next_escape(value, run)) {
    const auto c = static_cast<unsigned char>(value[i]);
    out.append(value.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
    }
  }
  out.append(value.data() + run, value.size() - run);
  out.push_back('"');
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer.push_back(c);
  }
}

}  // namespace userapi::detail
