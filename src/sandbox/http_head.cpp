// The strict checks of a request head, and the plain Request and Response. No Beast here: what
// Beast's parser tolerates (obs-fold, equal Content-Length twice) is refused before it runs.
#include <algorithm>

#include "http.h"

namespace sandbox {
namespace {

using userapi::contract::Error;
using Problem = std::optional<Error>;

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
           return lower(x) == lower(y);
         });
}

// RFC 9110 5.6.2: token characters.
bool is_tchar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// RFC 9110 5.5: field-vchar, SP, HTAB and obs-text; never NUL or another control character.
bool is_value_char(unsigned char c) { return c == ' ' || c == '\t' || (c >= 0x21 && c != 0x7f); }

struct Counts {
  int content_length = 0;
  int transfer_encoding = 0;
};

// One header line (without its CRLF).
Problem check_field(std::string_view line, Counts& counts) {
  if (line.front() == ' ' || line.front() == '\t') return Error::obs_fold;
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return Error::no_colon;
  const std::string_view name = line.substr(0, colon);
  if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return is_tchar(c); }))
    return Error::bad_header_name;
  const std::string_view value = line.substr(colon + 1);
  if (!std::all_of(value.begin(), value.end(), [](char c) { return is_value_char(c); }))
    return Error::control_in_header;
  if (same_name(name, "Content-Length")) {
    // One decimal number (RFC 9110 8.6): "87, 87" is a list a proxy may read differently.
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t");
    const std::string_view digits =
        first == std::string_view::npos ? std::string_view() : value.substr(first, last - first + 1);
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return Error::bad_content_length;
    ++counts.content_length;
  }
  if (same_name(name, "Transfer-Encoding")) ++counts.transfer_encoding;
  return std::nullopt;
}

}  // namespace

Problem check_head(std::string_view head, std::size_t max_lines) {
  if (head.empty() || !is_tchar(static_cast<unsigned char>(head.front()))) return Error::junk_before_method;
  Counts counts;
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < head.size()) {
    const auto end = head.find("\r\n", start);
    if (end == std::string_view::npos) return Error::no_crlf;
    const std::string_view line = head.substr(start, end - start);
    start = end + 2;
    if (line.empty()) break;  // the blank line that ends the head
    if (line.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
      return Error::bare_cr_lf_nul;
    if (++lines > max_lines) return Error::head_too_many_lines;
    if (lines == 1) continue;  // the request line: Beast's parser checks it
    if (const Problem p = check_field(line, counts)) return p;
  }
  if (counts.content_length > 1) return Error::two_content_lengths;
  if (counts.content_length && counts.transfer_encoding) return Error::length_and_chunked;
  return std::nullopt;
}

std::string percent_decode(std::string_view text) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string Request::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (same_name(n, name)) return v;
  return {};
}

std::size_t Request::header_count(std::string_view name) const {
  return static_cast<std::size_t>(
      std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return same_name(h.first, name); }));
}

void Response::set_header(std::string_view name, std::string_view value) {
  headers.erase(
      std::remove_if(headers.begin(), headers.end(), [&](const auto& h) { return same_name(h.first, name); }),
      headers.end());
  headers.emplace_back(std::string(name), std::string(value));
}

std::string Response::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (same_name(n, name)) return v;
  return {};
}

void Response::set_content(std::string text, std::string_view type) {
  body = std::move(text);
  bytes = {};
  owner.reset();
  set_header("Content-Type", type);
}

}  // namespace sandbox
