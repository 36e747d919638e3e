// userapi: validate, build and check Update User requests (PUT /api/user).
#include <cstring>
#include <iostream>

#include "commands.h"
#include "io.h"

namespace {

constexpr const char* kUsageText =
    "usage: userapi <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate [FILE|-] [--format text|json]\n"
    "      check a request body against the contract\n"
    "  build [FILE|-] [--base-url URL] (--token T | --token-env NAME)\n"
    "        [--format json|LANGUAGE] [--token-mode redact|env:NAME|inline]\n"
    "      check the body, base URL and token, and print the request or a snippet that sends it;\n"
    "      LANGUAGE: curl, fetch, python, http (the raw message), httpie, wget, go, java, php, ruby,\n"
    "      node, python-http (see docs/snippets.md)\n"
    "      the token is shown only with --token-mode inline (default base URL: https://api.mintlify.com)\n"
    "  check-response [FILE|-] --status N [--request BODY_FILE] [--format text|json]\n"
    "      check a response of PUT /api/user, against the body that was sent when given;\n"
    "      exits 0 only for a valid response whose outcome is success\n"
    "  serve [--host 127.0.0.1] [--port 8787] [--db PATH] [--token T] [--allow-origin ORIGIN ...] [--web "
    "DIR]\n"
    "      run the local sandbox of PUT /api/user (SQLite store at data/sandbox.db), serving DIR at /\n"
    "\n"
    "Exit status: 0 valid, 1 invalid, 2 usage or I/O error.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsageText;
    return cli::kUsage;
  }
  const std::string command = argv[1];
  if (command == "validate") return cli::validate_command(argc, argv);
  if (command == "build") return cli::build_command(argc, argv);
  if (command == "check-response") return cli::check_response_command(argc, argv);
  if (command == "serve") return cli::serve_command(argc, argv);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsageText;
    return 0;
  }
  std::cerr << "userapi: unknown command '" << command << "'\n" << kUsageText;
  return cli::kUsage;
}
