// `userapi serve`: a local stand-in for the Update User API, on the same core as every other
// runtime, with a SQLite store; it also serves the playground page.
#pragma once

#include <string>
#include <vector>

namespace sandbox {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8787;
  std::string db_path;                       ///< default: data/sandbox.db under the current folder
  std::string token;                         ///< default: the dev token kept in the database
  std::vector<std::string> allowed_origins;  ///< besides the server's own and http://localhost:*
  std::string web_dir;                       ///< a folder served at / instead of the built-in page
};

/// Runs until SIGINT or SIGTERM, then finishes the requests in flight and closes the store.
/// Returns the process exit code (0 after a clean shutdown).
int serve(const Options& options);

}  // namespace sandbox
