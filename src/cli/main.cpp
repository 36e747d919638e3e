// userapi: validate, build, send and check Update User requests (PUT {base}/api/user), and run
// the local sandbox. The arguments are parsed by CLI11; each command lives in its own file.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "io.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Validate, build, send and check Update User requests (PUT {base}/api/user), and run a local "
      "sandbox of the API with the playground page.",
      "userapi"};
  app.set_version_flag("--version", "userapi " USERAPI_VERSION, "Print the version and exit");
  app.require_subcommand(1);
  // Accepted before or after the command (fallthrough, inherited by every command); not in the
  // commands' own --help, which list their options.
  app.fallthrough();
  app.add_option("--lang", cli::lang_option(),
                 "language of the messages: de, fr, es, pt-BR, ja, zh-Hans or any BCP 47 tag (default: "
                 "LC_ALL, LC_MESSAGES or LANG; English when none matches)")
      ->type_name("TAG");
  int status = cli::kValid;
  cli::add_validate_command(app, status);
  cli::add_build_command(app, status);
  cli::add_send_command(app, status);
  cli::add_check_response_command(app, status);
  cli::add_serve_command(app, status);
  // After the commands, which would otherwise inherit it.
  app.footer(
      "Run 'userapi COMMAND --help' for the options of a command.\n"
      "Exit status: 0 valid (for send and check-response: a valid successful response), 1 invalid or a "
      "failed outcome, 2 usage or I/O error, 3 network error or timeout (send).");

  if (argc > 1 && argv[1][0] != '-' &&
      app.get_subcommands([&](CLI::App* c) { return c->check_name(argv[1]); }).empty()) {
    std::cerr << "userapi: unknown command '" << argv[1] << "'\nRun 'userapi --help' for the commands.\n";
    return cli::kUsage;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version: printed to stdout
    const auto parsed = app.get_subcommands();
    const std::string command = parsed.empty() ? "" : parsed.front()->get_name();
    std::cerr << "userapi: " << (command.empty() ? "" : command + ": ") << e.what() << "\n"
              << "Run 'userapi " << (command.empty() ? "" : command + " ") << "--help' for the options.\n";
    return cli::kUsage;
  }
  return status;
}
