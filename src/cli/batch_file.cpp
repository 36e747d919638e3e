#include "batch_file.h"

#include <cctype>

#include "io.h"
#include "options.h"

namespace cli {
namespace {

namespace batch = userapi::batch;
using userapi::Violation;

bool ends_with(const std::string& text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

// csv or ndjson: --batch-format, else the file's extension; nothing otherwise.
std::optional<std::string> format_of(const std::string& file, const std::string& format) {
  if (!format.empty()) return format;
  if (ends_with(file, ".csv")) return std::string("csv");
  if (ends_with(file, ".ndjson") || ends_with(file, ".jsonl")) return std::string("ndjson");
  return std::nullopt;
}

std::string param(const Violation& v, std::string_view name) {
  for (const auto& p : v.params)
    if (p.name == name) return p.value;
  return "";
}

// "error: /path: message [code]", the end of every problem line.
void print_tail(const Violation& v, bool with_path, std::ostream& out) {
  out << userapi::to_string(v.severity) << ": ";
  if (with_path) out << (v.path.empty() ? "(root)" : v.path) << ": ";
  out << v.message << " [" << userapi::code_id(v.code) << "]\n";
}

// FILE:LINE: ... for a CSV syntax error; FILE: header, column NAME: ... for a header cell.
void print_file_problems(const batch::Batch& b, const std::string& name, std::ostream& out) {
  for (const Violation& v : b.file_violations) {
    out << name;
    if (const std::string line = param(v, "line"); !line.empty()) out << ':' << line;
    if (const std::string column = param(v, "column"); !column.empty()) out << ": header, column " << column;
    out << ": ";
    print_tail(v, false, out);
  }
}

// NDJSON: FILE:LINE:COLUMN: ... (positions are in the line's body); CSV: FILE: row R, column NAME: ...
void print_row_problems(const batch::Row& row, bool csv, const std::string& name, std::ostream& out) {
  for (const Violation& v : row.report.violations) {
    out << name;
    if (csv) {
      out << ": row " << row.row;
      if (const std::string column = param(v, "column"); !column.empty()) out << ", column " << column;
      out << ": ";
      print_tail(v, param(v, "column").empty() && !v.path.empty(), out);
      continue;
    }
    out << ':' << (v.position ? row.line + v.position->line - 1 : row.line);
    if (v.position) out << ':' << v.position->column;
    out << ": ";
    print_tail(v, true, out);
  }
}

}  // namespace

std::optional<batch::Batch> read_batch(const std::string& file, const std::string& format,
                                       const std::string& command, bool& csv) {
  const auto kind = format_of(file, format);
  if (!kind) {
    fail(command + ": cannot tell the format of " + display_name(file) +
         " from its name (.csv, .ndjson, .jsonl); give --batch-format csv|ndjson");
    return std::nullopt;
  }
  std::string error;
  const auto text = read_input(file, error);
  if (!text) {
    fail(command + ": " + error);
    return std::nullopt;
  }
  csv = *kind == "csv";
  batch::Batch parsed = csv ? batch::parse_csv(*text) : batch::parse_ndjson(*text);
  userapi::localize(parsed.file_violations, messages_locale());
  for (batch::Row& row : parsed.rows) userapi::localize(row.report, messages_locale());
  return parsed;
}

void print_batch_problems(const batch::Batch& b, bool csv, const std::string& name, std::ostream& out) {
  print_file_problems(b, name, out);
  for (const batch::Row& row : b.rows) print_row_problems(row, csv, name, out);
}

}  // namespace cli
