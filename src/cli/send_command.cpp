// userapi send [FILE|-] --base-url URL (--token T | --token-env NAME) [--timeout MS] [--format text|json]
// userapi send --batch FILE ... (batch_command.cpp)
//
// Validates and builds the request with the core, refuses to send one with errors, sends it with
// libcurl and checks the response against what was sent. The outcomes are those of the ES
// module's api.send: invalid (exit 1, nothing sent), network or timeout (exit 3), a response
// (exit 0 when valid and successful, 1 otherwise; kind "http" for a status outside 2xx).
#include <cstdio>
#include <iostream>
#include <memory>

#include "batch_command.h"
#include "commands.h"
#include "http_client.h"
#include "io.h"
#include "options.h"
#include "userapi/json.h"
#include "userapi/request.h"
#include "userapi/response.h"
#include "userapi/safe_text.h"

namespace cli {

using userapi::safe_text;
namespace {

using userapi::JsonWriter;

// Milliseconds to a tenth, "12.3": the same text in both formats.
std::string milliseconds(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", ms);
  return text;
}

struct SendOptions {
  std::string file = "-";
  std::string base_url;
  TokenOptions token;
  long timeout_ms = userapi::contract::kSendTimeoutMs;
  std::string format;
  BatchOptions batch;
};

int refuse(const SendOptions& o, const userapi::Report& report) {
  if (o.format == "json") {
    JsonWriter out;
    out.begin_object().key("ok").boolean(false).key("kind").string("invalid");
    out.key("report").raw(userapi::to_json(report)).end_object();
    std::cout << std::move(out).take() << "\n";
  } else {
    print_text(report, display_name(o.file), std::cout);
    std::cerr << "userapi: send: not sent: the request has errors (above)\n";
  }
  return kInvalid;
}

int network_failure(const SendOptions& o, const HttpExchange& exchange) {
  const char* kind = exchange.failure == HttpExchange::Failure::timeout ? "timeout" : "network";
  if (o.format == "json") {
    JsonWriter out;
    out.begin_object().key("ok").boolean(false).key("kind").string(kind);
    out.key("message").string(exchange.error).end_object();
    std::cout << std::move(out).take() << "\n";
  } else {
    std::cerr << "userapi: send: " << kind << ": " << safe_text(exchange.error) << "\n";
  }
  return kNetwork;
}

int report_response(const SendOptions& o, const userapi::Request& request, const HttpExchange& exchange) {
  const userapi::ResponseCheck check =
      localized(userapi::check_response(exchange.status, exchange.body, request.body));
  const bool ok = check.succeeded();
  const bool http_error = exchange.status < 200 || exchange.status > 299;
  if (o.format == "json") {
    JsonWriter out;
    out.begin_object().key("ok").boolean(ok);
    if (http_error) out.key("kind").string("http");
    out.key("status").number(exchange.status).key("duration_ms").raw(milliseconds(exchange.duration_ms));
    out.key("text").string(exchange.body).key("check").raw(userapi::to_json(check)).end_object();
    std::cout << std::move(out).take() << "\n";
  } else {
    std::cout << request.method << " " << request.url << ": HTTP " << exchange.status << " in "
              << milliseconds(exchange.duration_ms) << " ms\n";
    print_text(check.report, "response", std::cout);
    std::cout << "response: " << (check.report.valid ? "valid" : "invalid")
              << ", outcome: " << (check.outcome == userapi::Outcome::success ? "success" : "failure")
              << "\n";
    if (check.server_message) std::cout << "server says: " << safe_text(*check.server_message) << "\n";
  }
  return ok ? kValid : kInvalid;
}

int run(const CLI::App& command, const SendOptions& o) {
  if (command.count("--batch")) return run_batch(command, o.batch, o.base_url, o.token, o.timeout_ms);
  std::string error;
  const auto token = resolve_token(command, o.token, error);
  if (!token) return fail(error);
  auto body = read_input(o.file, error);
  if (!body) return fail(error);

  const userapi::BuildResult built = localized(userapi::build_request(*body, o.base_url, *token));
  if (!built.request) return refuse(o, built.report);
  if (o.format == "text") print_text(built.report, display_name(o.file), std::cout);  // warnings only

  const HttpExchange exchange = send_http(*built.request, o.timeout_ms);
  if (exchange.failure != HttpExchange::Failure::none) return network_failure(o, exchange);
  return report_response(o, *built.request, exchange);
}

}  // namespace

void add_send_command(CLI::App& app, int& status) {
  auto o = std::make_shared<SendOptions>();
  CLI::App* command = app.add_subcommand(
      "send", "Validate the body, send PUT {base}/api/user with libcurl and check the response.");
  CLI::Option* file = add_input(*command, o->file, "the request body (JSON)");
  command->add_option("--base-url", o->base_url, "the API's base URL, e.g. http://127.0.0.1:8787")
      ->type_name("URL")
      ->required();
  add_token(*command, o->token);
  command->add_option("--timeout", o->timeout_ms, "give up after MS milliseconds")
      ->type_name("MS")
      ->capture_default_str()
      ->check(CLI::Range(1L, 3600000L));
  CLI::Option* format = add_format(*command, o->format, {"text", "json"});
  add_batch_options(*command, o->batch, {file, format});
  command->footer(
      "A body with errors is not sent. Exit status: 0 a valid successful response, 1 an invalid request or "
      "a failed outcome (HTTP error, success 0, invalid response), 2 usage or I/O error, 3 network error "
      "or timeout.\n"
      "With --batch: every row is checked first, and a file with errors in its header or syntax sends "
      "nothing; the valid rows are sent, --concurrency at a time, 429, 5xx, network errors and timeouts "
      "retried with backoff (honouring Retry-After). SIGINT or SIGTERM cancels: no new requests, those in "
      "flight finish, the rest are cancelled in the report (a second signal abandons those in flight). "
      "Without --report no report is written. Exit status: 0 every row succeeded (or was skipped by "
      "--resume), 1 a row was invalid or failed, 2 usage or I/O error, 3 the base URL could not be reached "
      "at all, 130 (SIGINT) or 143 (SIGTERM) cancelled.");
  command->callback([command, o, &status] { status = run(*command, *o); });
}

}  // namespace cli
