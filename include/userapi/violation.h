// Violations: what every check in userapi returns.
//
// A check never throws. It returns a Report: `valid` plus the violations, sorted by location,
// path and code. Each violation names its rule with a stable code (see codes.h); the message is
// for people and may change, the code may not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/codes.h"

namespace userapi {

/// Which input a violation is about.
/// `file`: a batch file as a whole (its CSV header, its syntax) or a CSV row's shape.
enum class Location : std::uint8_t { base_url, body, response, token, file };

/// `error` makes a report invalid; `warning` does not.
enum class Severity : std::uint8_t { error, warning };

std::string_view to_string(Location location);
std::string_view to_string(Severity severity);

/// One fact about a violation, e.g. {"limit", "255", numeric}. Never holds a token.
struct Param {
  std::string name;
  std::string value;     ///< the text of the value; numbers as their decimal digits
  bool numeric = false;  ///< true: written as a JSON number; false: as a JSON string
};

/// Where a violation starts in its input.
struct Position {
  std::uint32_t offset = 0;  ///< byte offset, 0-based
  std::uint32_t line = 0;    ///< 1-based; line breaks are LF, CRLF and lone CR
  std::uint32_t column = 0;  ///< 1-based, counted in Unicode code points
  std::uint32_t end = 0;     ///< byte offset just past the offending key or value
  /// The same range [from, to) in UTF-16 code units: the indices of a JavaScript string, so an
  /// editor can underline the key or value exactly.
  std::uint32_t from = 0;
  std::uint32_t to = 0;
};

struct Violation {
  Location location = Location::body;
  std::string path;  ///< RFC 6901 JSON Pointer into the input; "" is the whole input
  Code code = Code::json_syntax;
  Severity severity = Severity::error;
  std::string message;
  std::vector<Param> params;
  std::optional<Position> position;  ///< absent when there is no place (a missing member)
};

/// The result of a check. `valid` is true when no violation is an error.
struct Report {
  bool valid = true;
  std::vector<Violation> violations;
};

class JsonWriter;

/// Writes a report as the contract's JSON: {"valid":true,"violations":[...]}.
/// Field order is fixed (location, path, code, severity, message, params, offset, line, column,
/// from, to), so native and WebAssembly builds print byte-identical text.
std::string to_json(const Report& report);

/// One violation as a JSON object (the element format of to_json), and a list as an array.
void write_json(JsonWriter& out, const Violation& violation);
void write_json(JsonWriter& out, const std::vector<Violation>& violations);

/// The "valid" and "violations" members of a report, into an object the caller has opened.
void write_members(JsonWriter& out, const Report& report);

}  // namespace userapi
