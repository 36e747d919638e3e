#include "options.h"

#include <cstdlib>

namespace cli {

CLI::Option* add_input(CLI::App& command, std::string& file, const std::string& what) {
  return command
      .add_option("FILE", file,
                  what + "; - or nothing reads standard input (use -- FILE for a name starting with -)")
      ->type_name("");  // the name says FILE; the text says what - means
}

CLI::Option* add_format(CLI::App& command, std::string& format, const std::vector<std::string>& allowed) {
  std::string names;
  for (const auto& v : allowed) names += (names.empty() ? "" : "|") + v;
  format = allowed.front();
  return command.add_option("--format", format, "output format (default " + allowed.front() + ")")
      ->type_name(names)
      ->check(CLI::IsMember(allowed).description(""));  // the type name lists them
}

void add_token(CLI::App& command, TokenOptions& options) {
  auto* token = command.add_option("--token", options.token, "the API token (visible to other users in ps)")
                    ->type_name("T");
  command
      .add_option("--token-env", options.env_name, "read the API token from the environment variable NAME")
      ->type_name("NAME")
      ->excludes(token);
}

std::optional<std::string> resolve_token(const CLI::App& command, const TokenOptions& options,
                                         std::string& error) {
  if (command.count("--token")) return options.token;
  if (!command.count("--token-env")) {
    error = command.get_name() + " needs --token T or --token-env NAME";
    return std::nullopt;
  }
  const char* value = std::getenv(options.env_name.c_str());
  if (!value) {
    error = "environment variable " + options.env_name + " is not set";
    return std::nullopt;
  }
  return std::string(value);
}

}  // namespace cli
