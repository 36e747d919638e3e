#include "store.h"

#include <sqlite3.h>  // the result codes (SQLITE_FULL)

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <cstdint>
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

constexpr const char* kPragmas =
    // WAL: readers never block the writer. synchronous=NORMAL: a committed write is in the OS
    // before the commit returns, so it survives the process being killed (not a power cut).
    // secure_delete: deleted rows (expired sessions, replaced tokens) are overwritten, not left
    // in free pages.
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA secure_delete=ON;";

std::optional<std::string> text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::string>& value) {
  if (value)
    s.bind(index, *value);
  else
    s.bind(index);
}

// One use of a prepared statement: reset with its bindings cleared before, reset after, whatever
// path leaves the scope, so that no statement holds a read snapshot between two calls.
class Use {
 public:
  explicit Use(SQLite::Statement& s) : s_(s) {
    s_.tryReset();
    s_.clearBindings();
  }
  ~Use() { s_.tryReset(); }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  SQLite::Statement* operator->() const { return &s_; }
  SQLite::Statement& operator*() const { return s_; }

 private:
  SQLite::Statement& s_;
};

// A statement that returns one number (COUNT, SUM).
long long single_number(SQLite::Statement& s) {
  s.executeStep();
  return s.getColumn(0).getInt64();
}

// Sessions of a database made before admission by network: the two columns it lacks.
void add_session_columns(SQLite::Database& db) {
  SQLite::Statement has(db, "SELECT COUNT(*) FROM pragma_table_info('sessions') WHERE name = 'network'");
  if (single_number(has) > 0) return;
  db.exec(
      "ALTER TABLE sessions ADD COLUMN network TEXT NOT NULL DEFAULT ''; "
      "ALTER TABLE sessions ADD COLUMN last_used INTEGER NOT NULL DEFAULT 0;");
}

// The connection, its settings and its schema (with the columns later versions added), before
// any statement is prepared on it.
SQLite::Database open_database(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
  db.exec(kPragmas);
  db.exec(kSchema);
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  add_session_columns(db);
  transaction.commit();
  return db;
}

}  // namespace

// Every statement the store runs after it opened, prepared once (the migrations at open are
// prepared where they run). Members are destroyed in reverse order: the statements before the
// connection.
struct Store::Impl {
  explicit Impl(const std::string& path) : db(open_database(path)) {}

  SQLite::Database db;
  SQLite::Statement select_group{
      db,
      "SELECT provided_id, team_id, token, name, mapping, properties, api_environment_tag FROM groups "
      "WHERE sandbox = ?1 AND provided_id = ?2"};
  SQLite::Statement list_groups{
      db,
      "SELECT provided_id, team_id, token, name, mapping, properties, api_environment_tag FROM groups "
      "WHERE sandbox = ?1 ORDER BY provided_id"};
  // One statement: absent members (NULL parameters) keep their stored value.
  SQLite::Statement update_group{
      db,
      "UPDATE groups SET name = COALESCE(?3, name), mapping = COALESCE(?4, mapping), "
      "properties = COALESCE(?5, properties), updated_at = datetime('now') WHERE sandbox = ?1 AND "
      "provided_id = ?2"};
  // POST /sandbox/user-groups and the seeds; OR IGNORE: an existing id changes nothing.
  SQLite::Statement insert_group{
      db,
      "INSERT OR IGNORE INTO groups (sandbox, provided_id, team_id, token, name, mapping, properties, "
      "api_environment_tag, updated_at) VALUES (?1, ?2, 113, ?3, ?4, ?5, ?6, ?7, datetime('now'))"};
  SQLite::Statement count_groups{db, "SELECT COUNT(*) FROM groups WHERE sandbox = ?1"};
  // What a sandbox's groups cost on disk (store.h): ?2 = kRowBytes, ?3 = kPageBytes. An index
  // entry over about 1,000 bytes and a row over about 4,000 (page 4096) spill to overflow
  // pages; 900 and 3,500 leave room for the rest of the entry.
  SQLite::Statement group_bytes{
      db,
      "SELECT COALESCE(SUM(?2 + 2 * id + content + CASE WHEN id > 900 THEN ?3 ELSE 0 END + "
      "CASE WHEN id + content > 3500 THEN ?3 ELSE 0 END), 0) FROM (SELECT LENGTH(CAST(provided_id AS BLOB)) "
      "AS id, LENGTH(CAST(name AS BLOB)) + LENGTH(CAST(mapping AS BLOB)) + "
      "COALESCE(LENGTH(CAST(properties AS BLOB)), 0) AS content FROM groups WHERE sandbox = ?1)"};
  // Live pages: the file less its free pages.
  SQLite::Statement live_bytes{
      db,
      "SELECT (p.page_count - f.freelist_count) * z.page_size FROM pragma_page_count() AS p, "
      "pragma_freelist_count() AS f, pragma_page_size() AS z"};
  SQLite::Statement live_sessions{db, "SELECT COUNT(*) FROM sessions WHERE expires_at > ?1"};
  SQLite::Statement live_sessions_of{db,
                                     "SELECT COUNT(*) FROM sessions WHERE expires_at > ?1 AND network = ?2"};
  SQLite::Statement least_recent{
      db, "SELECT id, last_used FROM sessions WHERE expires_at > ?1 ORDER BY last_used, rowid LIMIT 1"};
  SQLite::Statement delete_groups_of{db, "DELETE FROM groups WHERE sandbox = ?1"};
  SQLite::Statement delete_session{db, "DELETE FROM sessions WHERE id = ?1"};
  SQLite::Statement insert_session{
      db, "INSERT INTO sessions (id, token, expires_at, network, last_used) VALUES (?1, ?2, ?3, ?4, ?5)"};
  SQLite::Statement session_by_token{db, "SELECT id, expires_at, last_used FROM sessions WHERE token = ?1"};
  SQLite::Statement touch_session{db, "UPDATE sessions SET last_used = ?2 WHERE id = ?1"};
  SQLite::Statement delete_expired_groups{
      db, "DELETE FROM groups WHERE sandbox IN (SELECT id FROM sessions WHERE expires_at <= ?1)"};
  SQLite::Statement delete_expired_sessions{db, "DELETE FROM sessions WHERE expires_at <= ?1"};

  void seed(const TokenKey& key);
  /// The seeded user groups for one sandbox, inside the caller's transaction.
  void seed_groups(const std::string& sandbox);
};

namespace {

// A failed statement: a full disk (SQLITE_FULL) is `disk_full`, anything else an `error`.
void failed(const SQLite::Exception& e, std::string& error, bool& disk_full) {
  disk_full = (e.getErrorCode() & 0xff) == SQLITE_FULL;
  error = disk_full ? std::string() : std::string(e.what());
}

UserGroup read_group(const SQLite::Statement& s) {
  UserGroup g;
  g.provided_id = s.getColumn(0).getString();
  g.team_id = s.getColumn(1).getInt64();
  g.token = s.getColumn(2).getString();
  g.name = s.getColumn(3).getString();
  g.mapping_json = s.getColumn(4).getString();
  g.properties_json = text(s.getColumn(5));
  g.environment_tag = text(s.getColumn(6));
  return g;
}

// Versions before 0.1.0's round 2 kept tokens in plain text: the dev token in meta (it is now
// derived from the key; the old one stops working) and the sessions' tokens, which are hashed
// in place. secure_delete overwrites the old bytes. Inside the caller's transaction.
void hash_old_tokens(SQLite::Database& db, const TokenKey& key) {
  db.exec("DELETE FROM meta WHERE key = 'api_token'");
  SQLite::Statement select(db, "SELECT id, token FROM sessions WHERE token NOT LIKE 'h1:%'");
  std::vector<std::pair<std::string, std::string>> rows;
  while (select.executeStep())
    rows.emplace_back(select.getColumn(0).getString(), key.hash(select.getColumn(1).getString()));
  SQLite::Statement update(db, "UPDATE sessions SET token = ?2 WHERE id = ?1");
  for (const auto& [id, hash] : rows) {
    Use u(update);
    u->bind(1, id);
    u->bind(2, hash);
    u->exec();
  }
}

}  // namespace

// On a new database: the dev sandbox's user groups (marked by meta 'seeded'); an old database's
// user_groups table becomes the dev sandbox, and its tokens are hashed. Inside the caller's
// transaction.
void Store::Impl::seed(const TokenKey& key) {
  if (db.tableExists("user_groups")) db.exec(kMigrate);
  SQLite::Statement seeded(db, "SELECT COUNT(*) FROM meta WHERE key IN ('api_token', 'seeded')");
  if (single_number(seeded) == 0) seed_groups("");
  hash_old_tokens(db, key);
  db.exec("INSERT OR IGNORE INTO meta (key, value) VALUES ('seeded', '1')");
}

void Store::Impl::seed_groups(const std::string& sandbox) {
  for (const Seed& s : kSeeds) {
    Use insert(insert_group);
    insert->bind(1, sandbox);
    insert->bind(2, s.id);
    insert->bind(3, random_token());
    insert->bind(4, s.name);
    insert->bind(5, s.mapping);
    if (s.properties)
      insert->bind(6, s.properties);
    else
      insert->bind(6);
    insert->bind(7, s.tag);
    insert->exec();
  }
}

std::string random_token() {
  std::random_device rd;
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) out.push_back(hex[rd() & 0xF]);
  return out;
}

Store::Store(std::unique_ptr<Impl> impl, TokenKey key) : impl_(std::move(impl)), key_(std::move(key)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, const TokenKey& key, std::string& error) {
  if (!make_private(path, error)) return nullptr;
  try {
    auto impl = std::make_unique<Impl>(path);
    SQLite::Transaction transaction(impl->db, SQLite::TransactionBehavior::IMMEDIATE);
    impl->seed(key);
    transaction.commit();
    // The WAL may hold pages an earlier version wrote (plain-text tokens): copied back and emptied.
    impl->db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return std::unique_ptr<Store>(new Store(std::move(impl), key));
  } catch (const SQLite::Exception& e) {
    error = "cannot open " + path + ": " + e.what();
    return nullptr;
  }
}

std::optional<UserGroup> Store::find_locked(const std::string& sandbox, const std::string& provided_id) {
  Use s(impl_->select_group);
  s->bind(1, sandbox);
  s->bind(2, provided_id);
  if (!s->executeStep()) return std::nullopt;
  return read_group(*s);
}

std::optional<UserGroup> Store::find(const std::string& sandbox, const std::string& provided_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    return find_locked(sandbox, provided_id);
  } catch (const SQLite::Exception&) {
    return std::nullopt;
  }
}

std::vector<UserGroup> Store::list(const std::string& sandbox) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<UserGroup> out;
  try {
    Use s(impl_->list_groups);
    s->bind(1, sandbox);
    while (s->executeStep()) out.push_back(read_group(*s));
  } catch (const SQLite::Exception&) {
    out.clear();
  }
  return out;
}

long long Store::bytes_locked(const std::string& sandbox) {
  Use s(impl_->group_bytes);
  s->bind(1, sandbox);
  s->bind(2, static_cast<std::int64_t>(kRowBytes));
  s->bind(3, static_cast<std::int64_t>(kPageBytes));
  return single_number(*s);
}

long long Store::count_locked(const std::string& sandbox) {
  Use s(impl_->count_groups);
  s->bind(1, sandbox);
  return single_number(*s);
}

// Live pages over the disk budget, counting this transaction.
bool Store::over_disk_budget_locked() {
  if (disk_budget_ <= 0) return false;
  Use s(impl_->live_bytes);
  return single_number(*s) > disk_budget_;
}

bool Store::over_quota_locked(const std::string& sandbox, const Quota& quota) {
  const auto over = [](long long value, std::size_t limit) {
    return limit > 0 && value > static_cast<long long>(limit);
  };
  return over(quota.max_bytes > 0 ? bytes_locked(sandbox) : 0, quota.max_bytes) ||
         over(quota.max_groups > 0 ? count_locked(sandbox) : 0, quota.max_groups);
}

// With a quota or a disk budget, one transaction: the update, then the checks, which roll it
// back (the Transaction's destructor) when one is exceeded. Without, the UPDATE alone (its own
// transaction). A full disk (SQLITE_FULL) is `disk_full` too, never an error.
UpdateResult Store::update(const std::string& sandbox, const Update& u, std::size_t max_bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  UpdateResult result;
  try {
    std::optional<SQLite::Transaction> transaction;
    if (max_bytes > 0 || disk_budget_ > 0)
      transaction.emplace(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    {
      Use s(impl_->update_group);
      s->bind(1, sandbox);
      s->bind(2, u.provided_id);
      bind_optional(*s, 3, u.name);
      bind_optional(*s, 4, u.mapping_json);
      bind_optional(*s, 5, u.properties_json);
      if (s->exec() == 0) return result;  // no such group
    }
    result.over_quota = over_quota_locked(sandbox, Quota{max_bytes, 0});
    result.disk_full = !result.over_quota && over_disk_budget_locked();
    if (result.over_quota || result.disk_full) return result;
    if (transaction) transaction->commit();
    result.group = find_locked(sandbox, u.provided_id);
  } catch (const SQLite::Exception& e) {
    failed(e, result.error, result.disk_full);
  }
  return result;
}

// Inserts the group unless it exists: false when it does.
bool Store::insert_locked(const std::string& sandbox, const std::string& provided_id,
                          const std::string& name) {
  Use s(impl_->insert_group);
  s->bind(1, sandbox);
  s->bind(2, provided_id);
  s->bind(3, random_token());
  s->bind(4, name);
  s->bind(5, "{}");
  s->bind(6);
  s->bind(7);
  return s->exec() > 0;
}

// As update(): with a quota or a disk budget, the insert and the checks are one transaction
// that is rolled back when one is exceeded; without, the INSERT alone.
CreateResult Store::create(const std::string& sandbox, const std::string& provided_id,
                           const std::string& name, const Quota& quota) {
  std::lock_guard<std::mutex> lock(mutex_);
  CreateResult result;
  try {
    std::optional<SQLite::Transaction> transaction;
    if (quota.max_bytes > 0 || quota.max_groups > 0 || disk_budget_ > 0)
      transaction.emplace(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    result.exists = !insert_locked(sandbox, provided_id, name);
    if (result.exists) return result;
    result.over_quota = over_quota_locked(sandbox, quota);
    result.disk_full = !result.over_quota && over_disk_budget_locked();
    if (result.over_quota || result.disk_full) return result;
    if (transaction) transaction->commit();
    result.group = find_locked(sandbox, provided_id);
  } catch (const SQLite::Exception& e) {
    failed(e, result.error, result.disk_full);
  }
  return result;
}

long long Store::live_sessions_locked(long long now, const std::string* network) {
  Use s(network ? impl_->live_sessions_of : impl_->live_sessions);
  s->bind(1, static_cast<std::int64_t>(now));
  if (network) s->bind(2, *network);
  return single_number(*s);
}

// A session and its user groups, to make room for a new one.
void Store::evict_locked(const std::string& session_id) {
  for (SQLite::Statement* statement : {&impl_->delete_groups_of, &impl_->delete_session}) {
    Use s(*statement);
    s->bind(1, session_id);
    s->exec();
  }
}

// Inside the caller's transaction: refuses (r.refused) or makes room, evicting the least
// recently used session once it has been idle for a.idle_seconds.
void Store::admit_session_locked(const Admission& a, const std::string& network, long long now,
                                 SessionResult& r) {
  if (a.per_network > 0 && live_sessions_locked(now, &network) >= static_cast<long long>(a.per_network)) {
    r.refused = SessionResult::Refused::network;
    r.retry_after = 60;
    return;
  }
  if (a.max_sessions == 0 || live_sessions_locked(now, nullptr) < static_cast<long long>(a.max_sessions))
    return;
  Use lru(impl_->least_recent);
  lru->bind(1, static_cast<std::int64_t>(now));
  const bool found = lru->executeStep();
  const long long idle_since = found ? lru->getColumn(1).getInt64() : now;
  if (found && idle_since <= now - a.idle_seconds) return evict_locked(lru->getColumn(0).getString());
  r.refused = SessionResult::Refused::full;
  r.retry_after = std::max(1LL, idle_since + a.idle_seconds - now);
}

// The session's row (its token as the keyed hash) and its copy of the seeds.
void Store::insert_session_locked(const Session& session, const std::string& network, long long now) {
  {
    Use s(impl_->insert_session);
    s->bind(1, session.id);
    s->bind(2, key_.hash(session.token));
    s->bind(3, static_cast<std::int64_t>(session.expires_at));
    s->bind(4, network);
    s->bind(5, static_cast<std::int64_t>(now));
    s->exec();
  }
  impl_->seed_groups(session.id);
}

SessionResult Store::create_session(long long ttl_seconds, const Admission& admission,
                                    const std::string& network) {
  std::lock_guard<std::mutex> lock(mutex_);
  SessionResult result;
  const long long now = unix_now();
  bool full = false;  // over the disk budget or SQLITE_FULL: refused as when all sessions are taken
  try {
    SQLite::Transaction transaction(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    admit_session_locked(admission, network, now, result);
    if (result.refused != SessionResult::Refused::no) return result;
    Session session{random_token(), std::string(kSessionTokenPrefix) + random_token() + random_token(),
                    now + ttl_seconds};
    insert_session_locked(session, network, now);
    full = over_disk_budget_locked();
    if (!full) {
      transaction.commit();
      result.session = std::move(session);
    }
  } catch (const SQLite::Exception& e) {
    failed(e, result.error, full);
  }
  if (full) result.refused = SessionResult::Refused::full, result.retry_after = 3600;
  return result;
}

std::optional<Session> Store::session_for(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    Use s(impl_->session_by_token);
    s->bind(1, key_.hash(token));
    if (!s->executeStep()) return std::nullopt;
    Session session{s->getColumn(0).getString(), token, s->getColumn(1).getInt64()};
    // Use makes a session the last to give way (create_session); written at most every 30 s.
    const long long now = unix_now();
    if (s->getColumn(2).getInt64() < now - 30) {
      Use touch(impl_->touch_session);
      touch->bind(1, session.id);
      touch->bind(2, static_cast<std::int64_t>(now));
      touch->exec();
    }
    return session;
  } catch (const SQLite::Exception&) {
    return std::nullopt;
  }
}

int Store::delete_expired(long long now) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Transaction transaction(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    for (SQLite::Statement* statement : {&impl_->delete_expired_groups, &impl_->delete_expired_sessions}) {
      Use s(*statement);
      s->bind(1, static_cast<std::int64_t>(now));
      s->exec();
    }
    const int deleted = impl_->db.getChanges();  // the sessions: the last statement's changes
    transaction.commit();
    return deleted;
  } catch (const SQLite::Exception&) {
    return -1;
  }
}

}  // namespace sandbox
