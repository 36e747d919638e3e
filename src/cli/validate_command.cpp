// userapi validate [FILE|-] [--format text|json]
#include <iostream>
#include <memory>

#include "commands.h"
#include "io.h"
#include "options.h"
#include "userapi/validate.h"

namespace cli {
namespace {

struct ValidateOptions {
  std::string file = "-";
  std::string format;
};

int run(const ValidateOptions& o) {
  std::string error;
  auto text = read_input(o.file, error);
  if (!text) return fail(error);
  const userapi::Report report = userapi::validate_body(*text);
  if (o.format == "json")
    std::cout << userapi::to_json(report) << "\n";
  else
    print_text(report, display_name(o.file), std::cout);
  return report.valid ? kValid : kInvalid;
}

}  // namespace

void add_validate_command(CLI::App& app, int& status) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand("validate", "Check a request body against the contract.");
  add_input(*command, o->file, "the request body (JSON)");
  add_format(*command, o->format, {"text", "json"});
  command->footer(
      "Exit status: 0 valid, 1 invalid, 2 usage or I/O error. json prints {\"valid\",\"violations\"}.");
  command->callback([o, &status] { status = run(*o); });
}

}  // namespace cli
