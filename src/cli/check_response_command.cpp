// userapi check-response [FILE|-] --status N [--request BODY_FILE] [--format text|json]
#include <iostream>
#include <memory>

#include "commands.h"
#include "io.h"
#include "options.h"
#include "userapi/response.h"
#include "userapi/safe_text.h"

namespace cli {

using userapi::safe_text;
namespace {

struct CheckResponseOptions {
  std::string file = "-";
  int status = 0;
  std::string request_file;
  std::string format;
};

int run(const CheckResponseOptions& o) {
  if (o.file == "-" && o.request_file == "-")
    return fail("the response and --request cannot both be standard input");
  std::string error;
  auto text = read_input(o.file, error);
  if (!text) return fail(error);
  std::optional<std::string> sent;
  if (!o.request_file.empty() && !(sent = read_input(o.request_file, error))) return fail(error);

  const userapi::ResponseCheck check = localized(userapi::check_response(o.status, *text, sent));
  if (o.format == "json") {
    std::cout << userapi::to_json(check) << "\n";
  } else {
    print_text(check.report, display_name(o.file), std::cout);
    std::cout << "outcome: " << (check.outcome == userapi::Outcome::success ? "success" : "failure")
              << " (HTTP " << o.status << ")\n";
    if (check.server_message) std::cout << "server says: " << safe_text(*check.server_message) << "\n";
  }
  return check.succeeded() ? kValid : kInvalid;
}

}  // namespace

void add_check_response_command(CLI::App& app, int& status) {
  auto o = std::make_shared<CheckResponseOptions>();
  CLI::App* command = app.add_subcommand(
      "check-response", "Check a response of PUT /api/user, against the body that was sent when given.");
  add_input(*command, o->file, "the response body");
  command->add_option("--status", o->status, "the HTTP status of the response")
      ->type_name("N")
      ->required()
      ->check(CLI::Range(100, 599));
  command->add_option("--request", o->request_file, "the request body that was sent")->type_name("BODY_FILE");
  add_format(*command, o->format, {"text", "json"});
  command->footer(
      "Exit status: 0 only for a valid response whose outcome is success, 1 otherwise, 2 usage or I/O.");
  command->callback([o, &status] { status = run(*o); });
}

}  // namespace cli
