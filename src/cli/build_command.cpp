// userapi build [FILE|-] [--base-url URL] (--token T | --token-env NAME)
//               [--format json|LANGUAGE] [--token-mode redact|env:NAME|inline]
//   LANGUAGE: a name of userapi::kLanguages (curl, fetch, python, http, httpie, wget, go, ...)
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "io.h"
#include "options.h"
#include "userapi/contract.h"
#include "userapi/request.h"
#include "userapi/snippet.h"

namespace cli {
namespace {

struct BuildOptions {
  std::string file = "-";
  std::string base_url{userapi::contract::kDefaultBaseUrl};
  TokenOptions token;
  std::string format;
  std::string token_mode = "redact";
};

int run(const CLI::App& command, const BuildOptions& o) {
  const auto mode = userapi::parse_token_mode(o.token_mode);
  if (!mode)
    return fail(
        "--token-mode must be redact, inline or env:NAME (NAME: letters, digits and _, not a variable the "
        "shell sets itself such as PWD or PATH)");
  std::string error;
  const auto token = resolve_token(command, o.token, error);
  if (!token) return fail(error);
  auto body = read_input(o.file, error);
  if (!body) return fail(error);
  const userapi::BuildResult result = localized(userapi::build_request(*body, o.base_url, *token));

  if (o.format == "json") {
    std::cout << userapi::to_json(result, *mode) << "\n";
  } else {
    // Violations (warnings included) go to stderr so stdout holds only the snippet.
    print_text(result.report, display_name(o.file), std::cerr);
    if (result.request)
      std::cout << userapi::render_snippet(*result.request, *userapi::parse_language(o.format), *mode);
  }
  return result.report.valid ? kValid : kInvalid;
}

}  // namespace

void add_build_command(CLI::App& app, int& status) {
  auto o = std::make_shared<BuildOptions>();
  CLI::App* command = app.add_subcommand(
      "build", "Check the body, base URL and token, and print the request or a snippet that sends it.");
  add_input(*command, o->file, "the request body (JSON)");
  command->add_option("--base-url", o->base_url, "the API's base URL")
      ->type_name("URL")
      ->capture_default_str();
  add_token(*command, o->token);
  std::vector<std::string> formats{"json"};  // then every language the core renders snippets in
  for (const auto& language : userapi::kLanguages) formats.emplace_back(language.name);
  add_format(*command, o->format, formats);
  command->add_option("--token-mode", o->token_mode, "how a snippet holds the token; only inline prints it")
      ->type_name("redact|env:NAME|inline")
      ->capture_default_str();
  command->footer("Exit status: 0 valid, 1 invalid, 2 usage or I/O error.");
  command->callback([command, o, &status] { status = run(*command, *o); });
}

}  // namespace cli
