// userapi serve [--host H] [--port N] [--db PATH] [--token T] [--allow-origin ORIGIN ...] [--web DIR]
#include "commands.h"
#include "io.h"
#include "server.h"

namespace cli {

int serve_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, error);
  if (!args) return fail(error);
  if (auto bad = args->unknown({"host", "port", "db", "token", "allow-origin", "web"}))
    return fail("unknown option " + *bad + " for serve");
  if (!args->positional.empty()) return fail("serve takes options only");

  sandbox::Options options;
  options.host = args->get("host").value_or(options.host);
  const std::string port = args->get("port").value_or("8787");
  options.port = 0;
  for (char c : port)
    options.port = (c >= '0' && c <= '9' && options.port <= 65535) ? options.port * 10 + (c - '0') : 70000;
  if (port.empty() || options.port > 65535)
    return fail("--port must be a number from 0 to 65535 (0: any free port)");
  options.db_path = args->get("db").value_or("");
  options.token = args->get("token").value_or("");
  for (const auto& [name, value] : args->options)
    if (name == "allow-origin") options.allowed_origins.push_back(value);
  options.web_dir = args->get("web").value_or("");
  return sandbox::serve(options);
}

}  // namespace cli
