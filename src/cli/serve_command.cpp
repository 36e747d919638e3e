// userapi serve [--host H] [--port N] [--db PATH] [--token T] [--allow-origin ORIGIN ...] [--web DIR]
#include <memory>

#include "commands.h"
#include "server.h"

namespace cli {

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
                   "also let pages from ORIGIN call the API (repeatable)")
      ->type_name("ORIGIN")
      ->allow_extra_args(false);
  command->add_option("--web", o->web_dir, "serve the files of DIR at / instead of the built-in playground")
      ->type_name("DIR");
  command->footer(
      "Stops on SIGINT or SIGTERM after the requests in flight. Exit status: 0 after a clean stop, 1 when it "
      "cannot start, 2 usage error.");
  command->callback([o, &status] { status = sandbox::serve(*o); });
}

}  // namespace cli
