// Loads the language-neutral corpus in tests/vectors (format: tests/vectors/README.md).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "userapi/violation.h"

namespace vectors {

struct Expected {
  std::string location, path, code, severity;
  int line = 0, column = 0;                                 // 0: not given
  long offset = -1;                                         // -1: not given
  long from = -1, to = -1;                                  // UTF-16 range; -1: not given
  std::vector<std::pair<std::string, std::string>> params;  // name -> value as compact JSON
};

struct BodyCase {
  std::string file, name, body;
  bool valid = false;
  std::vector<Expected> violations;
};

/// Every case of tests/vectors/body/*.json, in file and array order.
std::vector<BodyCase> load_body_cases();

struct BuildCase {
  std::string file, name, body;
  std::optional<std::string> base_url;  ///< absent: the default base URL
  std::string token;
  bool valid = false;
  std::vector<Expected> violations;
  bool has_request = false;  ///< "request" present: a request must be built
  std::string method, url, request_body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Every case of tests/vectors/build/*.json, in file and array order.
std::vector<BuildCase> load_build_cases();

struct ResponseCase {
  std::string file, name, text;
  int status = 0;
  std::optional<std::string> sent_body;
  bool valid = false;
  std::string outcome;
  std::vector<Expected> violations;
  std::optional<std::string> server_message, server_violations;  ///< absent: nothing passed through
};

/// Every case of tests/vectors/response/*.json, in file and array order.
std::vector<ResponseCase> load_response_cases();

struct CsvCase {
  std::string file, name, csv;
  /// One line per record, as describe_record writes it, or the one line of describe_error.
  std::vector<std::string> expected;
};

/// Every case of tests/vectors/csv/*.json, in file and array order.
std::vector<CsvCase> load_csv_cases();

/// "line 3: ["a","b"]": a record's line and its cells as JSON strings.
std::string describe_record(std::uint32_t line, const std::vector<std::string>& cells);

/// "line 2: error: REASON".
std::string describe_error(std::uint32_t line, const std::string& reason);

/// GoogleTest prints a case by its file and name.
void PrintTo(const BodyCase& c, std::ostream* out);
void PrintTo(const BuildCase& c, std::ostream* out);
void PrintTo(const ResponseCase& c, std::ostream* out);
void PrintTo(const CsvCase& c, std::ostream* out);

/// One line per expected violation, holding only the fields the case states.
std::string expected_line(const Expected& e);

/// The actual violation, reduced to the fields `like` states (same line format as above).
std::string actual_line(const userapi::Violation& v, const Expected& like);

/// Both lists as lines; actual violation i is reduced to the fields of expected violation i.
std::pair<std::vector<std::string>, std::vector<std::string>> describe_all(
    const std::vector<Expected>& expected, const std::vector<userapi::Violation>& actual);

/// Reads a whole file; an empty string when it cannot.
std::string read_file(const std::string& path);

}  // namespace vectors
