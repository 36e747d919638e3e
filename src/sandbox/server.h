// `userapi serve`: a local stand-in for the Update User API, on the same core as every other
// runtime, with a SQLite store; it also serves the playground page.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "http.h"

namespace sandbox {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8787;
  std::string db_path;                       ///< default: data/sandbox.db under the current folder
  std::string token;                         ///< default: the dev token kept in the database
  std::vector<std::string> allowed_origins;  ///< besides the server's own and http://localhost:*
  std::string web_dir;                       ///< a folder served at / instead of the built-in page
  bool is_public = false;                    ///< --public: no dev token; only session tokens work

  long long session_ttl = 24 * 3600;      ///< seconds a session lives; then it and its data are deleted
  std::size_t max_sessions = 5000;        ///< live sessions at once; then the LRU idle one gives way, or 503
  std::size_t network_sessions = 100;     ///< live sessions of one /24 or /64; more get 503 session_quota
  long long session_idle = 600;           ///< seconds unused after which a session may give way
  std::size_t session_bytes = 64 * 1024;  ///< names + mappings + properties of one session -> 413
  std::size_t session_groups = 1000;      ///< user groups of one session (POST /sandbox/user-groups) -> 413
  long long max_disk_bytes = 1LL << 30;   ///< live pages of the database, all sandboxes -> 507 (0: off)
  std::string log_path;                   ///< the access log; "" or "-": stderr

  /// Token buckets (0: off). Requests per second per client address and per token, bursts of
  /// twice that; sessions per minute per client network (/24, /64), bursts of that many. kAutoRate (the
  /// default): the k*Rate below with --public or on an address other than loopback, else off, so
  /// that the owner's own sandbox never throttles the owner.
  static constexpr double kAutoRate = -1;
  static constexpr double kClientRate = 50, kTokenRate = 10, kSessionRate = 10;
  double client_rate = kAutoRate;
  double token_rate = kAutoRate;
  double session_rate = kAutoRate;

  Limits http;  ///< the HTTP layer's limits (connections per client, timeouts)
};

/// 127.0.0.0/8 or ::1 (also as ::ffff:127.x.y.z).
bool is_loopback(const std::string& host);

/// `options` with every kAutoRate replaced by what it means for its host and --public.
Options with_rates(Options options);

/// Runs until SIGINT or SIGTERM, then finishes the requests in flight and closes the store.
/// Returns the process exit code (0 after a clean shutdown).
int serve(const Options& options);

}  // namespace sandbox
