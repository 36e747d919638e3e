// Tokenises a CSV file (RFC 4180) with Debian's libcsv into the records the core's
// batch::parse_csv maps to bodies, each with the file line it starts on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/batch.h"

namespace cli {

struct CsvSyntaxError {
  std::uint32_t line = 0;  ///< the file line where the tokeniser stopped
  std::string reason;
};

struct CsvRead {
  std::vector<userapi::batch::CsvRecord> records;  ///< the header first; empty lines are skipped
  std::optional<CsvSyntaxError> error;             ///< set: `records` holds those before it
};

/// libcsv in strict mode: text after a closing quote and a quoted field left open at the end are
/// errors; a quote inside an unquoted field is a character (as Papa Parse, the module's
/// tokeniser, reads it). Cells are kept exactly (no trimming of spaces); empty lines are skipped;
/// a UTF-8 byte order mark at the start is dropped. Lines end with LF, CRLF or a lone CR.
CsvRead read_csv(std::string_view text);

}  // namespace cli
