#include "csv_reader.h"

#include <csv.h>

namespace cli {
namespace {

using userapi::batch::CsvRecord;

// What libcsv's callbacks build: the record in progress and the line it started on.
struct Builder {
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::uint32_t line = 0;  // the line being fed
  bool started = false;    // a record has begun (its first non-blank line was fed)
};

void on_field(void* data, std::size_t size, void* user) {
  auto& b = *static_cast<Builder*>(user);
  b.current.cells.emplace_back(static_cast<const char*>(data), size);
}

void on_record(int /*terminator*/, void* user) {
  auto& b = *static_cast<Builder*>(user);
  b.current.line = b.current.line ? b.current.line : b.line;
  b.records.push_back(std::move(b.current));
  b.current = CsvRecord{};
  b.started = false;
}

int never_space(unsigned char /*c*/) { return 0; }

// The end of the line that starts at `from`: just past its LF, CRLF or lone CR (or the end).
std::size_t line_end(std::string_view text, std::size_t from) {
  const std::size_t brk = text.find_first_of("\r\n", from);
  if (brk == std::string_view::npos) return text.size();
  return text[brk] == '\r' && brk + 1 < text.size() && text[brk + 1] == '\n' ? brk + 2 : brk + 1;
}

bool blank(std::string_view line) { return line.find_first_not_of("\r\n") == std::string_view::npos; }

}  // namespace

CsvRead read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  csv_parser parser{};
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_space_func(&parser, never_space);
  Builder b;
  CsvRead out;
  // Fed a line at a time, so a record's first line is known: the line fed when it begins.
  for (std::size_t at = 0; at < text.size() && !out.error;) {
    const std::size_t end = line_end(text, at);
    const std::string_view line = text.substr(at, end - at);
    ++b.line;
    if (!b.started && !blank(line)) {
      b.started = true;
      b.current.line = b.line;
    }
    if (csv_parse(&parser, line.data(), line.size(), on_field, on_record, &b) != line.size())
      out.error =
          CsvSyntaxError{b.line, csv_error(&parser) == CSV_EPARSE
                                     ? "a quote inside an unquoted field, or text after a closing quote"
                                     : csv_strerror(csv_error(&parser))};
    at = end;
  }
  if (!out.error && csv_fini(&parser, on_field, on_record, &b) != 0)
    out.error = CsvSyntaxError{b.current.line ? b.current.line : b.line,
                               "a quoted field is not closed before the end of the file"};
  csv_free(&parser);
  out.records = std::move(b.records);
  return out;
}

}  // namespace cli
