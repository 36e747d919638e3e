// userapi check-response [FILE|-] --status N [--request BODY_FILE] [--format text|json]
#include <iostream>

#include "commands.h"
#include "io.h"
#include "userapi/response.h"

namespace cli {

int check_response_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, error);
  if (!args) return fail(error);
  if (auto bad = args->unknown({"status", "request", "format"}))
    return fail("unknown option " + *bad + " for check-response");
  if (args->positional.size() > 1) return fail("check-response takes one FILE (or - for standard input)");
  const std::string format = args->get("format").value_or("text");
  if (format != "text" && format != "json") return fail("--format must be text or json, not " + format);

  const auto status_text = args->get("status");
  if (!status_text) return fail("check-response needs --status N (the HTTP status code)");
  int status = 0;
  for (char c : *status_text) status = (c >= '0' && c <= '9' && status < 1000) ? status * 10 + (c - '0') : -1;
  if (status < 100 || status > 599) return fail("--status must be an HTTP status code from 100 to 599");

  const std::string path = args->positional.empty() ? "-" : args->positional[0];
  const auto request_path = args->get("request");
  if (path == "-" && request_path == "-")
    return fail("the response and --request cannot both be standard input");
  auto text = read_input(path, error);
  if (!text) return fail(error);
  std::optional<std::string> sent;
  if (request_path && !(sent = read_input(*request_path, error))) return fail(error);

  const userapi::ResponseCheck check = userapi::check_response(status, *text, sent);
  if (format == "json") {
    std::cout << userapi::to_json(check) << "\n";
  } else {
    print_text(check.report, path == "-" ? "<stdin>" : path, std::cout);
    std::cout << "outcome: " << (check.outcome == userapi::Outcome::success ? "success" : "failure")
              << " (HTTP " << status << ")\n";
    if (check.server_message) std::cout << "server says: " << *check.server_message << "\n";
  }
  return check.report.valid && check.outcome == userapi::Outcome::success ? kValid : kInvalid;
}

}  // namespace cli
