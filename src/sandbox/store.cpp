#include "store.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <random>

namespace sandbox {
namespace {

// sandbox = '' is the dev token's; any other is sessions.id. A database of an earlier version
// (user_groups without sandbox) becomes the dev token's sandbox.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS groups (
  sandbox TEXT NOT NULL,
  provided_id TEXT NOT NULL,
  team_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  name TEXT NOT NULL,
  mapping TEXT NOT NULL DEFAULT '{}',
  properties TEXT,
  api_environment_tag TEXT,
  updated_at TEXT,
  PRIMARY KEY (sandbox, provided_id)
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  expires_at INTEGER NOT NULL,
  network TEXT NOT NULL DEFAULT '',
  last_used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";
constexpr const char* kMigrate = R"sql(
INSERT OR IGNORE INTO groups SELECT '', provided_id, team_id, token, name, mapping, properties,
  api_environment_tag, updated_at FROM user_groups;
DROP TABLE user_groups;
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

// The seeded user groups for one sandbox, inside the caller's transaction.
bool seed_groups(sqlite3* db, const std::string& sandbox, std::string& error) {
  const Statement insert = prepare_statement(
      db,
      "INSERT OR IGNORE INTO groups (sandbox, provided_id, team_id, token, name, mapping, properties, "
      "api_environment_tag, updated_at) VALUES (?, ?, 113, ?, ?, ?, ?, ?, datetime('now'))",
      error);
  if (!insert) return false;
  for (const Seed& seed : kSeeds) {
    sqlite3_stmt* s = insert.get();
    const std::string token = random_token();
    sqlite3_bind_text(s, 1, sandbox.data(), static_cast<int>(sandbox.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, seed.id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, token.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, seed.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, seed.mapping, -1, SQLITE_STATIC);
    if (seed.properties)
      sqlite3_bind_text(s, 6, seed.properties, -1, SQLITE_STATIC);
    else
      sqlite3_bind_null(s, 6);
    sqlite3_bind_text(s, 7, seed.tag, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return false;
    }
    sqlite3_reset(s);
  }
  return true;
}

// Versions before 0.1.0's round 2 kept tokens in plain text: the dev token in meta (it is now
// derived from the key; the old one stops working) and the sessions' tokens, which are hashed
// in place. secure_delete overwrites the old bytes. Inside the caller's transaction.
bool hash_old_tokens(sqlite3* db, const TokenKey& key, std::string& error) {
  if (!exec(db, "DELETE FROM meta WHERE key = 'api_token'", error)) return false;
  const Statement select =
      prepare_statement(db, "SELECT id, token FROM sessions WHERE token NOT LIKE 'h1:%'", error);
  const Statement update = prepare_statement(db, "UPDATE sessions SET token = ? WHERE id = ?", error);
  if (!select || !update) return false;
  std::vector<std::pair<std::string, std::string>> rows;
  while (sqlite3_step(select.get()) == SQLITE_ROW)
    rows.emplace_back(*column_text(select.get(), 0), key.hash(*column_text(select.get(), 1)));
  for (const auto& [id, hash] : rows) {
    sqlite3_bind_text(update.get(), 1, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(update.get(), 2, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(update.get()) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return false;
    }
    sqlite3_reset(update.get());
  }
  return true;
}

// Sessions of a database made before admission by network: the two columns it lacks.
bool add_session_columns(sqlite3* db, std::string& error) {
  const Statement s = prepare_statement(
      db, "SELECT COUNT(*) FROM pragma_table_info('sessions') WHERE name = 'network'", error);
  if (!s || sqlite3_step(s.get()) != SQLITE_ROW) return false;
  if (sqlite3_column_int(s.get(), 0) > 0) return true;
  return exec(db,
              "ALTER TABLE sessions ADD COLUMN network TEXT NOT NULL DEFAULT ''; "
              "ALTER TABLE sessions ADD COLUMN last_used INTEGER NOT NULL DEFAULT 0;",
              error);
}

// On a new database: the dev sandbox's user groups (marked by meta 'seeded'); an old database's
// user_groups table becomes the dev sandbox, and its tokens are hashed. Inside the caller's
// transaction.
bool seed(sqlite3* db, const TokenKey& key, std::string& error) {
  bool old = false;
  {  // the statement must be done before DROP TABLE ("database table is locked")
    const Statement s =
        prepare_statement(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'user_groups'", error);
    if (!s) return false;
    old = sqlite3_step(s.get()) == SQLITE_ROW && sqlite3_column_int(s.get(), 0) > 0;
  }
  if (old && !exec(db, kMigrate, error)) return false;
  const Statement count =
      prepare_statement(db, "SELECT COUNT(*) FROM meta WHERE key IN ('api_token', 'seeded')", error);
  if (!count) return false;
  const bool seeded = sqlite3_step(count.get()) == SQLITE_ROW && sqlite3_column_int(count.get(), 0) > 0;
  if (!seeded && !seed_groups(db, "", error)) return false;
  return hash_old_tokens(db, key, error) &&
         exec(db, "INSERT OR IGNORE INTO meta (key, value) VALUES ('seeded', '1')", error);
}

}  // namespace

std::string random_token() {
  std::random_device rd;
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) out.push_back(hex[rd() & 0xF]);
  return out;
}

std::unique_ptr<Store> Store::open(const std::string& path, const TokenKey& key, std::string& error) {
  if (!make_private(path, error)) return nullptr;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<Store> store(new Store(db, key));
  // WAL: readers never block the writer. synchronous=NORMAL: a committed write is in the OS
  // before the commit returns, so it survives the process being killed (not a power cut).
  // secure_delete: deleted rows (expired sessions, replaced tokens) are overwritten, not left
  // in free pages.
  if (!exec(db,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
            "PRAGMA secure_delete=ON;",
            error) ||
      !exec(db, kSchema, error))
    return nullptr;
  if (!exec(db, "BEGIN IMMEDIATE", error) || !add_session_columns(db, error) || !seed(db, key, error))
    return nullptr;
  // The WAL may hold pages an earlier version wrote (plain-text tokens): copied back and emptied.
  if (!exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);", error) || !store->prepare(error)) return nullptr;
  return store;
}

bool Store::prepare(std::string& error) {
  const char* select =
      "SELECT provided_id, team_id, token, name, mapping, properties, api_environment_tag FROM groups "
      "WHERE sandbox = ?1 AND provided_id = ?2";
  // One statement: absent members (NULL parameters) keep their stored value.
  const char* update =
      "UPDATE groups SET name = COALESCE(?3, name), mapping = COALESCE(?4, mapping), "
      "properties = COALESCE(?5, properties), updated_at = datetime('now') WHERE sandbox = ?1 AND "
      "provided_id = ?2";
  // POST /sandbox/user-groups; OR IGNORE: an existing id changes nothing (sqlite3_changes 0).
  const char* insert =
      "INSERT OR IGNORE INTO groups (sandbox, provided_id, team_id, token, name, mapping, properties, "
      "api_environment_tag, updated_at) VALUES (?1, ?2, 113, ?3, ?4, '{}', NULL, NULL, datetime('now'))";
  if (sqlite3_prepare_v2(db_, select, -1, &select_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, update, -1, &update_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, insert, -1, &insert_, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

Store::~Store() {
  sqlite3_finalize(select_);
  sqlite3_finalize(update_);
  sqlite3_finalize(insert_);
  sqlite3_close(db_);
}

std::optional<UserGroup> Store::find_locked(const std::string& sandbox, const std::string& provided_id) {
  Reset reset{select_};
  sqlite3_bind_text(select_, 1, sandbox.data(), static_cast<int>(sandbox.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(select_, 2, provided_id.data(), static_cast<int>(provided_id.size()), SQLITE_TRANSIENT);
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

std::optional<UserGroup> Store::find(const std::string& sandbox, const std::string& provided_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return find_locked(sandbox, provided_id);
}

// The bytes a sandbox's groups cost on disk, as kRowBytes says (store.h). An index entry over
// about 1,000 bytes and a row over about 4,000 (page 4096) spill to overflow pages; 900 and
// 3,500 leave room for the rest of the entry.
long long Store::bytes_locked(const std::string& sandbox) {
  static const std::string sql =
      "SELECT COALESCE(SUM(" + std::to_string(kRowBytes) + " + 2 * id + content + CASE WHEN id > 900 THEN " +
      std::to_string(kPageBytes) + " ELSE 0 END + CASE WHEN id + content > 3500 THEN " +
      std::to_string(kPageBytes) +
      " ELSE 0 END), 0) FROM (SELECT LENGTH(CAST(provided_id AS BLOB)) AS id, LENGTH(CAST(name AS BLOB)) + "
      "LENGTH(CAST(mapping AS BLOB)) + COALESCE(LENGTH(CAST(properties AS BLOB)), 0) AS content FROM groups "
      "WHERE sandbox = ?)";
  std::string error;
  const Statement s = prepare_statement(db_, sql.c_str(), error);
  if (!s) return -1;
  sqlite3_bind_text(s.get(), 1, sandbox.data(), static_cast<int>(sandbox.size()), SQLITE_TRANSIENT);
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : -1;
}

// The last statement failed: a full disk (SQLITE_FULL) is `disk_full`, anything else an error.
void Store::failed(std::string& error, bool& disk_full) {
  disk_full = (sqlite3_extended_errcode(db_) & 0xff) == SQLITE_FULL;
  error = disk_full ? std::string() : std::string(sqlite3_errmsg(db_));
}

// Live pages (the file less its free pages) over the disk budget, counting this transaction.
bool Store::over_disk_budget_locked() {
  if (disk_budget_ <= 0) return false;
  std::string error;
  const Statement s = prepare_statement(
      db_,
      "SELECT (p.page_count - f.freelist_count) * z.page_size FROM pragma_page_count() AS p, "
      "pragma_freelist_count() AS f, pragma_page_size() AS z",
      error);
  return !s || sqlite3_step(s.get()) != SQLITE_ROW || sqlite3_column_int64(s.get(), 0) > disk_budget_;
}

// With a quota or a disk budget, one transaction: the update, then the checks, which roll it
// back when one is exceeded. Without, the UPDATE alone (its own transaction). A full disk
// (SQLITE_FULL) is `disk_full` too, never an error.
UpdateResult Store::update(const std::string& sandbox, const Update& u, std::size_t max_bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  UpdateResult result;
  const bool quota = max_bytes > 0;
  const bool checked = quota || disk_budget_ > 0;
  if (checked && !exec(db_, "BEGIN IMMEDIATE", result.error)) return result;
  {
    Reset reset{update_};
    sqlite3_bind_text(update_, 1, sandbox.data(), static_cast<int>(sandbox.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(update_, 2, u.provided_id.data(), static_cast<int>(u.provided_id.size()),
                      SQLITE_TRANSIENT);
    bind_optional(update_, 3, u.name);
    bind_optional(update_, 4, u.mapping_json);
    bind_optional(update_, 5, u.properties_json);
    if (sqlite3_step(update_) != SQLITE_DONE) failed(result.error, result.disk_full);
  }
  const bool changed = result.error.empty() && !result.disk_full && sqlite3_changes(db_) > 0;
  if (changed && quota) {
    const long long bytes = bytes_locked(sandbox);
    result.over_quota = bytes < 0 || bytes > static_cast<long long>(max_bytes);
  }
  if (changed && !result.over_quota) result.disk_full = over_disk_budget_locked();
  std::string ignored;
  if (checked && (!changed || result.over_quota || result.disk_full)) {
    exec(db_, "ROLLBACK", ignored);
    return result;
  }
  if (!changed) return result;
  if (checked && !exec(db_, "COMMIT", result.error)) {
    failed(result.error, result.disk_full);
    exec(db_, "ROLLBACK", ignored);
    return result;
  }
  result.group = find_locked(sandbox, u.provided_id);
  return result;
}

long long Store::count_locked(const std::string& sandbox) {
  std::string error;
  const Statement s = prepare_statement(db_, "SELECT COUNT(*) FROM groups WHERE sandbox = ?", error);
  if (!s) return -1;
  sqlite3_bind_text(s.get(), 1, sandbox.data(), static_cast<int>(sandbox.size()), SQLITE_TRANSIENT);
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : -1;
}

// Inserts the group unless it exists; false with `error` empty when it exists.
bool Store::insert_locked(const std::string& sandbox, const std::string& provided_id, const std::string& name,
                          std::string& error) {
  Reset reset{insert_};
  const std::string token = random_token();
  sqlite3_bind_text(insert_, 1, sandbox.data(), static_cast<int>(sandbox.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(insert_, 2, provided_id.data(), static_cast<int>(provided_id.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(insert_, 3, token.data(), static_cast<int>(token.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(insert_, 4, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(insert_) != SQLITE_DONE) {
    error = sqlite3_errmsg(db_);
    return false;
  }
  return sqlite3_changes(db_) > 0;
}

// As update(): with a quota, the insert and the checks are one transaction that is rolled back
// when a quota is exceeded; without one, the INSERT alone.
CreateResult Store::create(const std::string& sandbox, const std::string& provided_id,
                           const std::string& name, const Quota& quota) {
  std::lock_guard<std::mutex> lock(mutex_);
  CreateResult result;
  const bool limited = quota.max_bytes > 0 || quota.max_groups > 0 || disk_budget_ > 0;
  if (limited && !exec(db_, "BEGIN IMMEDIATE", result.error)) return result;
  const bool inserted = insert_locked(sandbox, provided_id, name, result.error);
  result.exists = !inserted && result.error.empty();
  if (!result.error.empty()) failed(result.error, result.disk_full);
  if (inserted && limited) {
    const long long bytes = quota.max_bytes > 0 ? bytes_locked(sandbox) : 0;
    const long long groups = quota.max_groups > 0 ? count_locked(sandbox) : 0;
    result.over_quota = bytes < 0 || groups < 0 ||
                        (quota.max_bytes > 0 && bytes > static_cast<long long>(quota.max_bytes)) ||
                        (quota.max_groups > 0 && groups > static_cast<long long>(quota.max_groups));
    if (!result.over_quota) result.disk_full = over_disk_budget_locked();
  }
  std::string ignored;
  if (limited && (!inserted || result.over_quota || result.disk_full)) {
    exec(db_, "ROLLBACK", ignored);
    return result;
  }
  if (!inserted) return result;
  if (limited && !exec(db_, "COMMIT", result.error)) {
    failed(result.error, result.disk_full);
    exec(db_, "ROLLBACK", ignored);
    return result;
  }
  result.group = find_locked(sandbox, provided_id);
  return result;
}

std::vector<UserGroup> Store::list(const std::string& sandbox) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> ids;
  std::string error;
  if (const Statement s = prepare_statement(
          db_, "SELECT provided_id FROM groups WHERE sandbox = ? ORDER BY provided_id", error)) {
    sqlite3_bind_text(s.get(), 1, sandbox.data(), static_cast<int>(sandbox.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(s.get()) == SQLITE_ROW) ids.push_back(*column_text(s.get(), 0));
  }
  std::vector<UserGroup> out;
  for (const auto& id : ids)
    if (auto g = find_locked(sandbox, id)) out.push_back(std::move(*g));
  return out;
}

long long Store::live_sessions_locked(long long now, const std::string* network) {
  std::string error;
  const Statement s =
      prepare_statement(db_,
                        network ? "SELECT COUNT(*) FROM sessions WHERE expires_at > ? AND network = ?"
                                : "SELECT COUNT(*) FROM sessions WHERE expires_at > ?",
                        error);
  if (!s) return -1;
  sqlite3_bind_int64(s.get(), 1, now);
  if (network)
    sqlite3_bind_text(s.get(), 2, network->data(), static_cast<int>(network->size()), SQLITE_TRANSIENT);
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : -1;
}

// Inside the caller's transaction: refuses (r.refused) or makes room, evicting the least
// recently used session once it has been idle for a.idle_seconds.
void Store::admit_session_locked(const Admission& a, const std::string& network, long long now,
                                 SessionResult& r) {
  const long long mine = a.per_network > 0 ? live_sessions_locked(now, &network) : 0;
  if (mine < 0 || (a.per_network > 0 && mine >= static_cast<long long>(a.per_network))) {
    r.refused = SessionResult::Refused::network;
    r.retry_after = 60;
    return;
  }
  const long long all = a.max_sessions > 0 ? live_sessions_locked(now, nullptr) : 0;
  if (all >= 0 && (a.max_sessions == 0 || all < static_cast<long long>(a.max_sessions))) return;
  const Statement lru = prepare_statement(
      db_, "SELECT id, last_used FROM sessions WHERE expires_at > ? ORDER BY last_used, rowid LIMIT 1",
      r.error);
  if (!lru) return;
  sqlite3_bind_int64(lru.get(), 1, now);
  const bool found = sqlite3_step(lru.get()) == SQLITE_ROW;
  const long long idle_since = found ? sqlite3_column_int64(lru.get(), 1) : now;
  if (found && all >= 0 && idle_since <= now - a.idle_seconds) {
    const std::string id = *column_text(lru.get(), 0);
    for (const char* sql : {"DELETE FROM groups WHERE sandbox = ?", "DELETE FROM sessions WHERE id = ?"}) {
      const Statement d = prepare_statement(db_, sql, r.error);
      if (!d) return;
      sqlite3_bind_text(d.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(d.get()) != SQLITE_DONE) {
        r.error = sqlite3_errmsg(db_);
        return;
      }
    }
    return;
  }
  r.refused = SessionResult::Refused::full;
  r.retry_after = std::max(1LL, idle_since + a.idle_seconds - now);
}

SessionResult Store::create_session(long long ttl_seconds, const Admission& admission,
                                    const std::string& network) {
  std::lock_guard<std::mutex> lock(mutex_);
  SessionResult result;
  const long long now = unix_now();
  if (!exec(db_, "BEGIN IMMEDIATE", result.error)) return result;
  std::string ignored;
  admit_session_locked(admission, network, now, result);
  if (result.refused != SessionResult::Refused::no || !result.error.empty()) {
    exec(db_, "ROLLBACK", ignored);
    return result;
  }
  Session session{random_token(), "s-" + random_token() + random_token(), now + ttl_seconds};
  const std::string hash = key_.hash(session.token);
  const Statement insert = prepare_statement(
      db_, "INSERT INTO sessions (id, token, expires_at, network, last_used) VALUES (?, ?, ?, ?, ?)",
      result.error);
  bool full = false;  // over the disk budget or SQLITE_FULL: refused as when all sessions are taken
  if (insert) {
    sqlite3_bind_text(insert.get(), 1, session.id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert.get(), 2, hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert.get(), 3, session.expires_at);
    sqlite3_bind_text(insert.get(), 4, network.data(), static_cast<int>(network.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert.get(), 5, now);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) failed(result.error, full);
  }
  const bool made = insert && result.error.empty() && !full && seed_groups(db_, session.id, result.error) &&
                    !(full = over_disk_budget_locked()) && exec(db_, "COMMIT", result.error);
  if (!made) {
    if (!result.error.empty()) failed(result.error, full);
    exec(db_, "ROLLBACK", ignored);
    if (full) result.refused = SessionResult::Refused::full, result.retry_after = 3600;
    return result;
  }
  result.session = std::move(session);
  return result;
}

std::optional<Session> Store::session_for(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string error;
  const Statement s =
      prepare_statement(db_, "SELECT id, expires_at, last_used FROM sessions WHERE token = ?", error);
  if (!s) return std::nullopt;
  const std::string hash = key_.hash(token);
  sqlite3_bind_text(s.get(), 1, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  Session session{*column_text(s.get(), 0), token, sqlite3_column_int64(s.get(), 1)};
  // Use makes a session the last to give way (create_session); written at most every 30 s.
  const long long now = unix_now();
  if (sqlite3_column_int64(s.get(), 2) < now - 30) {
    if (const Statement u = prepare_statement(db_, "UPDATE sessions SET last_used = ? WHERE id = ?", error)) {
      sqlite3_bind_int64(u.get(), 1, now);
      sqlite3_bind_text(u.get(), 2, session.id.data(), static_cast<int>(session.id.size()), SQLITE_TRANSIENT);
      sqlite3_step(u.get());
    }
  }
  return session;
}

int Store::delete_expired(long long now) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string error;
  const std::string when = std::to_string(now);
  const std::string sql =
      "BEGIN IMMEDIATE; DELETE FROM groups WHERE sandbox IN (SELECT id FROM sessions WHERE expires_at <= " +
      when + "); DELETE FROM sessions WHERE expires_at <= " + when + ";";
  if (!exec(db_, sql.c_str(), error)) {
    exec(db_, "ROLLBACK", error);
    return -1;
  }
  const int deleted = sqlite3_changes(db_);
  exec(db_, "COMMIT", error);
  return deleted;
}

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string rfc3339(long long unix_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace sandbox
