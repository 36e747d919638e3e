// userapi validate [FILE|-] [--format text|json]
#include <iostream>

#include "commands.h"
#include "io.h"
#include "userapi/validate.h"

namespace cli {

int validate_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, error);
  if (!args) return fail(error);
  if (auto bad = args->unknown({"format"})) return fail("unknown option " + *bad + " for validate");
  if (args->positional.size() > 1) return fail("validate takes one FILE (or - for standard input)");
  const std::string path = args->positional.empty() ? "-" : args->positional[0];
  const std::string format = args->get("format").value_or("text");
  if (format != "text" && format != "json") return fail("--format must be text or json, not " + format);

  auto text = read_input(path, error);
  if (!text) return fail(error);
  const userapi::Report report = userapi::validate_body(*text);
  if (format == "json")
    std::cout << userapi::to_json(report) << "\n";
  else
    print_text(report, path == "-" ? "<stdin>" : path, std::cout);
  return report.valid ? kValid : kInvalid;
}

}  // namespace cli
