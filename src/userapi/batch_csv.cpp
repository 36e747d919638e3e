// The CSV tokeniser of batch files (RFC 4180 with the few liberties docs/batch.md lists): the one
// the CLI and the module both use, so a file splits into the same records everywhere.
#include <algorithm>

#include "userapi/batch.h"

namespace userapi::batch {
namespace {

constexpr std::string_view kOpenQuote = "a quoted field is not closed before the end of the file";
constexpr std::string_view kAfterQuote = "text after a closing quote";

// The length of the line break at `at`: 2 for CRLF, 1 for LF or a lone CR, 0 for anything else.
std::size_t break_at(std::string_view text, std::size_t at) {
  if (at >= text.size() || (text[at] != '\r' && text[at] != '\n')) return 0;
  return text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n' ? 2 : 1;
}

// The line breaks in `span`, CRLF counting once.
std::uint32_t breaks_in(std::string_view span) {
  std::uint32_t lines = 0;
  for (std::size_t i = span.find_first_of("\r\n"); i != std::string_view::npos;
       i = span.find_first_of("\r\n", i + break_at(span, i)))
    ++lines;
  return lines;
}

// Where the tokeniser is: the text (byte order mark dropped), the next byte, its line.
struct Cursor {
  std::string_view text;
  std::size_t at = 0;
  std::uint32_t line = 1;
  bool done() const { return at >= text.size(); }
};

// A quoted cell from just past its opening quote to just past its closing one; `""` is a quote,
// line breaks are kept as they are. False when the file ends first.
bool read_quoted(Cursor& c, std::string& cell) {
  for (;;) {
    const std::size_t quote = c.text.find('"', c.at);
    const std::string_view span = c.text.substr(c.at, quote - c.at);
    cell.append(span);
    c.line += breaks_in(span);
    if (quote == std::string_view::npos) return false;
    c.at = quote + 1;
    if (c.done() || c.text[c.at] != '"') return true;
    cell += '"';
    ++c.at;
  }
}

// An unquoted cell: up to the next comma, line break or the end; a quote in it is a character.
void read_plain(Cursor& c, std::string& cell) {
  const std::size_t end = std::min(c.text.find_first_of(",\r\n", c.at), c.text.size());
  cell.append(c.text.substr(c.at, end - c.at));
  c.at = end;
}

// One record, from the start of a line that is not empty to just past its line break (or the
// end); on a syntax error, its reason and line.
std::optional<CsvSyntaxError> read_record(Cursor& c, CsvRecord& record) {
  for (;;) {
    std::string& cell = record.cells.emplace_back();
    if (!c.done() && c.text[c.at] == '"') {
      ++c.at;
      if (!read_quoted(c, cell)) return CsvSyntaxError{record.line, std::string(kOpenQuote)};
    } else {
      read_plain(c, cell);
    }
    if (c.done()) return std::nullopt;
    if (c.text[c.at] == ',') {
      ++c.at;
      continue;
    }
    const std::size_t brk = break_at(c.text, c.at);
    if (!brk) return CsvSyntaxError{c.line, std::string(kAfterQuote)};
    c.at += brk;
    ++c.line;
    return std::nullopt;
  }
}

}  // namespace

CsvTokens tokenize_csv(std::string_view text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  Cursor c{text};
  CsvTokens out;
  while (!c.done()) {
    if (const std::size_t brk = break_at(text, c.at)) {  // an empty line holds no record
      c.at += brk;
      ++c.line;
      continue;
    }
    CsvRecord& record = out.records.emplace_back();
    record.line = c.line;
    if (auto error = read_record(c, record)) {
      out.records.clear();
      out.error = std::move(error);
      break;
    }
  }
  return out;
}

}  // namespace userapi::batch
