// The report of a batch, as JSON (the record a run can be resumed from) and as CSV (for a
// spreadsheet). The format is docs/batch.md's; the CLI and the module both write it here.
#include <unordered_map>

#include "detail/json_tree.h"
#include "userapi/batch.h"
#include "userapi/json.h"

namespace userapi::batch {
namespace {

constexpr Outcome kOutcomes[] = {Outcome::succeeded, Outcome::failed, Outcome::invalid, Outcome::cancelled,
                                 Outcome::skipped};
// The columns of a report row, in the order both formats write them; JSON writes the numbers
// as numbers.
struct ColumnInfo {
  const char* name;
  bool number;
};
constexpr ColumnInfo kColumns[] = {
    {"row", true},    {"line", true},     {"user_group_id", false}, {"digest", false}, {"outcome", false},
    {"status", true}, {"attempts", true}, {"duration_ms", true},    {"check", false},  {"error", false}};

// Milliseconds to a tenth, "12.3" (by hand: printf and strtod would add ~25 KB to the wasm module).
std::string milliseconds(double ms) {
  const auto tenths = static_cast<std::uint64_t>(ms > 0 ? ms * 10 + 0.5 : 0);
  return std::to_string(tenths / 10) + "." + char('0' + tenths % 10);
}

// A JSON number written as digits with an optional fraction (what milliseconds() and the module
// write), in tenths; nothing for other spellings (a sign, an exponent).
std::optional<double> plain_decimal(const std::string& text) {
  const std::size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot),
                    fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || whole.find_first_not_of("0123456789") != std::string::npos ||
      fraction.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  double value = 0;
  for (const char c : whole) value = value * 10 + (c - '0');
  double scale = 0.1;
  for (const char c : fraction) value += (c - '0') * scale, scale /= 10;
  return value;
}

// A row's cells as text, in kColumns' order.
std::vector<std::string> cells_of(const RowResult& r) {
  return {std::to_string(r.row),
          std::to_string(r.line),
          r.user_group_id,
          r.digest,
          std::string(to_string(r.outcome)),
          std::to_string(r.status),
          std::to_string(r.attempts),
          milliseconds(r.duration_ms),
          r.check,
          r.error};
}

// RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @ first) gets a ' in front.
std::string csv_cell(const std::string& cell) {
  std::string text = !cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos
                         ? "'" + cell
                         : cell;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

const detail::Node* member(const detail::Node& object, std::string_view key) {
  if (object.kind != detail::Node::Kind::object) return nullptr;
  for (const detail::Member& m : object.members)
    if (m.key == key) return &m.value;
  return nullptr;
}

// Reads one member of a report row into `out`; false with `error` set when it is missing or
// of the wrong type.
struct RowReader {
  const detail::Node& row;
  std::string where;
  std::string& error;

  bool text(std::string_view key, std::string& out) {
    const detail::Node* v = member(row, key);
    if (!v || v->kind != detail::Node::Kind::string) return fail(key, "a string");
    out = v->text;
    return true;
  }
  bool whole(std::string_view key, std::uint32_t& out) {
    const detail::Node* v = member(row, key);
    const auto value = v && v->kind == detail::Node::Kind::number ? plain_decimal(v->text) : std::nullopt;
    if (!value || *value != std::uint32_t(*value)) return fail(key, "a whole number");
    out = std::uint32_t(*value);
    return true;
  }
  bool real(std::string_view key, double& out) {
    const detail::Node* v = member(row, key);
    const auto value = v && v->kind == detail::Node::Kind::number ? plain_decimal(v->text) : std::nullopt;
    if (!value) return fail(key, "a number of milliseconds");
    out = *value;
    return true;
  }
  bool fail(std::string_view key, const char* expected) {
    error = where + "." + std::string(key) + ": expected " + expected;
    return false;
  }
};

bool read_row(const detail::Node& node, std::size_t index, RowResult& r, std::string& error) {
  RowReader read{node, "rows[" + std::to_string(index) + "]", error};
  std::uint32_t status = 0, attempts = 0;
  std::string outcome;
  if (!read.whole("row", r.row) || !read.whole("line", r.line) ||
      !read.text("user_group_id", r.user_group_id) || !read.text("digest", r.digest) ||
      !read.text("outcome", outcome) || !read.whole("status", status) || !read.whole("attempts", attempts) ||
      !read.real("duration_ms", r.duration_ms) || !read.text("check", r.check) ||
      !read.text("error", r.error))
    return false;
  const auto parsed = parse_outcome(outcome);
  if (!parsed) return read.fail("outcome", "succeeded, failed, invalid, cancelled or skipped");
  r.outcome = *parsed;
  r.status = int(status);
  r.attempts = int(attempts);
  return true;
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::succeeded: return "succeeded";
    case Outcome::failed: return "failed";
    case Outcome::invalid: return "invalid";
    case Outcome::cancelled: return "cancelled";
    case Outcome::skipped: return "skipped";
  }
  return "cancelled";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (const Outcome o : kOutcomes)
    if (to_string(o) == text) return o;
  return std::nullopt;
}

Summary summarize(const BatchReport& report) {
  Summary n;
  n.rows = report.rows.size();
  for (const RowResult& r : report.rows) {
    switch (r.outcome) {
      case Outcome::succeeded: ++n.succeeded; break;
      case Outcome::failed: ++n.failed; break;
      case Outcome::invalid: ++n.invalid; break;
      case Outcome::cancelled: ++n.cancelled; break;
      case Outcome::skipped: ++n.skipped; break;
    }
  }
  return n;
}

std::string report_json(const BatchReport& report) {
  JsonWriter out;
  out.begin_object().key("format").string(kReportFormat).key("file").string(report.file);
  out.key("base_url").string(report.base_url).key("started").string(report.started);
  out.key("finished").string(report.finished);
  const Summary n = summarize(report);
  out.key("summary").begin_object().key("rows").number(std::uint64_t(n.rows));
  out.key("succeeded").number(std::uint64_t(n.succeeded)).key("failed").number(std::uint64_t(n.failed));
  out.key("invalid").number(std::uint64_t(n.invalid)).key("cancelled").number(std::uint64_t(n.cancelled));
  out.key("skipped").number(std::uint64_t(n.skipped)).end_object().key("rows").begin_array();
  for (const RowResult& r : report.rows) {
    const std::vector<std::string> cells = cells_of(r);
    out.begin_object();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out.key(kColumns[i].name);
      kColumns[i].number ? out.raw(cells[i]) : out.string(cells[i]);
    }
    out.end_object();
  }
  out.end_array().end_object();
  return std::move(out).take();
}

std::string report_csv(const BatchReport& report) {
  std::string csv;
  for (const ColumnInfo& column : kColumns) csv += (csv.empty() ? "" : ",") + std::string(column.name);
  csv += "\r\n";
  for (const RowResult& r : report.rows) {
    const std::vector<std::string> cells = cells_of(r);
    for (std::size_t i = 0; i < cells.size(); ++i) csv += (i ? "," : "") + csv_cell(cells[i]);
    csv += "\r\n";
  }
  return csv;
}

ParsedReport parse_report(std::string_view json) {
  ParsedReport parsed;
  detail::ReportBuilder problems(Location::file, json);
  detail::Limits limits;
  limits.max_bytes = 256u << 20;
  const std::optional<detail::Node> root = detail::parse_json(json, problems, limits);
  if (!root) {
    const Report report = std::move(problems).finish();
    parsed.error = report.violations.empty() ? "not JSON" : report.violations.front().message;
    return parsed;
  }
  const detail::Node* format = member(*root, "format");
  if (!format || format->kind != detail::Node::Kind::string || format->text != kReportFormat) {
    parsed.error = "not a userapi batch report (format is not \"" + std::string(kReportFormat) + "\")";
    return parsed;
  }
  BatchReport report;
  RowReader top{*root, "report", parsed.error};
  if (!top.text("file", report.file) || !top.text("base_url", report.base_url) ||
      !top.text("started", report.started) || !top.text("finished", report.finished))
    return parsed;
  const detail::Node* rows = member(*root, "rows");
  if (!rows || rows->kind != detail::Node::Kind::array) {
    top.fail("rows", "an array");
    return parsed;
  }
  for (std::size_t i = 0; i < rows->items.size(); ++i)
    if (!read_row(rows->items[i], i, report.rows.emplace_back(), parsed.error)) return parsed;
  parsed.report = std::move(report);
  return parsed;
}

std::vector<bool> done_in(const BatchReport& previous, const std::vector<Row>& rows) {
  std::unordered_map<std::uint32_t, const std::string*> done;
  for (const RowResult& r : previous.rows)
    if (r.outcome == Outcome::succeeded || r.outcome == Outcome::skipped) done[r.row] = &r.digest;
  std::vector<bool> flags(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto it = done.find(rows[i].row);
    flags[i] = it != done.end() && *it->second == rows[i].digest;
  }
  return flags;
}

}  // namespace userapi::batch
