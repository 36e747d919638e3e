// The sandbox's SQLite store of user groups. One connection in WAL mode, used under a mutex:
// writes are short transactions, and a write is durable (survives kill -9) once it returns.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

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

class Store {
 public:
  /// Opens (creating and seeding when new) the database at `path`. Nothing on failure, with
  /// `error` set.
  static std::unique_ptr<Store> open(const std::string& path, std::string& error);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Applies an update and returns the stored result; nothing when the group does not exist.
  /// `error` is set (and nothing returned) when SQLite fails.
  std::optional<UserGroup> update(const Update& update, std::string& error);
  std::optional<UserGroup> find(const std::string& provided_id);
  std::vector<UserGroup> list();
  /// The dev API token kept in the database, made on first start.
  std::string api_token();

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  bool prepare(std::string& error);
  std::optional<UserGroup> find_locked(const std::string& provided_id);

  std::mutex mutex_;
  sqlite3* db_;
  sqlite3_stmt* select_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
};

/// 32 hex characters from the system's random source.
std::string random_token();

}  // namespace sandbox
