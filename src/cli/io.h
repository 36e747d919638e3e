// Input and output helpers shared by the userapi commands.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "userapi/violation.h"

namespace cli {

/// Exit codes of every command.
enum Exit { kValid = 0, kInvalid = 1, kUsage = 2, kNetwork = 3 };

/// Reads a whole file, or standard input for "-". On failure returns nothing and sets `error`.
std::optional<std::string> read_input(const std::string& path, std::string& error);

/// Prints `message` to stderr as "userapi: message" and returns kUsage.
int fail(std::string_view message);

/// Compiler-style lines: FILE:LINE:COL: error: /path: message [code]. Body and response
/// violations are labelled with `file_name`, the others with their location (base_url, token).
void print_text(const userapi::Report& report, std::string_view file_name, std::ostream& out);

}  // namespace cli
