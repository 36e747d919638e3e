#include "detail/report_builder.h"

#include <algorithm>

#include "detail/code_table.h"
#include "detail/message.h"
#include "detail/text.h"

namespace userapi::detail {
namespace {

bool any_error(const std::vector<Violation>& violations) {
  return std::any_of(violations.begin(), violations.end(),
                     [](const Violation& v) { return v.severity == Severity::error; });
}

// UTF-16 code units of the UTF-8 sequence that starts at `i`: 2 for a four-byte sequence, 1 for
// the others. An invalid byte counts as 1, as the U+FFFD a decoder puts in its place does, so a
// json.encoding range covers exactly the offending byte.
std::uint32_t utf16_units_at(std::string_view input, std::size_t i, std::uint32_t& pending) {
  const auto c = static_cast<unsigned char>(input[i]);
  if ((c & 0xC0) == 0x80) {  // continuation byte: counted with its lead byte, unless stray
    if (pending) {
      --pending;
      return 0;
    }
    return 1;
  }
  pending = 0;
  if (c < 0x80) return 1;
  const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (validate_utf8(input.substr(i, length))) return 1;  // an invalid sequence starts here
  pending = static_cast<std::uint32_t>(length - 1);
  return length == 4 ? 2 : 1;
}

}  // namespace

Violation make_violation(Code code, Location location, std::string path, std::optional<Span> span,
                         std::vector<Param> params, std::optional<Severity> severity) {
  const CodeInfo& info = code_info(code);
  Violation v;
  v.location = location;
  v.path = std::move(path);
  v.code = code;
  v.severity = severity.value_or(info.severity);
  v.message = render(info.message, params, Locale::en);  // localize() re-renders
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

void ReportBuilder::fill_positions() {
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
  std::uint32_t line = 1, column = 1, utf16 = 0, pending = 0;
  std::size_t i = 0;
  for (const Mark& m : marks) {
    for (; i < m.offset; ++i) {
      const std::uint32_t units = utf16_units_at(input_, i, pending);
      if (units == 0) continue;
      utf16 += units;
      const char c = input_[i];
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
}

Report ReportBuilder::finish() && {
  fill_positions();
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

}  // namespace userapi::detail
