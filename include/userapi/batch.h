// Batches: many Update User bodies from one file (NDJSON or CSV), each checked by the core before
// anything is sent, and the report of sending them. The CLI (`userapi send --batch`) and the
// module (`api.parseBatch`, `api.sendBatch`) both use these functions, so a file gets the same
// rows, verdicts, retry delays and report everywhere. The mapping is documented in docs/batch.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/contract.h"
#include "userapi/violation.h"

namespace userapi::batch {

/// A batch holds at most this many rows (data lines of NDJSON, data records of CSV).
inline constexpr std::size_t kMaxRows = 100000;

/// One row of a batch file, as a body.
struct Row {
  /// Where the user finds the row: for NDJSON its line, for CSV its record number counting the
  /// header as 1 (the row number a spreadsheet shows).
  std::uint32_t row = 0;
  std::uint32_t line = 0;  ///< the file line the row starts on, 1-based
  /// The body checked and sent: an NDJSON line as written (without its line break), or the
  /// compact JSON the CSV mapping builds.
  std::string body;
  std::string user_group_id;  ///< the body's top-level user_group_id when it is a string, else ""
  std::string digest;         ///< 16 hex digits (FNV-1a 64 of body): ties a report row to this body
  /// validate_body(body); for CSV, each violation also gets the params `column` (header name) and
  /// `column_number` (1-based), and no position (positions in the built body mean nothing to the
  /// user).
  Report report;
};

/// A parsed batch: problems of the file as a whole (location file), and its rows.
struct Batch {
  std::vector<Violation> file_violations;  ///< e.g. batch.unknown_column; any error: nothing may be sent
  std::vector<Row> rows;
  bool sendable() const;  ///< no file error
};

/// NDJSON: one body per line (LF or CRLF); lines holding only white space are skipped.
Batch parse_ndjson(std::string_view text);

/// A CSV record: its cells, and the file line it starts on (1-based; a byte order mark is not a
/// line, a line break inside a quoted cell is).
struct CsvRecord {
  std::uint32_t line = 0;
  std::vector<std::string> cells;
};

/// Why a file is not CSV, and the line where that shows: "text after a closing quote" (its line)
/// or "a quoted field is not closed before the end of the file" (the line the record starts on).
struct CsvSyntaxError {
  std::uint32_t line = 0;
  std::string reason;
};

/// A file as tokenize_csv splits it: its records, or (and then no records) its syntax error.
struct CsvTokens {
  std::vector<CsvRecord> records;
  std::optional<CsvSyntaxError> error;
};

/// The one CSV tokeniser of batch files, the same in the CLI and the module (docs/batch.md): RFC
/// 4180 with comma separators. A cell that starts with `"` is quoted: it ends at the next lone
/// `"`, `""` inside is one quote, and it may hold commas and line breaks (kept as they are); after
/// its closing quote only a comma, a line break or the end may follow. Any other cell runs to the
/// next comma or line break, and a quote in it is a character. Records end with LF, CRLF or a lone
/// CR, or at the end of the file (a last line break is optional). Cells are kept exactly (no
/// trimming); empty lines hold no record (a line of one space is a record of one cell); a UTF-8
/// byte order mark at the start is dropped. Bytes are not decoded: parse_csv checks the encoding.
CsvTokens tokenize_csv(std::string_view text);

/// CSV: the file's bytes (UTF-8; else batch.csv_syntax at the line of the first bad byte),
/// tokenised by tokenize_csv (its syntax error is batch.csv_syntax with `reason` and `line`), the
/// first record the header. The mapping: `user_group_id` (required), `name`, `mapping.<schema id>`
/// and `properties.<key>` columns; every cell is a string; an empty cell leaves its member out
/// (user_group_id is always written); a record of another width than the header is an invalid row
/// (batch.cell_count).
Batch parse_csv(std::string_view bytes);

/// A row's first error (else its first warning) in one line, for reports: "code in column C:
/// message" for CSV, "code at /path: message" otherwise; "" for a report without violations.
std::string first_problem(const Report& report);

/// `{"valid":n,"invalid":n,"sendable":bool,"violations":[...],"rows":[{"row","line",
/// "user_group_id","digest","body","valid","problem","violations"}]}`.
std::string to_json(const Batch& batch);

// ---- Sending ----

struct RetryPolicy {
  int max_attempts = 6;                             ///< attempts per row, the first included
  std::uint32_t base_ms = 200;                      ///< the first retry's delay before jitter
  std::uint32_t max_ms = contract::kSendTimeoutMs;  ///< no delay is longer, Retry-After included
};

/// 429 and every 5xx are retried; other statuses are final.
bool retryable_status(int status);

/// The delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed with `status`
/// (0: a network error or timeout), or nothing when the row is done: status not retryable, or
/// attempts used up. Exponential backoff with equal jitter (`unit` uniform in [0, 1)); a
/// Retry-After (delta-seconds or an HTTP date, read against `now_unix_ms`) is honoured, capped
/// at max_ms.
std::optional<std::uint32_t> retry_delay_ms(const RetryPolicy& policy, int attempt, int status,
                                            std::string_view retry_after, double unit,
                                            std::int64_t now_unix_ms);

/// What happened to a row.
enum class Outcome : std::uint8_t {
  /// A response check_response accepts (no error) with outcome success: a 2xx with "success": 1.
  /// `check` in the report is "valid", or the first error's code.
  succeeded,
  failed,     ///< any other final answer, or network errors until the attempts ran out
  invalid,    ///< the core found an error: never sent
  cancelled,  ///< not sent (or not finished) because the batch was cancelled
  skipped,    ///< succeeded in the report resumed from, with the same digest: not sent again
};
std::string_view to_string(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view text);

/// One line of a report. Never holds the token.
struct RowResult {
  std::uint32_t row = 0, line = 0;
  std::string user_group_id, digest;
  Outcome outcome = Outcome::cancelled;
  int status = 0;          ///< the last HTTP status; 0 when none
  int attempts = 0;        ///< requests sent for the row
  double duration_ms = 0;  ///< from the first attempt to the last answer, retry delays included
  std::string check;       ///< the response check: "valid", or the first code of its report; "" when none
  std::string error;       ///< why it failed or was not sent; "" when it succeeded
};

struct BatchReport {
  std::string file;               ///< the batch file's name, as given
  std::string base_url;           ///< where the rows were sent
  std::string started, finished;  ///< ISO 8601 UTC
  std::vector<RowResult> rows;    ///< in row order
};

/// The report's format name, its first member.
inline constexpr std::string_view kReportFormat = "userapi-batch-report/1";

/// How many rows of a report ended each way.
struct Summary {
  std::size_t rows = 0, succeeded = 0, failed = 0, invalid = 0, cancelled = 0, skipped = 0;
};
Summary summarize(const BatchReport& report);

/// The report as JSON: {"format":"userapi-batch-report/1","file","base_url","started","finished",
/// "summary":{"rows","succeeded","failed","invalid","cancelled","skipped"},"rows":[...]}; rows'
/// members in RowResult's order.
std::string report_json(const BatchReport& report);

/// The rows as CSV (RFC 4180, CRLF): header row, user_group_id, ..., error; one line per row.
std::string report_csv(const BatchReport& report);

/// Reads a report written by report_json (for --resume, and to rewrite a report the module made).
/// On failure, `error` says what and where and `report` is empty.
struct ParsedReport {
  std::optional<BatchReport> report;
  std::string error;
};
ParsedReport parse_report(std::string_view json);

/// For each of `rows`: whether it was done in `previous` (succeeded or skipped there, same row
/// number and digest), so a resumed batch does not send it again.
std::vector<bool> done_in(const BatchReport& previous, const std::vector<Row>& rows);

}  // namespace userapi::batch
