// userapi validate [FILE|-] [--format text|json]
// userapi validate --batch FILE [--batch-format csv|ndjson] [--format text|json]
#include <iostream>
#include <memory>

#include "batch_file.h"
#include "commands.h"
#include "io.h"
#include "options.h"
#include "progress.h"
#include "userapi/batch.h"
#include "userapi/validate.h"

namespace cli {
namespace {

struct ValidateOptions {
  std::string file = "-";
  std::string format;
  std::string batch;
  std::string batch_format;
};

// Every row checked as `send --batch` checks them, nothing sent: the problems and a summary, or
// (json) the core's batch::to_json, rows and bodies included.
int run_batch(const ValidateOptions& o) {
  bool csv = false;
  const auto batch = read_batch(o.batch, o.batch_format, "validate", csv);
  if (!batch) return kUsage;
  std::size_t valid = 0;
  for (const auto& row : batch->rows) valid += row.report.valid ? 1 : 0;
  const std::size_t invalid = batch->rows.size() - valid;
  if (o.format == "json") {
    std::cout << userapi::batch::to_json(*batch) << "\n";
  } else {
    print_batch_problems(*batch, csv, display_name(o.batch), std::cout);
    if (batch->sendable())
      std::cout << thousands(valid) << " valid, " << thousands(invalid) << " invalid; nothing sent\n";
    else
      std::cout << display_name(o.batch) << " cannot be read as a batch; nothing can be sent\n";
  }
  return batch->sendable() && invalid == 0 ? kValid : kInvalid;
}

int run(const ValidateOptions& o) {
  if (!o.batch.empty()) return run_batch(o);
  std::string error;
  auto text = read_input(o.file, error);
  if (!text) return fail(error);
  const userapi::Report report = localized(userapi::validate_body(*text));
  if (o.format == "json")
    std::cout << userapi::to_json(report) << "\n";
  else
    print_text(report, display_name(o.file), std::cout);
  return report.valid ? kValid : kInvalid;
}

}  // namespace

void add_validate_command(CLI::App& app, int& status) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check a request body, or every row of a batch file, against the contract.");
  CLI::Option* file = add_input(*command, o->file, "the request body (JSON)");
  add_format(*command, o->format, {"text", "json"});
  CLI::Option* batch =
      command
          ->add_option("--batch", o->batch, "check every row of FILE (CSV or NDJSON) as send --batch would")
          ->type_name("FILE")
          ->excludes(file);
  command->add_option("--batch-format", o->batch_format, "the batch file's format (default: from its name)")
      ->type_name("csv|ndjson")
      ->check(CLI::IsMember({"csv", "ndjson"}).description(""))
      ->needs(batch);
  command->footer(
      "Exit status: 0 valid, 1 invalid, 2 usage or I/O error. json prints {\"valid\",\"violations\"}; with "
      "--batch, 0 only when every row is valid, and json prints the rows "
      "({\"valid\",\"invalid\",\"sendable\","
      "\"violations\",\"rows\"}).");
  command->callback([o, &status] { status = run(*o); });
}

}  // namespace cli
