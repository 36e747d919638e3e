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

constexpr unsigned char kStrict = CSV_STRICT | CSV_STRICT_FINI;

// Feeds one line; false on a syntax error. A quote inside an unquoted field (`5" screen`) is
// kept as a character, as Papa Parse (the module's tokeniser) reads it: strict mode stops there
// (the field is then not quoted), so that one byte is fed again without CSV_STRICT. Text after a
// closing quote (`"a"b`) stays an error, in both.
bool feed(csv_parser& parser, std::string_view line, Builder& b) {
  std::size_t fed = 0;
  while (fed < line.size()) {
    fed += csv_parse(&parser, line.data() + fed, line.size() - fed, on_field, on_record, &b);
    if (fed == line.size()) return true;
    if (csv_error(&parser) != CSV_EPARSE || parser.quoted) return false;
    parser.status = CSV_SUCCESS;
    csv_set_opts(&parser, CSV_STRICT_FINI);
    fed += csv_parse(&parser, line.data() + fed, 1, on_field, on_record, &b);
    csv_set_opts(&parser, kStrict);
  }
  return true;
}

}  // namespace

CsvRead read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  csv_parser parser{};
  csv_init(&parser, kStrict);
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
    if (!feed(parser, line, b))
      out.error = CsvSyntaxError{b.line, csv_error(&parser) == CSV_EPARSE ? "text after a closing quote"
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
