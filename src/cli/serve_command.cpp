// userapi serve [--host H] [--port N] [--db PATH] [--token T] [--allow-origin ORIGIN ...] [--web DIR]
//               [--log FILE] [--public] [--session-ttl D] [--max-sessions N] [--session-bytes N]
//               [--session-groups N]
//               [--client-rate N] [--token-rate N] [--session-rate N]
//               [--max-connections N] [--max-connections-per-client N]
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "server.h"

namespace cli {
namespace {

// "90" or "90s", "30m", "24h", "7d" -> seconds; nothing for anything else.
std::optional<long long> parse_duration(const std::string& text) {
  std::size_t end = 0;
  long long n = 0;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9' && end < 9)
    n = n * 10 + (text[end++] - '0');
  if (end == 0) return std::nullopt;
  const std::string unit = text.substr(end);
  const long long scale = unit.empty() || unit == "s" ? 1
                          : unit == "m"               ? 60
                          : unit == "h"               ? 3600
                          : unit == "d"               ? 86400
                                                      : 0;
  if (scale == 0 || n == 0) return std::nullopt;
  return n * scale;
}

void add_session_options(CLI::App* command, sandbox::Options& o) {
  command->add_flag(
      "--public", o.is_public,
      "no dev token: only tokens from POST /sandbox/sessions work (for a server on the internet)");
  command
      ->add_option_function<std::string>(
          "--session-ttl", [&o](const std::string& text) { o.session_ttl = *parse_duration(text); },
          "how long a session lives, then it and its data are deleted (90s, 30m, 24h, 7d)")
      ->type_name("D")
      ->default_str("24h")
      ->check(CLI::Validator(
          [](std::string& text) { return parse_duration(text) ? std::string() : "not a duration: " + text; },
          ""));
  command
      ->add_option("--max-sessions", o.max_sessions,
                   "live sessions at once; then the least recently used idle one gives way (0: no limit)")
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--network-sessions", o.network_sessions,
                   "live sessions of one client network, an IPv4 /24 or IPv6 /64 (0: no limit)")
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option_function<std::string>(
          "--session-idle", [&o](const std::string& text) { o.session_idle = *parse_duration(text); },
          "how long a session must be unused before it may give way to a new one when all are taken")
      ->type_name("D")
      ->default_str("10m")
      ->check(CLI::Validator(
          [](std::string& text) { return parse_duration(text) ? std::string() : "not a duration: " + text; },
          ""));
  command
      ->add_option(
          "--session-bytes", o.session_bytes,
          "bytes one session's user groups may cost on disk, ids and row overhead included (0: no limit)")
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--max-disk-bytes", o.max_disk_bytes,
                   "bytes the database may hold, every sandbox together; more: 507 (0: no limit)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber.description(""));
  command
      ->add_option("--session-groups", o.session_groups,
                   "user groups one session may hold, the seeded ones included (0: no limit)")
      ->type_name("N")
      ->capture_default_str();
}

void add_limit_options(CLI::App* command, sandbox::Options& o) {
  // Unset: on (the default below) with --public or a --host other than loopback, else off.
  const auto rate = [&](const char* name, double& value, const std::string& what, double on) {
    command->add_option(name, value, what + " (0: off)")
        ->type_name("N")
        ->default_str(std::to_string(static_cast<int>(on)) +
                      " with --public or a non-loopback --host, else 0")
        ->check(CLI::NonNegativeNumber.description(""));
  };
  using sandbox::Options;
  rate("--client-rate", o.client_rate, "requests per second per client address, bursts of twice that",
       Options::kClientRate);
  rate("--token-rate", o.token_rate, "API requests per second per token, bursts of twice that",
       Options::kTokenRate);
  rate("--session-rate", o.session_rate,
       "new sessions per minute per client network (an IPv4 /24, an IPv6 /64)", Options::kSessionRate);
  command->add_option("--max-connections", o.http.max_connections, "open connections in all")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000).description(""));
  command
      ->add_option("--max-buffered-bytes", o.http.max_buffered_body_bytes,
                   "request body bytes all connections together may hold while they read (more: 503)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1} << 20, std::size_t{1} << 40).description(""));
  command
      ->add_option("--max-connections-per-client", o.http.max_connections_per_client,
                   "open connections per client address")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000).description(""));
}

}  // namespace

void add_serve_command(CLI::App& app, int& status) {
  auto o = std::make_shared<sandbox::Options>();
  CLI::App* command =
      app.add_subcommand("serve", "Run the local sandbox of PUT /api/user, with the playground at /.");
  command->add_option("--host", o->host, "the address to listen on")->type_name("H")->capture_default_str();
  command->add_option("--port", o->port, "the port; 0 picks a free one")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  command->add_option("--db", o->db_path, "the SQLite database (default data/sandbox.db)")->type_name("PATH");
  command->add_option("--token", o->token, "the API token (default: the dev token kept in the database)")
      ->type_name("T");
  command
      ->add_option("--allow-origin", o->allowed_origins,
                   "also let pages from ORIGIN call the API and frame the page (repeatable)")
      ->type_name("ORIGIN")
      ->allow_extra_args(false);
  command->add_option("--web", o->web_dir, "serve the files of DIR at / instead of the built-in playground")
      ->type_name("DIR");
  command
      ->add_option("--log", o->log_path,
                   "append the access log (a line per request, never a token) to FILE instead of stderr")
      ->type_name("FILE");
  add_session_options(command, *o);
  add_limit_options(command, *o);
  command->footer(
      "Stops on SIGINT or SIGTERM after the requests in flight. Exit status: 0 after a clean stop, 1 when it "
      "cannot start, 2 usage error.");
  command->callback([o, &status] { status = sandbox::serve(*o); });
}

}  // namespace cli
