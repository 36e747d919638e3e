#include "userapi/violation.h"

#include <algorithm>

#include "detail/json_escape.h"
#include "detail/report_builder.h"
#include "detail/text.h"

namespace userapi {
namespace {

struct CodeInfo {
  std::string_view id;
  Severity severity;
  std::string_view message;
};

constexpr CodeInfo kCodes[] = {
#define USERAPI_CODE_INFO(name, id, severity, message) {id, Severity::severity, message},
    USERAPI_CODES(USERAPI_CODE_INFO)
#undef USERAPI_CODE_INFO
};

const Param* find_param(const std::vector<Param>& params, std::string_view name) {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

// Expands {name} from params; a [part] is dropped when a param it names is missing.
std::string render(std::string_view tmpl, const std::vector<Param>& params) {
  std::string out, part;
  bool in_optional = false, optional_ok = true;
  std::string* target = &out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    const char c = tmpl[i];
    if (c == '[') {
      in_optional = true;
      optional_ok = true;
      part.clear();
      target = &part;
      continue;
    }
    if (c == ']' && in_optional) {
      if (optional_ok) out += part;
      in_optional = false;
      target = &out;
      continue;
    }
    if (c == '{') {
      const auto close = tmpl.find('}', i);
      const auto name = tmpl.substr(i + 1, close - i - 1);
      if (const Param* p = find_param(params, name))
        *target += p->value;
      else if (in_optional)
        optional_ok = false;
      else
        *target += "?";
      i = close;
      continue;
    }
    target->push_back(c);
  }
  return out;
}

}  // namespace

std::string_view code_id(Code code) { return kCodes[static_cast<int>(code)].id; }

std::string_view to_string(Location location) {
  switch (location) {
    case Location::base_url: return "base_url";
    case Location::body: return "body";
    case Location::response: return "response";
    case Location::token: return "token";
  }
  return "body";
}

std::string_view to_string(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

void append_json(std::string& out, const Violation& v) {
  using detail::append_json_string;
  out += "{\"location\":";
  append_json_string(out, to_string(v.location));
  out += ",\"path\":";
  append_json_string(out, v.path);
  out += ",\"code\":";
  append_json_string(out, code_id(v.code));
  out += ",\"severity\":";
  append_json_string(out, to_string(v.severity));
  out += ",\"message\":";
  append_json_string(out, v.message);
  if (!v.params.empty()) {
    out += ",\"params\":{";
    for (std::size_t i = 0; i < v.params.size(); ++i) {
      if (i) out.push_back(',');
      append_json_string(out, v.params[i].name);
      out.push_back(':');
      if (v.params[i].numeric)
        out += v.params[i].value;
      else
        append_json_string(out, v.params[i].value);
    }
    out.push_back('}');
  }
  if (v.position) {
    out += ",\"offset\":" + std::to_string(v.position->offset);
    out += ",\"line\":" + std::to_string(v.position->line);
    out += ",\"column\":" + std::to_string(v.position->column);
    out += ",\"from\":" + std::to_string(v.position->from);
    out += ",\"to\":" + std::to_string(v.position->to);
  }
  out.push_back('}');
}

std::string to_json(const Report& report) {
  std::string out = report.valid ? "{\"valid\":true,\"violations\":[" : "{\"valid\":false,\"violations\":[";
  for (std::size_t i = 0; i < report.violations.size(); ++i) {
    if (i) out.push_back(',');
    append_json(out, report.violations[i]);
  }
  out += "]}";
  return out;
}

namespace detail {

Violation make_violation(Code code, Location location, std::string path, std::optional<Span> span,
                         std::vector<Param> params, std::optional<Severity> severity) {
  const CodeInfo& info = kCodes[static_cast<int>(code)];
  Violation v;
  v.location = location;
  v.path = std::move(path);
  v.code = code;
  v.severity = severity.value_or(info.severity);
  v.message = render(info.message, params);
  v.params = std::move(params);
  if (span) v.position = Position{span->offset, 0, 0, span->end};
  return v;
}

Param number_param(std::string name, std::uint64_t value) {
  return Param{std::move(name), std::to_string(value), true};
}

Param text_param(std::string name, std::string value) {
  return Param{std::move(name), std::move(value), false};
}

void sort_violations(std::vector<Violation>& violations) {
  auto key_offset = [](const Violation& v) { return v.position ? v.position->offset : 0u; };
  std::stable_sort(violations.begin(), violations.end(), [&](const Violation& a, const Violation& b) {
    if (a.location != b.location) return to_string(a.location) < to_string(b.location);
    if (a.path != b.path) return a.path < b.path;
    if (a.code != b.code) return code_id(a.code) < code_id(b.code);
    return key_offset(a) < key_offset(b);
  });
}

static bool any_error(const std::vector<Violation>& violations) {
  return std::any_of(violations.begin(), violations.end(),
                     [](const Violation& v) { return v.severity == Severity::error; });
}

Report ReportBuilder::finish() && {
  // One forward scan over the input visits every start and end offset in increasing order and
  // converts it to line, column and UTF-16 index.
  struct Mark {
    std::uint32_t offset;
    Position* position;
    bool is_end;
  };
  std::vector<Mark> marks;
  const auto size = static_cast<std::uint32_t>(input_.size());
  for (auto& v : violations_) {
    if (!v.position) continue;
    // A span never reaches past the input (a rule may point one past its last byte).
    v.position->offset = std::min(v.position->offset, size);
    v.position->end = std::min(std::max(v.position->end, v.position->offset), size);
    marks.push_back({v.position->offset, &*v.position, false});
    marks.push_back({v.position->end, &*v.position, true});
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.offset < b.offset; });
  std::uint32_t line = 1, column = 1, utf16 = 0;
  std::size_t i = 0;
  for (const Mark& m : marks) {
    const std::size_t target = std::min<std::size_t>(m.offset, input_.size());
    for (; i < target; ++i) {
      const auto c = static_cast<unsigned char>(input_[i]);
      if ((c & 0xC0) == 0x80) continue;  // continuation byte: counted with its lead byte
      utf16 += c >= 0xF0 ? 2 : 1;        // four-byte sequences are surrogate pairs in UTF-16
      if (c == '\n' || (c == '\r' && (i + 1 >= input_.size() || input_[i + 1] != '\n'))) {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    if (m.is_end) {
      m.position->to = utf16;
    } else {
      m.position->line = line;
      m.position->column = column;
      m.position->from = utf16;
    }
  }
  sort_violations(violations_);
  Report report;
  report.valid = !any_error(violations_);
  report.violations = std::move(violations_);
  return report;
}

void merge_into(Report& into, Report more) {
  for (auto& v : more.violations) into.violations.push_back(std::move(v));
  sort_violations(into.violations);
  into.valid = !any_error(into.violations);
}

}  // namespace detail
}  // namespace userapi
