// The userapi subcommands. Each adds itself to the application; its callback runs the command
// once the arguments are parsed and stores the exit status in `status`.
#pragma once

#include <CLI/CLI.hpp>

namespace cli {

void add_validate_command(CLI::App& app, int& status);
void add_build_command(CLI::App& app, int& status);
void add_send_command(CLI::App& app, int& status);
void add_check_response_command(CLI::App& app, int& status);
void add_serve_command(CLI::App& app, int& status);

}  // namespace cli
