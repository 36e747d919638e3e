// The options several userapi commands share, declared once on CLI11 subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cli {

/// The positional FILE (default "-", standard input). `--` before it allows a name such as "-x".
CLI::Option* add_input(CLI::App& command, std::string& file, const std::string& what);

/// --format with its allowed values; the first one is the default.
CLI::Option* add_format(CLI::App& command, std::string& format, const std::vector<std::string>& values);

/// --token T and --token-env NAME, which exclude each other.
struct TokenOptions {
  std::string token;
  std::string env_name;
};
void add_token(CLI::App& command, TokenOptions& options);

/// The token the options name. When neither is given or the variable is unset, returns nothing
/// and sets `error` (without the token: it never appears in output or errors).
std::optional<std::string> resolve_token(const CLI::App& command, const TokenOptions& options,
                                         std::string& error);

/// The file name to show in diagnostics: "<stdin>" for "-".
inline std::string display_name(const std::string& file) { return file == "-" ? "<stdin>" : file; }

}  // namespace cli
