// The userapi subcommands. Each takes the arguments after its name and returns an exit code.
#pragma once

namespace cli {

int validate_command(int argc, char** argv);
int build_command(int argc, char** argv);
int check_response_command(int argc, char** argv);
int serve_command(int argc, char** argv);

}  // namespace cli
