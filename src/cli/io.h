// Input and output helpers shared by the userapi commands.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/violation.h"

namespace cli {

/// Exit codes of every command.
enum Exit { kValid = 0, kInvalid = 1, kUsage = 2 };

/// Reads a whole file, or standard input for "-". On failure returns nothing and sets `error`.
std::optional<std::string> read_input(const std::string& path, std::string& error);

/// Prints `message` to stderr as "userapi: message" and returns kUsage.
int fail(std::string_view message);

/// Compiler-style lines: FILE:LINE:COL: error: /path: message [code]. Body and response
/// violations are labelled with `file_name`, the others with their location (base_url, token).
void print_text(const userapi::Report& report, std::string_view file_name, std::ostream& out);

/// Command-line options: positional arguments and --name value / --name=value pairs.
struct Args {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;
  /// The value of --name, or nothing when absent.
  std::optional<std::string> get(std::string_view name) const;
  /// Options present that are not in `known`, e.g. "--colour".
  std::optional<std::string> unknown(const std::vector<std::string_view>& known) const;
};

/// Splits argv; every option takes a value. Returns nothing and sets `error` on a dangling option.
std::optional<Args> parse_args(int argc, char** argv, int first, std::string& error);

}  // namespace cli
