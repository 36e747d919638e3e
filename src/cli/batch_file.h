// Batch files for `userapi send --batch` and `userapi validate --batch`: the format (from the
// name or --batch-format), the rows (the core's batch::parse_ndjson and batch::parse_csv) and
// their problems printed where a person finds them.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "userapi/batch.h"

namespace cli {

/// Reads FILE ("-": standard input) as `format` (csv, ndjson, or "" from the file name: .csv,
/// .ndjson, .jsonl) and parses it; `csv` says which it was. Nothing, with the error printed as
/// "userapi: COMMAND: ...", when the format is unknown or the file cannot be read.
std::optional<userapi::batch::Batch> read_batch(const std::string& file, const std::string& format,
                                                const std::string& command, bool& csv);

/// Every problem of the file and of its rows: for the file `FILE: ...` (`FILE:LINE` for a CSV
/// syntax error, `FILE: header, column NAME` for a header cell); for NDJSON rows
/// `FILE:LINE:COLUMN: error: /path: message [code]`; for CSV rows `FILE: row R, column NAME: ...`.
void print_batch_problems(const userapi::batch::Batch& batch, bool csv, const std::string& name,
                          std::ostream& out);

}  // namespace cli
