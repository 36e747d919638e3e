// The routes of `userapi serve` over the plain Request and Response of the HTTP layer: the API
// (PUT /api/user), the sandbox's own routes, their authorisation and CORS. The bodies come from
// answers.h, the data from the Store. Defined in api_routes.cpp (routing and the routes),
// api_auth.cpp (tokens, rates) and cors.cpp (origins, preflight, the headers of every answer).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http.h"
#include "rate_limit.h"
#include "server.h"
#include "static_files.h"
#include "store.h"
#include "token_key.h"
#include "userapi/contract.h"

namespace sandbox {

inline constexpr std::string_view kApiPath = userapi::contract::kPath;
inline constexpr std::string_view kSessionsPath = "/sandbox/sessions";
inline constexpr std::string_view kGroupsPath = "/sandbox/user-groups";

class Api {
 public:
  /// `token` is the dev token (ignored with options.is_public); `options` with its rates resolved.
  Api(Store& store, const TokenKey& key, const std::string& token, Options options);

  /// The server's own origin ("http://127.0.0.1:8787"), known once it listens.
  void set_origin(std::string origin) { own_origin_ = std::move(origin); }
  void set_site(const StaticSite* site) { site_ = site; }
  /// Deletes the sessions that have expired, and their data.
  void sweep();

  /// Answers a request whose body has been read.
  void handle(const Request& req, Response& res);
  /// A request with a body, before the body is read (see HeadCheck in http.h): true to read it.
  bool check_head(const Request& req, Response& res);

 private:
  // api_routes.cpp
  void route(const Request& req, Response& res);
  void put_user(const Request& req, Response& res);
  void create_group(const Request& req, Response& res);
  void create_session(const Request& req, Response& res);
  void read_group(const Request& req, Response& res, const std::string& id);
  void list_groups(const Request& req, Response& res);
  void quota_exceeded(Response& res, bool groups_too) const;

  // api_auth.cpp
  std::optional<std::string> authorize(const Request& req, Response& res);
  std::optional<std::string> identify(const Request& req, Response& res);
  std::optional<std::string> session_sandbox(const std::string& token, Response& res);

  // cors.cpp
  bool origin_allowed(const std::string& origin) const;
  void preflight(const Request& req, Response& res) const;
  void finish(const Request& req, Response& res) const;

  Store& store_;
  const TokenKey& key_;
  const std::string token_hash_;
  Options options_;
  std::string own_origin_;
  const StaticSite* site_ = nullptr;
  RateLimiter clients_, tokens_, sessions_;
  const std::string page_policy_;
};

/// 429 with Retry-After: `error` is one of the rate_limited errors.
void too_many(Response& res, int retry_after, userapi::contract::Error error);

/// "application/json", any case, optional white space and parameters (RFC 9110 8.3.1).
bool is_json_media_type(std::string_view type);

/// The Content-Security-Policy of the pages: framed only by `framers` (--allow-origin).
std::string page_policy(const std::vector<std::string>& framers);

}  // namespace sandbox
