// The sandbox's SQLite store of user groups (SQLiteCpp, private to store.cpp). One connection in
// WAL mode, used under a mutex, every statement prepared once when the store opens: writes are
// short transactions, and a write is durable (survives kill -9) once it returns.
// Every user group belongs to one sandbox: a visitor's session, or "" (the dev token's). The
// session id is part of every key and of every statement's WHERE, so one sandbox can neither
// read nor change another's rows.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "token_key.h"
#include "utc_time.h"

namespace sandbox {

struct UserGroup {
  std::string provided_id;
  long long team_id = 0;
  std::string token;  ///< the embed token (user group token), not the API token
  std::string name;
  std::string mapping_json;                    ///< "{}" when never set
  std::optional<std::string> properties_json;  ///< null when never set
  std::optional<std::string> environment_tag;  ///< "Customer", "Testing" or null
};

/// What a PUT changes: absent members keep their stored value.
struct Update {
  std::string provided_id;
  std::optional<std::string> name, mapping_json, properties_json;
};

/// What create() did: the new group, or nothing because it `exists`, the session is over a
/// quota (`over_quota`), the database over its disk budget or the disk full (`disk_full`), or
/// SQLite failed (`error`).
struct CreateResult {
  std::optional<UserGroup> group;
  bool exists = false;
  bool over_quota = false;
  bool disk_full = false;
  std::string error;
};

/// What one user group costs on disk, as the quota counts it: every stored byte (the id twice,
/// in the table and in its primary-key index; name, mapping, properties), kRowBytes for the
/// rest of the row and the B-tree's slack, and a whole page when the id's index entry or the
/// row spills to an overflow page. Measured against the file (tests/sandbox/disk.test.mjs).
constexpr long long kRowBytes = 256;
constexpr long long kPageBytes = 4096;

/// The quotas of a sandbox (0: no limit): bytes as above, and groups.
struct Quota {
  std::size_t max_bytes = 0;
  std::size_t max_groups = 0;
};

/// What a session's token starts with (the dev token starts with "dev-"): only such a token is
/// looked up in the store.
inline constexpr std::string_view kSessionTokenPrefix = "s-";

/// A visitor's sandbox: its own copy of the seeded user groups until `expires_at` (Unix seconds).
struct Session {
  std::string id;
  std::string token;  ///< given once, when it is made; the database keeps only its keyed hash
  long long expires_at = 0;
};

/// How new sessions are admitted (0: no limit).
struct Admission {
  std::size_t max_sessions = 0;  ///< live sessions in all
  std::size_t per_network = 0;   ///< live sessions of one network (client_network: a /24, a /64)
  long long idle_seconds = 600;  ///< when full, the least recently used session idle this long gives way
};

/// What create_session() did: the new session, or why not (`full` also when the disk budget is
/// spent) with the seconds after which to retry, or `error` when SQLite failed.
struct SessionResult {
  std::optional<Session> session;
  enum class Refused { no, network, full } refused = Refused::no;
  long long retry_after = 0;
  std::string error;
};

/// What update() did: the stored group, or nothing (no such group, over quota or `error`).
struct UpdateResult {
  std::optional<UserGroup> group;
  bool over_quota = false;
  bool disk_full = false;  ///< over the disk budget, or SQLITE_FULL: nothing stored
  std::string error;
};

class Store {
 public:
  /// Opens (creating and seeding when new) the database at `path`, its files 0600; tokens are
  /// kept as their `key.hash`. A database of an earlier version loses its plain-text dev token
  /// and gets its session tokens hashed. Nothing on failure, with `error` set.
  static std::unique_ptr<Store> open(const std::string& path, const TokenKey& key, std::string& error);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Applies an update to a group of `sandbox` and returns the stored result. Nothing when the
  /// group does not exist; `over_quota` (and nothing stored) when the sandbox's names, mappings
  /// and properties would then hold more than `max_bytes` (0: no limit); `error` when SQLite fails.
  UpdateResult update(const std::string& sandbox, const Update& update, std::size_t max_bytes);
  /// Creates a group of `sandbox` (team 113, a random embed token, `name`, mapping {}, properties
  /// and environment tag null). `exists` when the sandbox has that provided_id already;
  /// `over_quota` (and nothing stored) when it would then be over `quota`.
  CreateResult create(const std::string& sandbox, const std::string& provided_id, const std::string& name,
                      const Quota& quota);
  std::optional<UserGroup> find(const std::string& sandbox, const std::string& provided_id);
  std::vector<UserGroup> list(const std::string& sandbox);

  /// A new session for a client of `network`, with its own copy of the seeds, valid for
  /// `ttl_seconds`, if `admission` allows it: a network at its cap is refused; when all sessions
  /// are taken, the least recently used one that has been idle long enough is deleted (with its
  /// groups) to make room, else the request is refused until one will have been.
  SessionResult create_session(long long ttl_seconds, const Admission& admission, const std::string& network);
  /// The session a token names (looked up by its keyed hash: the timing of the lookup says
  /// nothing about another token), expired or not (the caller tells them apart); nothing when none.
  std::optional<Session> session_for(const std::string& token);
  /// At most `bytes` (0: no limit) of live pages in the database: a write that would leave more
  /// is rolled back (`disk_full`); expired sessions give their pages back.
  void set_disk_budget(long long bytes) { disk_budget_ = bytes; }

  /// Deletes the sessions expired at `now` (Unix seconds) and their user groups; returns how many.
  int delete_expired(long long now);

 private:
  struct Impl;  // the connection and its statements (store.cpp)
  Store(std::unique_ptr<Impl> impl, TokenKey key);
  long long bytes_locked(const std::string& sandbox);
  bool over_disk_budget_locked();
  void admit_session_locked(const Admission& a, const std::string& network, long long now, SessionResult& r);
  void evict_locked(const std::string& session_id);
  long long live_sessions_locked(long long now, const std::string* network);
  long long count_locked(const std::string& sandbox);
  bool insert_locked(const std::string& sandbox, const std::string& provided_id, const std::string& name);
  bool over_quota_locked(const std::string& sandbox, const Quota& quota);
  std::optional<UserGroup> find_locked(const std::string& sandbox, const std::string& provided_id);
  void insert_session_locked(const Session& session, const std::string& network, long long now);

  std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
  const TokenKey key_;
  long long disk_budget_ = 0;
};

/// 32 hex characters from the system's random source.
std::string random_token();

}  // namespace sandbox
