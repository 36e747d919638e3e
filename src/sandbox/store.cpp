#include "store.h"

#include <sqlite3.h>

#include <random>

namespace sandbox {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS user_groups (
  provided_id TEXT PRIMARY KEY,
  team_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  name TEXT NOT NULL,
  mapping TEXT NOT NULL DEFAULT '{}',
  properties TEXT,
  api_environment_tag TEXT,
  updated_at TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// The reference page's example and the group of its response example, plus two more.
struct Seed {
  const char* id;
  const char* name;
  const char* mapping;
  const char* properties;
  const char* tag;
};
constexpr Seed kSeeds[] = {
    {"example_1", "Example 1", R"({"40":"213","134":"386"})", R"({"filterValue":"value"})", "Customer"},
    {"6", "ok", "{}", nullptr, "Customer"},
    {"acme", "Acme Corp", "{}", R"({"region":"eu"})", "Customer"},
    {"test_group", "Test Group", "{}", nullptr, "Testing"},
};

bool exec(sqlite3* db, const char* sql, std::string& error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
  error = message ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return false;
}

std::optional<std::string> column_text(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, i)),
                     static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

void bind_optional(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  if (v)
    sqlite3_bind_text(s, i, v->data(), static_cast<int>(v->size()), SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(s, i);
}

// Resets a statement when the scope ends, whatever path leaves it.
struct Reset {
  sqlite3_stmt* s;
  ~Reset() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

struct Finalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

// A prepared statement, or nothing with `error` set: no statement is used unchecked.
Statement prepare_statement(sqlite3* db, const char* sql, std::string& error) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db);
    sqlite3_finalize(s);
    return nullptr;
  }
  return Statement(s);
}

// On a new database: the seeded user groups and the dev API token, inside the caller's transaction.
bool seed(sqlite3* db, std::string& error) {
  const Statement count = prepare_statement(db, "SELECT COUNT(*) FROM meta WHERE key = 'api_token'", error);
  if (!count) return false;
  if (sqlite3_step(count.get()) == SQLITE_ROW && sqlite3_column_int(count.get(), 0) > 0) return true;
  const Statement insert = prepare_statement(
      db,
      "INSERT OR IGNORE INTO user_groups (provided_id, team_id, token, name, mapping, properties, "
      "api_environment_tag, updated_at) VALUES (?, 113, ?, ?, ?, ?, ?, datetime('now'))",
      error);
  if (!insert) return false;
  for (const Seed& seed : kSeeds) {
    sqlite3_stmt* s = insert.get();
    const std::string token = random_token();
    sqlite3_bind_text(s, 1, seed.id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, token.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, seed.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, seed.mapping, -1, SQLITE_STATIC);
    if (seed.properties)
      sqlite3_bind_text(s, 5, seed.properties, -1, SQLITE_STATIC);
    else
      sqlite3_bind_null(s, 5);
    sqlite3_bind_text(s, 6, seed.tag, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return false;
    }
    sqlite3_reset(s);
  }
  const std::string sql = "INSERT INTO meta (key, value) VALUES ('api_token', 'dev-" + random_token() + "')";
  return exec(db, sql.c_str(), error);
}

}  // namespace

std::string random_token() {
  std::random_device rd;
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) out.push_back(hex[rd() & 0xF]);
  return out;
}

std::unique_ptr<Store> Store::open(const std::string& path, std::string& error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<Store> store(new Store(db));
  // WAL: readers never block the writer. synchronous=NORMAL: a committed write is in the OS
  // before the commit returns, so it survives the process being killed (not a power cut).
  if (!exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;", error) ||
      !exec(db, kSchema, error))
    return nullptr;
  if (!exec(db, "BEGIN IMMEDIATE", error) || !seed(db, error)) return nullptr;
  if (!exec(db, "COMMIT", error) || !store->prepare(error)) return nullptr;
  return store;
}

bool Store::prepare(std::string& error) {
  const char* select =
      "SELECT provided_id, team_id, token, name, mapping, properties, api_environment_tag FROM user_groups "
      "WHERE provided_id = ?";
  // One statement: absent members (NULL parameters) keep their stored value.
  const char* update =
      "UPDATE user_groups SET name = COALESCE(?2, name), mapping = COALESCE(?3, mapping), "
      "properties = COALESCE(?4, properties), updated_at = datetime('now') WHERE provided_id = ?1";
  if (sqlite3_prepare_v2(db_, select, -1, &select_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, update, -1, &update_, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

Store::~Store() {
  sqlite3_finalize(select_);
  sqlite3_finalize(update_);
  sqlite3_close(db_);
}

std::optional<UserGroup> Store::find_locked(const std::string& provided_id) {
  Reset reset{select_};
  sqlite3_bind_text(select_, 1, provided_id.data(), static_cast<int>(provided_id.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(select_) != SQLITE_ROW) return std::nullopt;
  UserGroup g;
  g.provided_id = *column_text(select_, 0);
  g.team_id = sqlite3_column_int64(select_, 1);
  g.token = *column_text(select_, 2);
  g.name = *column_text(select_, 3);
  g.mapping_json = *column_text(select_, 4);
  g.properties_json = column_text(select_, 5);
  g.environment_tag = column_text(select_, 6);
  return g;
}

std::optional<UserGroup> Store::find(const std::string& provided_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_locked(provided_id);
}

std::optional<UserGroup> Store::update(const Update& u, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  {
    Reset reset{update_};
    sqlite3_bind_text(update_, 1, u.provided_id.data(), static_cast<int>(u.provided_id.size()),
                      SQLITE_TRANSIENT);
    bind_optional(update_, 2, u.name);
    bind_optional(update_, 3, u.mapping_json);
    bind_optional(update_, 4, u.properties_json);
    if (sqlite3_step(update_) != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      return std::nullopt;
    }
    if (sqlite3_changes(db_) == 0) return std::nullopt;
  }
  return find_locked(u.provided_id);
}

std::vector<UserGroup> Store::list() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> ids;
  std::string error;
  if (const Statement s =
          prepare_statement(db_, "SELECT provided_id FROM user_groups ORDER BY provided_id", error))
    while (sqlite3_step(s.get()) == SQLITE_ROW) ids.push_back(*column_text(s.get(), 0));
  std::vector<UserGroup> out;
  for (const auto& id : ids)
    if (auto g = find_locked(id)) out.push_back(std::move(*g));
  return out;
}

std::string Store::api_token() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string error;
  const Statement s = prepare_statement(db_, "SELECT value FROM meta WHERE key = 'api_token'", error);
  return s && sqlite3_step(s.get()) == SQLITE_ROW ? *column_text(s.get(), 0) : std::string();
}

}  // namespace sandbox
