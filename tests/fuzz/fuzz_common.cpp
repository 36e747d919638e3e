#include "fuzz_common.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <tuple>

#include "userapi/codes.h"

namespace userapi_fuzz {

using userapi::Code;
using userapi::Location;
using userapi::Report;
using userapi::Severity;
using userapi::Violation;

// ---- Inputs -------------------------------------------------------------------------------------

BuildInput split_build_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  BuildInput in{all, kBaseUrl, kToken};
  const auto last = all.rfind('\0');
  if (last == std::string_view::npos) return in;
  const auto before = last == 0 ? std::string_view::npos : all.rfind('\0', last - 1);
  if (before == std::string_view::npos) {
    in.body = all.substr(0, last);
    in.base_url = all.substr(last + 1);
    return in;
  }
  in.body = all.substr(0, before);
  in.base_url = all.substr(before + 1, last - before - 1);
  in.token = all.substr(last + 1);
  return in;
}

std::string encode_build_input(std::string_view body, std::string_view base_url, std::string_view token) {
  std::string out(body);
  out.push_back('\0');
  out.append(base_url);
  out.push_back('\0');
  out.append(token);
  return out;
}

ResponseInput split_response_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  ResponseInput in;
  if (size < 3) {
    in.text = all;
    return in;
  }
  in.status = 100 + ((data[0] << 8) | data[1]) % 500;
  std::string_view rest = all.substr(3);
  if (data[2] & 1) {
    std::size_t length = 0;
    if (rest.size() >= 2) {
      length = (static_cast<std::size_t>(static_cast<unsigned char>(rest[0])) << 8) |
               static_cast<unsigned char>(rest[1]);
      rest.remove_prefix(2);
    } else {
      rest = {};
    }
    if (length > rest.size()) length = rest.size();
    in.sent_body = rest.substr(0, length);
    rest.remove_prefix(length);
  }
  in.text = rest;
  return in;
}

std::string encode_response_input(int status, std::string_view text,
                                  std::optional<std::string_view> sent_body) {
  const unsigned v = static_cast<unsigned>(status - 100);  // 100..599 -> 0..499
  std::string out{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF),
                  static_cast<char>(sent_body ? 1 : 0)};
  if (sent_body) {
    out.push_back(static_cast<char>((sent_body->size() >> 8) & 0xFF));
    out.push_back(static_cast<char>(sent_body->size() & 0xFF));
    out.append(*sent_body);
  }
  out.append(text);
  return out;
}

// ---- Invariants ---------------------------------------------------------------------------------

namespace {

thread_local std::string g_context;

struct CodeInfo {
  std::string_view id;
  Severity severity;
};

constexpr CodeInfo kCodes[] = {
#define USERAPI_FUZZ_CODE(name, id, severity, ...) {id, Severity::severity},
    USERAPI_CODES(USERAPI_FUZZ_CODE)
#undef USERAPI_FUZZ_CODE
};
constexpr std::size_t kCodeCount = sizeof kCodes / sizeof kCodes[0];

bool is_document_code(Code c) {
  return c == Code::json_too_large || c == Code::json_encoding || c == Code::json_syntax ||
         c == Code::json_depth;
}

// Codes whose range is a whole key (opening quote to closing quote).
bool is_key_code(Code c) {
  return c == Code::json_duplicate_key || c == Code::unknown_field || c == Code::mapping_key_format ||
         c == Code::properties_key_format;
}

bool valid_utf8_prefix(std::string_view s, std::size_t end) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < end) {
    const unsigned c = p[i];
    std::size_t len = c < 0x80                   ? 1
                      : (c >= 0xC2 && c <= 0xDF) ? 2
                      : (c >= 0xE0 && c <= 0xEF) ? 3
                      : (c >= 0xF0 && c <= 0xF4) ? 4
                                                 : 0;
    if (len == 0 || i + len > end) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    const unsigned c1 = p[i + 1 < end ? i + 1 : i];
    if (len == 3 && ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F))) return false;
    if (len == 4 && ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))) return false;
    i += len;
  }
  return true;
}

struct TextPos {
  std::uint32_t line = 1, column = 1, utf16 = 0;
};

// The contract's definition, computed directly: lines end at LF, CRLF or a lone CR; columns
// count code points; UTF-16 indices count a 4-byte sequence as two units.
TextPos locate(std::string_view s, std::size_t offset) {
  TextPos t;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    t.utf16 += c >= 0xF0 ? 2 : 1;
    const bool lf = c == '\n';
    const bool lone_cr = c == '\r' && !(i + 1 < s.size() && s[i + 1] == '\n');
    if (lf || lone_cr) {
      ++t.line;
      t.column = 1;
    } else if (c == '\r') {
      ++t.column;  // the CR of a CRLF: the LF ends the line
    } else {
      ++t.column;
    }
  }
  return t;
}

const char* describe_first_byte(char c) {
  switch (c) {
    case '"': return "a string";
    case '{': return "an object";
    case '[': return "an array";
    case 't': return "true";
    case 'f': return "false";
    case 'n': return "null";
    default: return "a number";
  }
}

std::optional<std::string_view> input_of(const Inputs& in, Location l) {
  switch (l) {
    case Location::base_url: return in.base_url;
    case Location::body: return in.body;
    case Location::response: return in.response;
    case Location::token: return in.token;
  }
  return std::nullopt;
}

std::string describe(const Violation& v) {
  std::string out = std::string(userapi::to_string(v.location)) + " \"" + v.path + "\" " +
                    std::string(userapi::code_id(v.code));
  if (v.position)
    out += " @" + std::to_string(v.position->offset) + ".." + std::to_string(v.position->end) + " " +
           std::to_string(v.position->line) + ":" + std::to_string(v.position->column) + " [" +
           std::to_string(v.position->from) + "," + std::to_string(v.position->to) + ")";
  return out;
}

void check_position(const Violation& v, std::string_view input) {
  const std::string d = describe(v);
  const userapi::Position& p = *v.position;
  USERAPI_FUZZ_CHECK(p.offset <= input.size(), d);
  USERAPI_FUZZ_CHECK(p.end >= p.offset, d);
  USERAPI_FUZZ_CHECK(p.end <= input.size(), d);
  USERAPI_FUZZ_CHECK(p.line >= 1 && p.column >= 1, d);
  USERAPI_FUZZ_CHECK(p.to >= p.from, d);
  // Only a text that ends too early, or a base URL that does, is reported at its end (an empty range).
  if (p.offset == input.size())
    USERAPI_FUZZ_CHECK((v.code == Code::json_syntax || v.code == Code::base_url_format) && p.end == p.offset,
                       d);
  if (valid_utf8_prefix(input, std::min<std::size_t>(p.offset, input.size()))) {
    const TextPos at = locate(input, p.offset);
    USERAPI_FUZZ_CHECK(at.line == p.line, d);
    USERAPI_FUZZ_CHECK(at.column == p.column, d);
    USERAPI_FUZZ_CHECK(at.utf16 == p.from, d);
  }
  if (p.end <= input.size() && valid_utf8_prefix(input, p.end))
    USERAPI_FUZZ_CHECK(locate(input, p.end).utf16 == p.to, d);

  if (v.location != Location::body && v.location != Location::response) return;
  if (p.offset >= input.size() || p.end > input.size()) return;
  const std::string_view range = input.substr(p.offset, p.end - p.offset);
  if (v.code == Code::json_depth) {
    USERAPI_FUZZ_CHECK(range == "{" || range == "[", d);
  } else if (is_key_code(v.code)) {
    // The whole key, quotes included.
    USERAPI_FUZZ_CHECK(range.size() >= 2 && range.front() == '"' && range.back() == '"' && is_json(range), d);
  } else if (!is_document_code(v.code)) {
    // The whole value: it parses on its own as one JSON value.
    USERAPI_FUZZ_CHECK(is_json(range), d);
    for (const auto& param : v.params)
      if (param.name == "actual" &&
          (v.code == Code::type_object || v.code == Code::type_string || v.code == Code::type_integer))
        USERAPI_FUZZ_CHECK(param.value == describe_first_byte(range.front()), d);
  }
}

// A strict RFC 8259 recognizer written here, independent of RapidJSON (which refuses numbers
// beyond double range and has its own error offsets). It reads a text or a prefix of one; bytes
// are not checked for UTF-8 (the core checks encoding first). Recursion stops at kMaxDepth.
class JsonRecognizer {
 public:
  enum class Result { complete, prefix, invalid, too_deep };
  static constexpr int kMaxDepth = 40;

  explicit JsonRecognizer(std::string_view t) : t_(t) {}

  /// complete: one JSON value; prefix: the text could still become one; invalid: it cannot.
  Result run() {
    space();
    const bool ok = value(1) && (space(), i_ == t_.size());
    if (deep_) return Result::too_deep;
    if (ok) return Result::complete;
    return end_ ? Result::prefix : Result::invalid;
  }
  int max_depth() const { return max_depth_; }
  bool surrogate_escape() const { return surrogate_; }

 private:
  bool value(int depth) {
    if (depth > kMaxDepth) return deep_ = true, false;
    if (!need()) return false;
    switch (t_[i_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return word("true");
      case 'f': return word("false");
      case 'n': return word("null");
      default: return number();
    }
  }
  bool object(int depth) {
    max_depth_ = std::max(max_depth_, depth);
    ++i_;
    space();
    if (peek('}')) return ++i_, true;
    for (;;) {
      space();
      if (!peek('"') || !string()) return false;
      space();
      if (!peek(':')) return false;
      ++i_;
      space();
      if (!value(depth + 1)) return false;
      space();
      if (peek('}')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool array(int depth) {
    max_depth_ = std::max(max_depth_, depth);
    ++i_;
    space();
    if (peek(']')) return ++i_, true;
    for (;;) {
      space();
      if (!value(depth + 1)) return false;
      space();
      if (peek(']')) return ++i_, true;
      if (!peek(',')) return false;
      ++i_;
    }
  }
  bool string() {
    ++i_;
    for (;;) {
      if (!need()) return false;
      const auto c = static_cast<unsigned char>(t_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (!need()) return false;
      const char e = t_[i_++];
      if (e == 'u') {
        unsigned v = 0;
        for (int k = 0; k < 4; ++k, ++i_) {
          if (!need() || !std::isxdigit(static_cast<unsigned char>(t_[i_]))) return false;
          v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(t_[i_]))
                                                 ? t_[i_] - '0'
                                                 : (t_[i_] | 0x20) - 'a' + 10);
        }
        if (v >= 0xD800 && v <= 0xDFFF) surrogate_ = true;
      } else if (e == '\0' || !std::strchr("\"\\/bfnrt", e)) {
        return false;
      }
    }
  }
  bool number() {
    if (peek('-')) ++i_;
    if (!digit()) return false;
    if (peek('0'))
      ++i_;
    else
      while (digit()) ++i_;
    if (peek('.')) {
      ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
    }
    if (peek('e') || peek('E')) {
      ++i_;
      if (peek('+') || peek('-')) ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
    }
    return true;
  }
  bool word(std::string_view w) {
    for (char c : w) {
      if (!need() || t_[i_] != c) return false;
      ++i_;
    }
    return true;
  }
  void space() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
    if (i_ >= t_.size()) end_ = true;
  }
  // Every look at the next byte goes through need(): reading past the end marks the text as a
  // possible prefix (once at the end, every later look is at the end too).
  bool need() {
    if (i_ < t_.size()) return true;
    end_ = true;
    return false;
  }
  bool peek(char c) { return need() && t_[i_] == c; }
  bool digit() { return need() && t_[i_] >= '0' && t_[i_] <= '9'; }

  std::string_view t_;
  std::size_t i_ = 0;
  bool end_ = false, deep_ = false, surrogate_ = false;
  int max_depth_ = 0;
};

bool viable_prefix(std::string_view text) {
  const auto r = JsonRecognizer(text).run();
  return r == JsonRecognizer::Result::complete || r == JsonRecognizer::Result::prefix;
}

// Offset of the first byte of the first ill-formed UTF-8 sequence (RFC 3629), or npos.
std::size_t first_bad_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 1;
    while (len <= 4 && i + len <= s.size() && !valid_utf8_prefix(s.substr(i, len), len)) ++len;
    if (len > 4 || i + len > s.size()) return i;
    i += len;
  }
  return std::string_view::npos;
}

// Open containers before `offset` (outside strings).
int nesting_at(std::string_view s, std::size_t offset) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return depth;
}

}  // namespace

void set_input_name(std::string_view name) { g_context.assign(name); }

bool known_bug(std::string_view id) {
  static const std::string list = [] {
    const char* env = std::getenv("USERAPI_FUZZ_KNOWN_BUGS");
    return "," + std::string(env ? env : "") + ",";
  }();
  return list.find("," + std::string(id) + ",") != std::string::npos;
}

namespace {
FailureHandler g_handler = nullptr;
}  // namespace

void set_failure_handler(FailureHandler handler) { g_handler = handler; }

void fail(std::string_view what, std::string_view detail) {
  if (g_handler) g_handler(std::string(what) + "\n  " + std::string(detail));
  std::fprintf(stderr, "\nuserapi fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!detail.empty()) std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size()), detail.data());
  if (!g_context.empty()) std::fprintf(stderr, "  input: %s\n", g_context.c_str());
  std::fflush(stderr);
  std::abort();
}

bool is_json(std::string_view text) {
  return valid_utf8_prefix(text, text.size()) &&
         JsonRecognizer(text).run() == JsonRecognizer::Result::complete;
}

void check_document(const Report& report, std::string_view text, Location location) {
  const Violation* document = nullptr;
  for (const Violation& v : report.violations)
    if (v.location == location && (is_document_code(v.code) || v.code == Code::json_duplicate_key))
      document = &v;
  const std::string d = document ? describe(*document) : std::string("no document-level violation");
  constexpr std::size_t kMaxBytes = 1048576, kMaxDepth = 32;
  if (text.size() > kMaxBytes) {
    USERAPI_FUZZ_CHECK(document && document->code == Code::json_too_large, d);
    return;
  }
  const std::size_t bad = first_bad_utf8(text);
  if (bad != std::string_view::npos) {
    USERAPI_FUZZ_CHECK(document && document->code == Code::json_encoding && document->position &&
                           document->position->offset == bad,
                       d + " (first bad UTF-8 byte at " + std::to_string(bad) + ")");
    return;
  }
  JsonRecognizer whole(text);
  const auto result = whole.run();
  if (result == JsonRecognizer::Result::complete && whole.max_depth() <= static_cast<int>(kMaxDepth) &&
      !whole.surrogate_escape()) {
    // Well-formed: nothing but duplicate keys may be reported at document level.
    USERAPI_FUZZ_CHECK(!document || document->code == Code::json_duplicate_key, d);
    return;
  }
  if (result == JsonRecognizer::Result::complete && whole.max_depth() <= static_cast<int>(kMaxDepth)) {
    // Only escaped surrogates can be wrong: no syntax or depth problem.
    USERAPI_FUZZ_CHECK(
        !document || document->code == Code::json_encoding || document->code == Code::json_duplicate_key, d);
    return;
  }
  // Not JSON, or nested too deep: a problem in text order must be reported.
  USERAPI_FUZZ_CHECK(
      document && document->code != Code::json_duplicate_key && document->code != Code::json_too_large,
      d + " (the text is not JSON, or nested too deep)");
  if (!document || !document->position) return;
  const std::size_t at = document->position->offset;
  if (document->code == Code::json_syntax) {
    // The first byte that cannot continue valid JSON; the end of the text when it ends too early;
    // for a bad escape sequence, the backslash that starts it.
    USERAPI_FUZZ_CHECK(viable_prefix(text.substr(0, at)), d + " (the text before it is already not JSON)");
    if (at == text.size()) {
      USERAPI_FUZZ_CHECK(result == JsonRecognizer::Result::prefix, d);
    } else if (text[at] == '\\') {
      bool broken = false;
      for (std::size_t k = at + 1; k <= at + 6 && k <= text.size() && !broken; ++k)
        broken = !viable_prefix(text.substr(0, k));
      // An escape cut short by the end of the text is at its backslash too.
      if (!broken && text.size() < at + 6) broken = viable_prefix(text);
      USERAPI_FUZZ_CHECK(broken, d + " (the escape there is fine)");
    } else {
      USERAPI_FUZZ_CHECK(!viable_prefix(text.substr(0, at + 1)), d + " (JSON could continue with this byte)");
    }
  } else if (document->code == Code::json_depth) {
    USERAPI_FUZZ_CHECK(viable_prefix(text.substr(0, at)), d);
    USERAPI_FUZZ_CHECK(nesting_at(text, at) == static_cast<int>(kMaxDepth), d);
  }
}

void check_report(const Report& report, const Inputs& inputs) {
  bool any_error = false;
  std::size_t counts[4] = {0, 0, 0, 0};
  bool document[4] = {false, false, false, false}, duplicate[4] = {false, false, false, false};
  const Violation* previous = nullptr;
  for (const Violation& v : report.violations) {
    const std::string d = describe(v);
    const auto code_index = static_cast<std::size_t>(v.code);
    USERAPI_FUZZ_CHECK(code_index < kCodeCount, d);
    const auto l = static_cast<std::size_t>(v.location);
    USERAPI_FUZZ_CHECK(l < 4, d);
    const auto input = input_of(inputs, v.location);
    USERAPI_FUZZ_CHECK(input.has_value(), d);  // no violation about an input that was not given
    // Each code has a fixed severity, except enum.value.
    if (v.code != Code::enum_value) USERAPI_FUZZ_CHECK(v.severity == kCodes[code_index].severity, d);
    any_error = any_error || v.severity == Severity::error;
    USERAPI_FUZZ_CHECK(!v.message.empty(), d);
    // A JSON Pointer: "" or "/"-separated tokens, ~ only as ~0 or ~1.
    USERAPI_FUZZ_CHECK(v.path.empty() || v.path[0] == '/', d);
    for (std::size_t i = 0; i < v.path.size(); ++i)
      if (v.path[i] == '~')
        USERAPI_FUZZ_CHECK(i + 1 < v.path.size() && (v.path[i + 1] == '0' || v.path[i + 1] == '1'), d);
    for (std::size_t i = 0; i < v.params.size(); ++i) {
      const auto& p = v.params[i];
      USERAPI_FUZZ_CHECK(p.name == "limit" || p.name == "actual" || p.name == "expected" ||
                             p.name == "suggestion" || p.name == "reason" || p.name == "index",
                         d + " param " + p.name);
      if (p.numeric)
        USERAPI_FUZZ_CHECK(!p.value.empty() && p.value.find_first_not_of("0123456789") == std::string::npos,
                           d);
      for (std::size_t j = 0; j < i; ++j) USERAPI_FUZZ_CHECK(v.params[j].name != p.name, d);
    }
    // Positions: absent exactly where the contract says there is no place.
    if (v.code == Code::required || v.code == Code::json_too_large)
      USERAPI_FUZZ_CHECK(!v.position, d);
    else if (v.location == Location::body || v.location == Location::response)
      USERAPI_FUZZ_CHECK(v.position.has_value(), d);
    if (v.position) check_position(v, *input);

    ++counts[l];
    document[l] = document[l] || is_document_code(v.code);
    duplicate[l] = duplicate[l] || v.code == Code::json_duplicate_key;

    if (previous) {
      auto key = [](const Violation& x) {
        return std::make_tuple(userapi::to_string(x.location), std::string_view(x.path),
                               userapi::code_id(x.code), x.position ? x.position->offset : 0u);
      };
      USERAPI_FUZZ_CHECK(!(key(v) < key(*previous)), describe(*previous) + " before " + d);
    }
    previous = &v;
  }
  USERAPI_FUZZ_CHECK(report.valid == !any_error, "valid flag");
  for (std::size_t l = 0; l < 4; ++l) {
    // A document-level problem is reported alone; duplicate keys only with other duplicates.
    if (document[l]) USERAPI_FUZZ_CHECK(counts[l] == 1, "document-level violation not alone");
    if (duplicate[l])
      for (const Violation& v : report.violations)
        if (static_cast<std::size_t>(v.location) == l)
          USERAPI_FUZZ_CHECK(v.code == Code::json_duplicate_key,
                             "duplicate keys with other violations: " + describe(v));
  }
  const std::string json = userapi::to_json(report);
  USERAPI_FUZZ_CHECK(is_json(json), json.substr(0, 2000));
}

std::string without_positions(const Report& report) {
  std::string out;
  for (const Violation& v : report.violations) {
    out += std::string(userapi::to_string(v.location)) + "|" + v.path + "|" +
           std::string(userapi::code_id(v.code)) + "|" + std::string(userapi::to_string(v.severity)) + "|" +
           v.message;
    for (const auto& p : v.params) out += "|" + p.name + "=" + p.value;
    out += "\n";
  }
  return out;
}

}  // namespace userapi_fuzz
