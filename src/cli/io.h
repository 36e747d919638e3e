// Input and output helpers shared by the userapi commands.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "userapi/locale.h"
#include "userapi/violation.h"

namespace cli {

/// Exit codes of every command.
enum Exit { kValid = 0, kInvalid = 1, kUsage = 2, kNetwork = 3 };

/// Reads a whole file, or standard input for "-". On failure returns nothing and sets `error`.
std::optional<std::string> read_input(const std::string& path, std::string& error);

/// Prints `message` to stderr as "userapi: message" and returns kUsage.
int fail(std::string_view message);

/// The --lang option's value ("" when not given), bound by main.
std::string& lang_option();

/// The language of the core's messages: --lang, else LC_ALL, LC_MESSAGES, LANG (the first one
/// set, as POSIX orders them), matched by userapi::match_locale; English when none matches.
userapi::Locale messages_locale();

/// The report's messages in messages_locale().
template <class Checked>
Checked localized(Checked checked) {
  userapi::localize(checked.report, messages_locale());
  return checked;
}
inline userapi::Report localized(userapi::Report report) {
  userapi::localize(report, messages_locale());
  return report;
}

/// Compiler-style lines: FILE:LINE:COL: error: /path: message [code]. Body and response
/// violations are labelled with `file_name`, the others with their location (base_url, token).
void print_text(const userapi::Report& report, std::string_view file_name, std::ostream& out);

}  // namespace cli
