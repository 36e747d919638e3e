#include "server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "answers.h"
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
// The page may only load its own files; it may send to this server, other local servers and
// any https API (the production preset). 'wasm-unsafe-eval' lets it compile the wasm core.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' http://localhost:* http://127.0.0.1:* https:; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

// Compares in time that depends only on the expected token's length.
bool same_token(std::string_view given, std::string_view expected) {
  unsigned diff = given.size() != expected.size();
  for (std::size_t i = 0; i < expected.size(); ++i)
    diff |=
        static_cast<unsigned char>(expected[i]) ^ static_cast<unsigned char>(i < given.size() ? given[i] : 0);
  return diff == 0;
}

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

class Api {
 public:
  Api(Store& store, std::string token, Options options)
      : store_(store), token_(std::move(token)), options_(std::move(options)) {}

  void set_origin(std::string origin) { own_origin_ = std::move(origin); }

  bool origin_allowed(const std::string& origin) const {
    if (origin == own_origin_ || is_local_origin(origin)) return true;
    for (const auto& o : options_.allowed_origins)
      if (o == origin) return true;
    return false;
  }

  bool authorized(const httplib::Request& req, httplib::Response& res) const {
    using userapi::contract::kAuthPrefix;
    const std::string header = req.get_header_value(std::string(userapi::contract::kAuthHeader).c_str());
    const bool ok = header.rfind(kAuthPrefix, 0) == 0 &&
                    same_token(std::string_view(header).substr(kAuthPrefix.size()), token_);
    if (!ok) {
      res.status = 401;
      using namespace userapi::contract;
      res.set_header("WWW-Authenticate", std::string(kAuthScheme) + " realm=\"userapi sandbox\"");
      const std::string hint = "Send " + std::string(kAuthHeader) + ": " + std::string(kAuthPrefix) +
                               std::string(kRedactedToken) + ".";
      res.set_content(
          error_body("unauthorized", header.empty() ? hint : "The token is not valid for this server."),
          kJson);
    }
    return ok;
  }

  void put_user(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    const std::string type = req.get_header_value("Content-Type");
    const std::string media = type.substr(0, type.find(';'));
    if (media != kJson) {
      res.status = 415;
      res.set_content(
          error_body("unsupported_media_type", "Send the body as Content-Type: application/json."), kJson);
      return;
    }
    const userapi::ParsedBody parsed = userapi::parse_body(req.body);
    if (!parsed.members) {
      res.status = 422;
      res.set_content(invalid_body(parsed.report), kJson);
      return;
    }
    const userapi::BodyMembers& m = *parsed.members;
    std::string error;
    const auto group = store_.update({m.user_group_id, m.name, m.mapping_json, m.properties_json}, error);
    if (!error.empty()) {
      res.status = 500;
      res.set_content(error_body("store_failed", "The sandbox could not store the update: " + error), kJson);
    } else if (!group) {
      res.status = 404;
      res.set_content(
          error_body("not_found", "No user group has user_group_id " + json_quote(m.user_group_id) + "."),
          kJson);
    } else {
      res.set_content(success_body(*group), kJson);
    }
  }

  void preflight(const httplib::Request& req, httplib::Response& res) const {
    const std::string origin = req.get_header_value("Origin");
    if (!origin_allowed(origin) || req.get_header_value("Access-Control-Request-Method") != "PUT") {
      res.status = 403;
      res.set_content(error_body("origin_not_allowed",
                                 "This origin may not call the sandbox; start it with "
                                 "--allow-origin " +
                                     (origin.empty() ? "ORIGIN" : origin) + "."),
                      kJson);
      return;
    }
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "PUT");
    res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
    res.set_header("Access-Control-Max-Age", "600");
  }

  void read_group(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    if (auto g = store_.find(req.matches[1])) {
      res.set_content(group_body(*g), kJson);
    } else {
      res.status = 404;
      res.set_content(error_body("not_found", "No such user group."), kJson);
    }
  }

  void list_groups(const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    res.set_content(groups_body(store_.list()), kJson);
  }

  // Headers every response gets; CORS only for allowed origins, on the API routes.
  void finish(const httplib::Request& req, httplib::Response& res) const {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    const bool api = req.path == kApiPath || req.path.rfind("/sandbox/", 0) == 0;
    if (api) {
      res.set_header("Cache-Control", "no-store");
      const std::string origin = req.get_header_value("Origin");
      if (!origin.empty() && origin_allowed(origin)) {
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Access-Control-Expose-Headers", "WWW-Authenticate, Allow");
      }
      res.set_header("Vary", "Origin");
    } else {
      res.set_header("Content-Security-Policy", kPagePolicy);
    }
  }

 private:
  Store& store_;
  std::string token_;
  Options options_;
  std::string own_origin_;
};

// What a log line may show of a request: printable ASCII; anything else as \xHH, so that no
// request can forge a line or send escape sequences to the terminal.
std::string log_safe(std::string_view text, std::size_t max = 200) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text.substr(0, max)) {
    if (c >= 0x20 && c < 0x7f && c != '\\')
      out.push_back(static_cast<char>(c));
    else
      out += std::string("\\x") + hex[c >> 4] + hex[c & 0xF];
  }
  if (text.size() > max) out += "...";
  return out;
}

// A method httplib does not know is logged as "-": a malformed request line can hold anything.
std::string_view log_method(const std::string& method) {
  for (std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})
    if (method == known) return known;
  return "-";
}

std::string log_time() {
  char buf[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

// Limits and socket options.
void tune(httplib::Server& server) {
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  server.set_payload_max_length(userapi::contract::kMaxBytes);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_timeout(5);
  // httplib writes headers and body separately: without NODELAY, Nagle + delayed ACK add ~40 ms.
  server.set_tcp_nodelay(true);
  // cpp-httplib closes a kept-alive connection after 5 requests by default, so a client that
  // sends many (the playground, a load test) reconnects every fifth request.
  server.set_keep_alive_max_count(100);
}

void add_routes(httplib::Server& server, Api& api, const StaticSite& site) {
  server.Put(kApiPath, [&](const httplib::Request& q, httplib::Response& r) { api.put_user(q, r); });
  server.Options(kApiPath, [&](const httplib::Request& q, httplib::Response& r) { api.preflight(q, r); });
  auto not_allowed = [](const httplib::Request&, httplib::Response& r) {
    r.status = 405;
    r.set_header("Allow", "PUT, OPTIONS");
    r.set_content(error_body("method_not_allowed", "This endpoint takes PUT."), kJson);
  };
  server.Get(kApiPath, not_allowed);
  server.Post(kApiPath, not_allowed);
  server.Patch(kApiPath, not_allowed);
  server.Delete(kApiPath, not_allowed);
  // Sandbox only, not part of the API: what is stored now, for the page and the tests.
  server.Get("/sandbox/user-groups",
             [&](const httplib::Request& q, httplib::Response& r) { api.list_groups(q, r); });
  server.Get(R"(/sandbox/user-groups/([^/]+))",
             [&](const httplib::Request& q, httplib::Response& r) { api.read_group(q, r); });
  // The page: the playground compiled in, or the folder given with --web.
  server.Get(".*", [&](const httplib::Request& q, httplib::Response& r) { site.answer(q, r); });
}

// What runs around every route: framing checks, error bodies, common headers, the log.
void add_guards(httplib::Server& server, Api& api) {
  // Runs before httplib reads a body: refuse framing it would guess at, and chunked bodies, whose
  // size httplib 0.11 does not limit (only Content-Length is checked against the 1 MiB limit).
  server.set_pre_routing_handler([](const httplib::Request& q, httplib::Response& r) {
    const char* problem = nullptr;
    int status = 400;
    if (q.get_header_value_count("Content-Length") > 1)
      problem = "Send one Content-Length.";
    else if (q.has_header("Transfer-Encoding"))
      problem = "Send the body with Content-Length, not chunked.", status = 411;
    if (!problem) return httplib::Server::HandlerResponse::Unhandled;
    r.status = status;
    r.set_header("Connection", "close");
    r.set_content(error_body(status == 411 ? "length_required" : "bad_request", problem), kJson);
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& r) {
    if (!r.body.empty()) return;
    const char* code = r.status == 413 ? "payload_too_large" : r.status == 404 ? "not_found" : "bad_request";
    const std::string message = r.status == 413 ? "The body is larger than " +
                                                      std::to_string(userapi::contract::kMaxBytes) + " bytes."
                                                : "HTTP " + std::to_string(r.status) + ".";
    r.set_content(error_body(code, message), kJson);
  });
  server.set_post_routing_handler([&](const httplib::Request& q, httplib::Response& r) { api.finish(q, r); });
  // Method, path (no query), status and size: never a header, so never a token.
  // One write per line: lines from concurrent requests never interleave, and a request costs one
  // system call for its log line instead of one per field (std::cerr is unbuffered).
  server.set_logger([](const httplib::Request& q, const httplib::Response& r) {
    const std::string line = log_time() + ' ' + std::string(log_method(q.method)) + ' ' + log_safe(q.path) +
                             ' ' + std::to_string(r.status) + ' ' +
                             std::to_string(r.body.empty() ? r.content_length_ : r.body.size()) + '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
  });
}

}  // namespace

int serve(const Options& options) {
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

  const std::string db_path = options.db_path.empty() ? "data/sandbox.db" : options.db_path;
  std::error_code ec;
  const auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string error;
  auto store = Store::open(db_path, error);
  if (!store) {
    std::cerr << "userapi serve: " << error << "\n";
    return 1;
  }
  const std::string token = options.token.empty() ? store->api_token() : options.token;
  Api api(*store, token, options);

  httplib::Server server;
  tune(server);
  add_routes(server, api, site);
  add_guards(server, api);
  const int port = options.port == 0 ? server.bind_to_any_port(options.host) : options.port;
  if (port < 0 || (options.port != 0 && !server.bind_to_port(options.host, port))) {
    std::cerr << "userapi serve: cannot listen on " << options.host << ":" << options.port << "\n";
    return 1;
  }
  const std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  const std::string origin = "http://" + host + ":" + std::to_string(port);
  api.set_origin(origin);
  std::cout << "userapi sandbox on " << origin << "/  (PUT " << origin << kApiPath << ")\n"
            << "dev token: " << token << "\n"
            << "database: " << db_path << std::endl;

  std::thread waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stop();
  });
  server.listen_after_bind();  // returns after stop(), once the requests in flight are done
  if (server.is_running()) server.stop();
  ::kill(::getpid(), SIGTERM);  // wakes the waiter when listen ended by itself
  waiter.join();
  std::cerr << "userapi sandbox stopped\n";
  return 0;
}

}  // namespace sandbox
