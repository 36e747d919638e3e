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
    "  validate [FILE|-] [--format text|json]   check a request body against the contract\n"
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
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsageText;
    return 0;
  }
  std::cerr << "userapi: unknown command '" << command << "'\n" << kUsageText;
  return cli::kUsage;
}
