#include "server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "answers.h"
#include "http.h"
#include "network.h"
#include "rate_limit.h"
#include "static_files.h"
#include "store.h"
#include "userapi/contract.h"
#include "userapi/json.h"
#include "userapi/response.h"
#include "userapi/validate.h"

namespace sandbox {
namespace {

using userapi::json_quote;

constexpr const char* kJson = "application/json";
const std::string kApiPath(userapi::contract::kPath);
const std::string kSessionsPath = "/sandbox/sessions";
const std::string kGroupsPath = "/sandbox/user-groups";
constexpr std::string_view kSessionPrefix = "s-";  // session tokens; the dev token starts with "dev-"
// The page may only load its own files; it may send to this server, other local servers and
// any https API (the production preset). 'wasm-unsafe-eval' lets it compile the wasm core.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' http://localhost:* http://127.0.0.1:* https:; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors";

bool is_local_origin(std::string_view origin) {
  for (std::string_view prefix : {"http://localhost", "http://127.0.0.1"}) {
    if (origin.substr(0, prefix.size()) != prefix) continue;
    std::string_view rest = origin.substr(prefix.size());
    if (rest.empty()) return true;
    if (rest[0] != ':' || rest.size() < 2 || rest.size() > 6) return false;
    for (char c : rest.substr(1))
      if (c < '0' || c > '9') return false;
    return true;
  }
  return false;
}

// A user_group_id as one path segment: unreserved characters (RFC 3986) as they are, every
// other byte as %HH.
std::string percent_encode(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.' ||
        c == '_' || c == '~')
      out.push_back(static_cast<char>(c));
    else
      out += std::string("%") + hex[c >> 4] + hex[c & 0xF];
  }
  return out;
}

// "application/json", any case, optional white space and parameters (RFC 9110 8.3.1).
bool is_json_media_type(std::string_view type) {
  std::string_view media = type.substr(0, type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  return media.size() == std::strlen(kJson) &&
         std::equal(media.begin(), media.end(), kJson,
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a + 32 : a) == b; });
}

// An encoded "/" or "\" (%2F, %5C) would route a path that a proxy's rule in front does not
// see as this route (PUT /api%2Fuser); only the id segment of /sandbox/user-groups/<id> may
// hold one, as an id may hold "/" (the Location of POST writes it so).
bool has_encoded_separator(const std::string& target) {
  std::string_view raw = std::string_view(target).substr(0, target.find('?'));
  const std::string groups = kGroupsPath + "/";
  if (raw.substr(0, groups.size()) == groups && raw.find('/', groups.size()) == std::string_view::npos)
    return false;
  for (std::size_t i = raw.find('%'); i != std::string_view::npos; i = raw.find('%', i + 1)) {
    const std::string_view hex = raw.substr(i + 1, 2);
    if (hex == "2F" || hex == "2f" || hex == "5C" || hex == "5c") return true;
  }
  return false;
}

class Api {
 public:
  Api(Store& store, const TokenKey& key, const std::string& token, Options options)
      : store_(store),
        key_(key),
        token_hash_(key.hash(token)),
        options_(std::move(options)),
        clients_(options_.client_rate, 2 * options_.client_rate),
        tokens_(options_.token_rate, 2 * options_.token_rate),
        sessions_(options_.session_rate / 60.0, options_.session_rate) {}

  void set_origin(std::string origin) { own_origin_ = std::move(origin); }

  bool origin_allowed(const std::string& origin) const {
    if (origin == own_origin_ || is_local_origin(origin)) return true;
    for (const auto& o : options_.allowed_origins)
      if (o == origin) return true;
    return false;
  }

  void handle(const Request& req, Response& res) {
    int retry = 0;
    if (!clients_.take(req.client, retry)) {
      too_many(res, retry, "Too many requests from this address; retry after the seconds in Retry-After.");
    } else if (has_encoded_separator(req.target)) {
      res.status = 400;
      res.set_content(error_body("bad_request", "A path may not hold an encoded / or \\ (%2F, %5C)."), kJson);
    } else {
      route(req, res);
    }
    if (res.status >= 400 && res.content().empty())
      res.set_content(error_body(res.status == 404 ? "not_found" : "bad_request",
                                 "HTTP " + std::to_string(res.status) + "."),
                      kJson);
    finish(req, res);
  }

 public:
  // A request with a body, before the body is read: only PUT /api/user and POST
  // /sandbox/user-groups read one, and only with a valid token and a JSON media type; any other
  // is answered now, as it would be with its body. So no one without a token makes the server
  // hold a body (and no 100 Continue invites one).
  bool check_head(const Request& req, Response& res) {
    const bool takes_body =
        !has_encoded_separator(req.target) &&
        ((req.path == kApiPath && req.method == "PUT") || (req.path == kGroupsPath && req.method == "POST"));
    if (!takes_body) {
      handle(req, res);
      return false;
    }
    if (identify(req, res)) {
      if (is_json_media_type(req.header("Content-Type"))) return true;
      unsupported_media_type(res);
    }
    finish(req, res);
    return false;
  }

 private:
  void route(const Request& req, Response& res) {
    const std::string& p = req.path;
    if (req.method == "OPTIONS" && (p == kApiPath || p.rfind("/sandbox/", 0) == 0))
      return preflight(req, res);
    if (p == kApiPath) return req.method == "PUT" ? put_user(req, res) : not_allowed(res, "PUT, OPTIONS");
    if (p == kSessionsPath && req.method == "GET")
      return res.set_content(sessions_info_body(options_.is_public, options_.session_ttl), kJson);
    if (p == kSessionsPath)
      return req.method == "POST" ? create_session(req, res) : not_allowed(res, "GET, POST, OPTIONS");
    if (p == kGroupsPath && req.method == "GET") return list_groups(req, res);
    if (p == kGroupsPath)
      return req.method == "POST" ? create_group(req, res) : not_allowed(res, "GET, POST, OPTIONS");
    if (const auto id = group_id(req))
      return req.method == "GET" ? read_group(req, res, *id) : not_allowed(res, "GET, OPTIONS");
    if (p.rfind("/sandbox/", 0) == 0 || p == "/sandbox") {
      res.status = 404;
      return res.set_content(error_body("not_found", "No such sandbox route."), kJson);
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.status = 404;
      return res.set_content(error_body("not_found", "There is nothing to " + req.method + " here."), kJson);
    }
    site_->answer(req, res);
  }

 public:
  void set_site(const StaticSite* site) { site_ = site; }
  void sweep() { store_.delete_expired(unix_now()); }

 private:
  static void not_allowed(Response& res, const char* allow) {
    res.status = 405;
    res.set_header("Allow", allow);
    res.set_content(error_body("method_not_allowed", std::string("This route takes ") + allow + "."), kJson);
  }

  static void unsupported_media_type(Response& res) {
    res.status = 415;
    res.set_content(error_body("unsupported_media_type", "Send the body as Content-Type: application/json."),
                    kJson);
  }

  static void too_many(Response& res, int retry_after, std::string_view message) {
    res.status = 429;
    res.set_header("Retry-After", std::to_string(retry_after));
    res.set_content(error_body("rate_limited", message), kJson);
  }

  void unauthorized(Response& res, std::string_view message) const {
    using namespace userapi::contract;
    res.status = 401;
    res.set_header("WWW-Authenticate", std::string(kAuthScheme) + " realm=\"userapi sandbox\"");
    res.set_content(error_body("unauthorized", message), kJson);
  }

  // The sandbox a request's token opens: "" for the dev token, a session's id for its token.
  // Nothing (and the answer written: 401, or 429 over the token's rate) otherwise.
  std::optional<std::string> authorize(const Request& req, Response& res) {
    auto sandbox = identify(req, res);
    int retry = 0;
    if (sandbox && !tokens_.take(req.header(userapi::contract::kAuthHeader), retry)) {
      too_many(res, retry, "Too many requests with this token; retry after the seconds in Retry-After.");
      return std::nullopt;
    }
    return sandbox;
  }

  // authorize() without the rate: nothing (and 401 written) for a missing, wrong or expired token.
  std::optional<std::string> identify(const Request& req, Response& res) {
    using namespace userapi::contract;
    const std::string header = req.header(kAuthHeader);
    if (header.rfind(kAuthPrefix, 0) != 0) {
      unauthorized(res, "Send " + std::string(kAuthHeader) + ": " + std::string(kAuthPrefix) +
                            std::string(kRedactedToken) + ".");
      return std::nullopt;
    }
    const std::string token = header.substr(kAuthPrefix.size());
    std::optional<std::string> sandbox;
    // Hashes of equal length compared in constant time: nothing about the dev token leaks.
    if (!options_.is_public && same_secret(key_.hash(token), token_hash_)) sandbox = "";
    if (!sandbox && token.rfind(kSessionPrefix, 0) == 0) {
      if (auto session = store_.session_for(token)) {
        if (session->expires_at <= unix_now()) {
          unauthorized(res,
                       "This sandbox session has expired; create a new one with POST " + kSessionsPath + ".");
          return std::nullopt;
        }
        sandbox = session->id;
      }
    }
    if (!sandbox) {
      unauthorized(res, header.size() == kAuthPrefix.size() ? "Send a token after " + std::string(kAuthPrefix)
                                                            : "The token is not valid for this server.");
      return std::nullopt;
    }
    return sandbox;
  }

  // The members of a JSON body the core finds valid; nothing (and 415 or 422 written) otherwise.
  static std::optional<userapi::BodyMembers> json_members(const Request& req, Response& res) {
    if (!is_json_media_type(req.header("Content-Type"))) {
      unsupported_media_type(res);
      return std::nullopt;
    }
    userapi::ParsedBody parsed = userapi::parse_body(req.body);
    if (!parsed.members) {
      res.status = 422;
      res.set_content(invalid_body(parsed.report), kJson);
      return std::nullopt;
    }
    res.log_user_group_id = parsed.members->user_group_id;
    return std::move(parsed.members);
  }

  void quota_exceeded(Response& res, const std::string& what) const {
    res.status = 413;
    res.set_content(error_body("session_quota", "A sandbox session holds at most " + what + "."), kJson);
  }

  // The database is over --max-disk-bytes (or the disk is full): 507, nothing stored.
  static void disk_full(Response& res) {
    res.status = 507;
    res.set_header("Retry-After", "3600");
    res.set_content(
        error_body("disk_budget", "The sandbox's storage is full; nothing was stored. Retry later."), kJson);
  }

  void put_user(const Request& req, Response& res) {
    const auto sandbox = authorize(req, res);
    if (!sandbox) return;
    const auto members = json_members(req, res);
    if (!members) return;
    const userapi::BodyMembers& m = *members;
    const std::size_t quota = sandbox->empty() ? 0 : options_.session_bytes;
    const UpdateResult r =
        store_.update(*sandbox, {m.user_group_id, m.name, m.mapping_json, m.properties_json}, quota);
    if (!r.error.empty()) {
      res.status = 500;
      res.set_content(error_body("store_failed", "The sandbox could not store the update: " + r.error),
                      kJson);
    } else if (r.disk_full) {
      disk_full(res);
    } else if (r.over_quota) {
      quota_exceeded(res, std::to_string(options_.session_bytes) + " bytes of stored user groups");
    } else if (!r.group) {
      res.status = 404;
      res.set_content(
          error_body("not_found", "No user group has user_group_id " + json_quote(m.user_group_id) + "."),
          kJson);
    } else {
      res.set_content(success_body(*r.group), kJson);
    }
  }

  // POST /sandbox/user-groups {"user_group_id", "name"?}: the body follows the contract's rules
  // for those two members; the name defaults to the id.
  void create_group(const Request& req, Response& res) {
    const auto sandbox = authorize(req, res);
    if (!sandbox) return;
    const auto members = json_members(req, res);
    if (!members) return;
    const userapi::BodyMembers& m = *members;
    if (m.mapping_json || m.properties_json) {
      res.status = 422;
      return res.set_content(
          error_body("invalid_body", "POST " + kGroupsPath +
                                         " takes user_group_id and name only; set mapping and properties "
                                         "with PUT " +
                                         kApiPath + "."),
          kJson);
    }
    const Quota quota = sandbox->empty() ? Quota{} : Quota{options_.session_bytes, options_.session_groups};
    const CreateResult r = store_.create(*sandbox, m.user_group_id, m.name.value_or(m.user_group_id), quota);
    if (!r.error.empty()) {
      res.status = 500;
      res.set_content(error_body("store_failed", "The sandbox could not store the group: " + r.error), kJson);
    } else if (r.disk_full) {
      disk_full(res);
    } else if (r.over_quota) {
      quota_exceeded(res, std::to_string(options_.session_groups) + " user groups and " +
                              std::to_string(options_.session_bytes) + " bytes of stored user groups");
    } else if (r.exists) {
      res.status = 409;
      res.set_content(error_body("already_exists", "A user group with user_group_id " +
                                                       json_quote(m.user_group_id) + " exists already."),
                      kJson);
    } else {
      res.status = 201;
      res.set_header("Location", kGroupsPath + "/" + percent_encode(m.user_group_id));
      res.set_content(group_body(*r.group), kJson);
    }
  }

  // The id of /sandbox/user-groups/<id>: one segment of the raw target, percent-decoded (so an
  // id may hold a "/" as %2F, as the Location of POST writes it).
  static std::optional<std::string> group_id(const Request& req) {
    const std::string prefix = kGroupsPath + "/";
    const std::string raw = req.target.substr(0, req.target.find('?'));
    if (req.path.rfind(prefix, 0) != 0 || raw.rfind(prefix, 0) != 0 || raw.size() == prefix.size() ||
        raw.find('/', prefix.size()) != std::string::npos)
      return std::nullopt;
    return percent_decode(raw.substr(prefix.size()));
  }

  // Rate and cap per network (a /24, a /64): one network cannot take every session; when all
  // are taken, the least recently used idle one gives way (Store::create_session).
  void create_session(const Request& req, Response& res) {
    const std::string network = client_network(req.client);
    int retry = 0;
    if (!sessions_.take(network, retry))
      return too_many(res, retry,
                      "Too many new sessions from this network; retry after the seconds in Retry-After.");
    const Admission admission{options_.max_sessions, options_.network_sessions, options_.session_idle};
    const SessionResult r = store_.create_session(options_.session_ttl, admission, network);
    if (!r.error.empty()) {
      res.status = 500;
      res.set_content(error_body("store_failed", "The sandbox could not make a session: " + r.error), kJson);
    } else if (!r.session) {
      res.status = 503;
      res.set_header("Retry-After", std::to_string(r.retry_after));
      res.set_content(
          error_body("session_quota", r.refused == SessionResult::Refused::network
                                          ? "Your network holds as many sessions as it may; "
                                            "use one of them or retry later."
                                          : "The sandbox holds as many sessions or as much data as "
                                            "it may; retry after the seconds in Retry-After."),
          kJson);
    } else {
      res.status = 201;
      res.set_content(session_body(r.session->token, rfc3339(r.session->expires_at)), kJson);
    }
  }

  void preflight(const Request& req, Response& res) const {
    const std::string origin = req.header("Origin");
    const std::string requested = req.header("Access-Control-Request-Method");
    const char* methods = req.path == kApiPath        ? "PUT"
                          : req.path == kSessionsPath ? "POST"
                          : req.path == kGroupsPath   ? "GET, POST"
                                                      : "GET";
    const bool known = requested == "GET" || requested == "POST" || requested == "PUT";
    if (!origin_allowed(origin) || !known || std::string_view(methods).find(requested) == std::string::npos) {
      res.status = 403;
      res.set_content(error_body("origin_not_allowed",
                                 "This origin may not call the sandbox; start it with "
                                 "--allow-origin " +
                                     (origin.empty() ? "ORIGIN" : origin) + "."),
                      kJson);
      return;
    }
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", methods);
    res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
    res.set_header("Access-Control-Max-Age", "600");
  }

  void read_group(const Request& req, Response& res, const std::string& id) {
    const auto sandbox = authorize(req, res);
    if (!sandbox) return;
    if (auto g = store_.find(*sandbox, id)) {
      res.set_content(group_body(*g), kJson);
    } else {
      res.status = 404;
      res.set_content(error_body("not_found", "No such user group."), kJson);
    }
  }

  void list_groups(const Request& req, Response& res) {
    const auto sandbox = authorize(req, res);
    if (!sandbox) return;
    res.set_content(groups_body(store_.list(*sandbox)), kJson);
  }

  // Headers every response gets; CORS only for allowed origins, on the API routes. Pages may be
  // framed only by the --allow-origin sites.
  void finish(const Request& req, Response& res) const {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    const bool api = req.path == kApiPath || req.path.rfind("/sandbox/", 0) == 0;
    if (api) {
      res.set_header("Cache-Control", "no-store");
      const std::string origin = req.header("Origin");
      if (!origin.empty() && origin_allowed(origin)) {
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Access-Control-Expose-Headers", "WWW-Authenticate, Allow, Retry-After");
      }
      res.set_header("Vary", "Origin");
    } else {
      res.set_header("Content-Security-Policy", page_policy_);
    }
  }

  static std::string page_policy(const std::vector<std::string>& framers) {
    std::string ancestors;
    for (const auto& o : framers) ancestors += " " + o;
    return kPagePolicy + (ancestors.empty() ? std::string(" 'none'") : ancestors);
  }

  Store& store_;
  const TokenKey& key_;
  const std::string token_hash_;
  Options options_;
  std::string own_origin_;
  const StaticSite* site_ = nullptr;
  RateLimiter clients_, tokens_, sessions_;
  const std::string page_policy_ = page_policy(options_.allowed_origins);
};
// What a log line may show of a request: printable ASCII; anything else as \xHH, so that no
// request can forge a line or send escape sequences to the terminal. `quote` is escaped too
// (for a quoted field).
std::string log_safe(std::string_view text, std::size_t max = 200, char quote = '\\') {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text.substr(0, max)) {
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != quote)
      out.push_back(static_cast<char>(c));
    else
      out += std::string("\\x") + hex[c >> 4] + hex[c & 0xF];
  }
  if (text.size() > max) out += "...";
  return out;
}

// A method outside RFC 9110 is logged as "-": a malformed request line can hold anything.
std::string_view log_method(const std::string& method) {
  for (std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})
    if (method == known) return known;
  return "-";
}

std::string log_time() {
  char buf[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Method, path (no query), status and size: never a header, so never a token. A request the HTTP
// layer refused also says how much of it was read; a PUT /api/user or POST /sandbox/user-groups
// whose body was valid, its user_group_id (user_group_id="...", escaped like the path, and `"`
// as \x22). One write(2) per line, before the answer is sent: lines from concurrent requests
// never interleave, and a line is in the file even when the server is then killed.
void log_request(int fd, const Request& q, const Response& r) {
  std::string line = log_time() + ' ' + std::string(log_method(q.method)) + ' ' + log_safe(q.path) + ' ' +
                     std::to_string(r.status) + ' ' + std::to_string(r.content().size());
  if (q.bytes_read > 0) line += " refused after " + std::to_string(q.bytes_read) + " bytes";
  if (!r.log_user_group_id.empty())
    line += " user_group_id=\"" + log_safe(r.log_user_group_id, 300, '"') + '"';
  line += '\n';
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n <= 0 && errno != EINTR) break;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
}

// The access log: stderr, or `path` opened for appending (fd -1 when it cannot be opened).
struct LogFile {
  int fd = STDERR_FILENO;
  explicit LogFile(const std::string& path) {
    if (path.empty() || path == "-") return;
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
      std::cerr << "userapi serve: cannot open the log " << path << ": " << std::strerror(errno) << "\n";
  }
  ~LogFile() {
    if (fd > STDERR_FILENO) ::close(fd);
  }
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;
};

// Every connection needs a descriptor: take the hard limit (1024 by default is too few).
void raise_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Deletes expired sessions every `period` until it is destroyed.
class Sweeper {
 public:
  Sweeper(Api& api, std::chrono::seconds period)
      : thread_([this, &api, period] {
          std::unique_lock<std::mutex> lock(mutex_);
          do {
            lock.unlock();
            api.sweep();
            lock.lock();
          } while (!wake_.wait_for(lock, period, [this] { return stopped_; }));
        }) {}
  ~Sweeper() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;
  std::thread thread_;
};

// The database and, beside it, the key of its tokens (`<db>.key`).
std::unique_ptr<Store> open_store(const std::string& db_path, std::optional<TokenKey>& key) {
  std::error_code ec;
  const auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string error;
  key = TokenKey::load_or_create(db_path + ".key", error);
  auto store = key ? Store::open(db_path, *key, error) : nullptr;
  if (!store) std::cerr << "userapi serve: " << error << "\n";
  return store;
}

void banner(const std::string& origin, const Options& options, const std::string& token,
            const std::string& db_path) {
  const long long ttl = options.session_ttl;
  const std::string valid = ttl % 3600 == 0 ? std::to_string(ttl / 3600) + " h" : std::to_string(ttl) + " s";
  std::cout << "userapi sandbox on " << origin << "/  (PUT " << origin << kApiPath << ")\n"
            << "dev token: " << (options.is_public ? "none (--public)" : token) << "\n"
            << "database: " << db_path << "\n"
            << "sessions: POST " << origin << kSessionsPath << " (each valid " << valid << ")" << std::endl;
}

}  // namespace

bool is_loopback(const std::string& host) {
  unsigned char v6[16];
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  if (inet_pton(AF_INET6, host.c_str(), v6) != 1) return false;
  static const unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::equal(v6, v6 + 16, kLoopback) || (std::equal(v6, v6 + 12, kMapped) && v6[12] == 127);
}

Options with_rates(Options o) {
  const bool limited = o.is_public || !is_loopback(o.host);
  const auto resolve = [limited](double& rate, double on) {
    if (rate == Options::kAutoRate) rate = limited ? on : 0;
  };
  resolve(o.client_rate, Options::kClientRate);
  resolve(o.token_rate, Options::kTokenRate);
  resolve(o.session_rate, Options::kSessionRate);
  return o;
}

int serve(const Options& given) {
  const Options options = with_rates(given);
  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  if (!options.web_dir.empty() && !std::filesystem::is_directory(options.web_dir)) {
    std::cerr << "userapi serve: cannot serve " << options.web_dir << ": not a folder\n";
    return 2;
  }
  const StaticSite site(options.web_dir);
  if (site.empty()) std::cerr << "userapi serve: " << StaticSite::kNoPage << "\n";
  raise_file_limit();
  const std::string db_path = options.db_path.empty() ? "data/sandbox.db" : options.db_path;
  std::optional<TokenKey> key;
  auto store = open_store(db_path, key);
  if (!store) return 1;
  store->set_disk_budget(options.max_disk_bytes);
  const std::string token = options.token.empty() ? key->dev_token() : options.token;
  Api api(*store, *key, token, options);
  api.set_site(&site);
  const LogFile log(options.log_path);
  if (log.fd < 0) return 1;

  HttpServer server(
      options.http, [&](const Request& q, Response& r) { api.handle(q, r); },
      [fd = log.fd](const Request& q, const Response& r) { log_request(fd, q, r); },
      [&](const Request& q, Response& r) { return api.check_head(q, r); });
  std::string error;
  const int port = server.bind(options.host, options.port, error);
  if (port < 0) {
    std::cerr << "userapi serve: cannot listen on " << options.host << ":" << options.port << ": " << error
              << "\n";
    return 1;
  }
  const std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  const std::string origin = "http://" + host + ":" + std::to_string(port);
  api.set_origin(origin);
  banner(origin, options, token, db_path);
  if (!options.is_public && !is_loopback(options.host))
    std::cerr << "userapi serve: warning: listening on " << options.host
              << " without --public: anyone who can reach it and has the dev token can use it; "
                 "for visitors from the internet use --public\n";
  {
    const Sweeper sweeper(api, std::chrono::seconds(std::clamp(options.session_ttl / 4, 1LL, 60LL)));
    std::thread waiter([&] {
      int signal_number = 0;
      sigwait(&stop_signals, &signal_number);
      server.stop();
    });
    server.run();                 // returns after stop(), once the requests in flight are done
    ::kill(::getpid(), SIGTERM);  // wakes the waiter when run ended by itself
    waiter.join();
  }
  std::cerr << "userapi sandbox stopped\n";
  return 0;
}

}  // namespace sandbox
