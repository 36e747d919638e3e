// Batch files into rows: NDJSON lines as they are, CSV records (batch_csv.cpp tokenises them)
// through the column mapping of docs/batch.md, each body checked by validate_body.
#include <algorithm>
#include <unordered_set>

#include "detail/json_escape.h"
#include "detail/json_tree.h"
#include "detail/report_builder.h"
#include "detail/text.h"
#include "userapi/batch.h"
#include "userapi/json.h"
#include "userapi/validate.h"

namespace userapi::batch {
namespace {

using detail::make_violation;
using detail::number_param;
using detail::text_param;
using Member = contract::BodyMember;
using contract::member_name;
constexpr Member kMembers[] = {Member::user_group_id, Member::name, Member::mapping, Member::properties};

std::string digest_of(std::string_view body) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64
  for (const unsigned char c : body) hash = (hash ^ c) * 1099511628211ull;
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) hex[std::size_t(i)] = "0123456789abcdef"[hash & 15];
  return hex;
}

// The top-level user_group_id of a body the rules refused, when it is JSON and that is a string:
// the report can still say which group the row was for.
std::string refused_body_id(std::string_view body) {
  detail::ReportBuilder ignored(Location::body, body);
  detail::Limits limits;
  limits.fold_depth = 1;
  const auto root = detail::parse_json(body, ignored, limits);
  if (!root || root->kind != detail::Node::Kind::object) return "";
  for (const detail::Member& m : root->members)
    if (m.key == member_name(Member::user_group_id) && m.value.kind == detail::Node::Kind::string)
      return m.value.text;
  return "";
}

Row make_row(std::uint32_t number, std::uint32_t line, std::string body) {
  Row row;
  row.row = number;
  row.line = line;
  row.digest = digest_of(body);
  ParsedBody parsed = parse_body(body);
  row.user_group_id = parsed.members ? parsed.members->user_group_id : refused_body_id(body);
  row.report = std::move(parsed.report);
  row.body = std::move(body);
  return row;
}

Violation file_violation(Code code, std::vector<Param> params = {}) {
  return make_violation(code, Location::file, "", std::nullopt, std::move(params));
}

Batch too_many_rows() {
  Batch batch;
  batch.file_violations.push_back(
      file_violation(Code::batch_too_many_rows, {number_param("limit", kMaxRows)}));
  return batch;
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// ---- CSV: which member a header cell names ----

struct Column {
  std::size_t index;  ///< its place in the header
  Member member;
  std::string key;      ///< the schema id or property name; "" for user_group_id and name
  std::string pointer;  ///< where its cell lands in the body, e.g. /properties/plan
};

// `user_group_id`, `name`, `mapping.<schema id>`, `properties.<key>` (the key is the rest of the
// cell, dots included), or nothing.
std::optional<Column> column_of(std::string_view cell, std::size_t index) {
  for (const Member m : kMembers) {
    const std::string_view name = member_name(m);
    const bool object = m == Member::mapping || m == Member::properties;
    const bool prefixed =
        cell.size() > name.size() && cell.compare(0, name.size(), name) == 0 && cell[name.size()] == '.';
    if (object ? !prefixed : cell != name) continue;
    Column column{index, m, object ? std::string(cell.substr(name.size() + 1)) : "", ""};
    detail::append_pointer_token(column.pointer, name);
    if (object) detail::append_pointer_token(column.pointer, column.key);
    return column;
  }
  return std::nullopt;
}

std::vector<Param> column_params(const std::string& name, std::size_t index) {
  return {text_param("column", name), number_param("column_number", index + 1)};
}

// The header's columns, or the file violations that stop the batch.
std::vector<Column> read_header(const std::vector<std::string>& header, std::vector<Violation>& problems) {
  std::vector<Column> columns;
  std::unordered_set<std::string> seen;
  bool has_id = false;
  for (std::size_t i = 0; i < header.size(); ++i) {
    auto params = column_params(header[i], i);
    const std::optional<Column> column = column_of(header[i], i);
    if (!column) {
      if (header[i].find('.') == std::string::npos && !header[i].empty())
        params.push_back(text_param("suggestion", "properties." + header[i]));
      problems.push_back(file_violation(Code::batch_unknown_column, std::move(params)));
    } else if (!seen.insert(column->pointer).second) {
      problems.push_back(file_violation(Code::batch_duplicate_column, std::move(params)));
    } else {
      has_id = has_id || column->member == Member::user_group_id;
      columns.push_back(*column);
    }
  }
  if (!has_id && problems.empty()) problems.push_back(file_violation(Code::batch_missing_column));
  return columns;
}

// The body one record maps to: members in the contract's order, mapping and properties entries
// in column order; an empty cell leaves its member out, but user_group_id is always written.
std::string body_of(const std::vector<Column>& columns, const std::vector<std::string>& cells) {
  JsonWriter out;
  out.begin_object();
  for (const Member member : kMembers) {
    bool opened = false;
    for (const Column& column : columns) {
      const std::string& cell = cells[column.index];
      if (column.member != member || (cell.empty() && member != Member::user_group_id)) continue;
      if (member == Member::user_group_id || member == Member::name) {
        out.key(member_name(member)).string(cell);
        continue;
      }
      if (!opened) out.key(member_name(member)).begin_object();
      opened = true;
      out.key(column.key).string(cell);
    }
    if (opened) out.end_object();
  }
  out.end_object();
  return std::move(out).take();
}

// A violation of the built body, told by the column it comes from: the longest column pointer
// that is its path or a prefix of it (a key's own problem lands on its column too).
void point_to_columns(Row& row, const std::vector<Column>& columns, const std::vector<std::string>& header) {
  for (Violation& v : row.report.violations) {
    v.position.reset();
    const Column* best = nullptr;
    for (const Column& column : columns) {
      const std::string& p = column.pointer;
      const bool covers = v.path == p || (v.path.size() > p.size() && v.path.compare(0, p.size(), p) == 0 &&
                                          v.path[p.size()] == '/');
      if (covers && (!best || p.size() > best->pointer.size())) best = &column;
    }
    if (!best) continue;
    for (Param& param : column_params(header[best->index], best->index)) v.params.push_back(std::move(param));
  }
}

const std::string& id_cell(const std::vector<Column>& columns, const std::vector<std::string>& cells) {
  for (const Column& column : columns)
    if (column.member == Member::user_group_id) return cells[column.index];
  return cells.front();  // read_header makes sure there is a user_group_id column
}

Batch csv_syntax_error(std::uint32_t line, std::string_view reason) {
  Batch batch;
  batch.file_violations.push_back(file_violation(
      Code::batch_csv_syntax, {text_param("reason", std::string(reason)), number_param("line", line)}));
  return batch;
}

// batch.csv_syntax at the line of the first byte that is not UTF-8, or nothing.
std::optional<Batch> csv_encoding_error(std::string_view bytes) {
  const auto bad = detail::validate_utf8(bytes);
  if (!bad) return std::nullopt;
  const auto line = 1 + std::count(bytes.begin(), bytes.begin() + std::ptrdiff_t(bad->offset), '\n');
  return csv_syntax_error(static_cast<std::uint32_t>(line), std::string("not UTF-8: ") + bad->reason);
}

// The rows of tokenised records: records[0] is the header.
Batch map_records(const std::vector<CsvRecord>& records) {
  Batch batch;
  if (records.size() > kMaxRows + 1) return too_many_rows();
  if (records.size() < 2) {
    batch.file_violations.push_back(file_violation(Code::batch_empty));
    return batch;
  }
  const std::vector<std::string>& header = records[0].cells;
  const std::vector<Column> columns = read_header(header, batch.file_violations);
  if (!batch.sendable()) return batch;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& record = records[r];
    const auto number = static_cast<std::uint32_t>(r + 1);
    if (record.cells.size() != header.size()) {
      Row row;
      row.row = number;
      row.line = record.line;
      row.report.valid = false;
      row.report.violations.push_back(file_violation(
          Code::batch_cell_count,
          {number_param("actual", record.cells.size()), number_param("expected", header.size())}));
      batch.rows.push_back(std::move(row));
      continue;
    }
    Row row = make_row(number, record.line, body_of(columns, record.cells));
    row.user_group_id = id_cell(columns, record.cells);
    point_to_columns(row, columns, header);
    batch.rows.push_back(std::move(row));
  }
  return batch;
}

}  // namespace

bool Batch::sendable() const {
  for (const Violation& v : file_violations)
    if (v.severity == Severity::error) return false;
  return true;
}

Batch parse_ndjson(std::string_view text) {
  Batch batch;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  std::uint32_t line = 0;
  while (!text.empty()) {
    ++line;
    const std::size_t eol = text.find('\n');
    std::string_view body = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
    if (blank(body)) continue;
    if (batch.rows.size() == kMaxRows) return too_many_rows();
    batch.rows.push_back(make_row(line, line, std::string(body)));
  }
  if (batch.rows.empty()) batch.file_violations.push_back(file_violation(Code::batch_empty));
  return batch;
}

Batch parse_csv(std::string_view bytes) {
  if (auto bad = csv_encoding_error(bytes)) return std::move(*bad);
  CsvTokens tokens = tokenize_csv(bytes);
  if (tokens.error) return csv_syntax_error(tokens.error->line, tokens.error->reason);
  return map_records(tokens.records);
}

std::string first_problem(const Report& report) {
  const Violation* first = nullptr;
  for (const Violation& v : report.violations)
    if (!first || (first->severity != Severity::error && v.severity == Severity::error)) first = &v;
  if (!first) return "";
  std::string where;
  for (const Param& p : first->params)
    if (p.name == "column") where = " in column " + p.value;
  if (where.empty() && !first->path.empty()) where = " at " + first->path;
  return std::string(code_id(first->code)) + where + ": " + first->message;
}

std::string to_json(const Batch& batch) {
  std::size_t valid = 0;
  for (const Row& row : batch.rows) valid += row.report.valid ? 1 : 0;
  JsonWriter out;
  out.begin_object();
  out.key("valid")
      .number(std::uint64_t(valid))
      .key("invalid")
      .number(std::uint64_t(batch.rows.size() - valid));
  out.key("sendable").boolean(batch.sendable());
  out.key("violations");
  write_json(out, batch.file_violations);
  out.key("rows").begin_array();
  for (const Row& row : batch.rows) {
    out.begin_object();
    out.key("row").number(std::uint64_t(row.row)).key("line").number(std::uint64_t(row.line));
    out.key("user_group_id").string(row.user_group_id).key("digest").string(row.digest);
    out.key("body").string(row.body).key("valid").boolean(row.report.valid);
    out.key("problem").string(first_problem(row.report));
    out.key("violations");
    write_json(out, row.report.violations);
    out.end_object();
  }
  out.end_array().end_object();
  return std::move(out).take();
}

}  // namespace userapi::batch
