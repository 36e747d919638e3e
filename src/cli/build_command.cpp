// userapi build [FILE|-] [--base-url URL] (--token T | --token-env NAME)
//               [--format json|LANGUAGE] [--token-mode redact|env:NAME|inline]
//   LANGUAGE: a name of userapi::kLanguageNames (curl, fetch, python, http, httpie, wget, go, ...)
#include <cstdlib>
#include <iostream>

#include "commands.h"
#include "io.h"
#include "userapi/request.h"
#include "userapi/snippet.h"

namespace cli {

int build_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, error);
  if (!args) return fail(error);
  if (auto bad = args->unknown({"base-url", "token", "token-env", "format", "token-mode"}))
    return fail("unknown option " + *bad + " for build");
  if (args->positional.size() > 1) return fail("build takes one FILE (or - for standard input)");

  const std::string format = args->get("format").value_or("json");
  const auto language = userapi::parse_language(format);
  if (format != "json" && !language) {
    std::string names;
    for (std::string_view name : userapi::kLanguageNames) names += ", " + std::string(name);
    return fail("--format must be one of json" + names + "; not " + format);
  }
  const auto mode = userapi::parse_token_mode(args->get("token-mode").value_or("redact"));
  if (!mode)
    return fail(
        "--token-mode must be redact, inline or env:NAME (NAME: letters, digits and _, not a variable the "
        "shell sets itself such as PWD or PATH)");

  const auto token_flag = args->get("token");
  const auto token_env = args->get("token-env");
  if (token_flag && token_env) return fail("give --token or --token-env, not both");
  if (!token_flag && !token_env) return fail("build needs --token T or --token-env NAME");
  std::string token;
  if (token_flag) {
    token = *token_flag;
  } else {
    const char* value = std::getenv(token_env->c_str());
    if (!value) return fail("environment variable " + *token_env + " is not set");
    token = value;
  }

  const std::string path = args->positional.empty() ? "-" : args->positional[0];
  auto body = read_input(path, error);
  if (!body) return fail(error);
  const std::string base_url =
      args->get("base-url").value_or(std::string(userapi::contract::kDefaultBaseUrl));
  const userapi::BuildResult result = userapi::build_request(*body, base_url, token);

  if (format == "json") {
    std::cout << userapi::to_json(result, *mode) << "\n";
  } else {
    // Violations (warnings included) go to stderr so stdout holds only the snippet.
    print_text(result.report, path == "-" ? "<stdin>" : path, std::cerr);
    if (result.request) std::cout << userapi::render_snippet(*result.request, *language, *mode);
  }
  return result.report.valid ? kValid : kInvalid;
}

}  // namespace cli
