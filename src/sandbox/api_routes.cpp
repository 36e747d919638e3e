// Routing and the routes: PUT /api/user, the sandbox's sessions and user groups, the page.
#include <algorithm>
#include <string>

#include "answers.h"
#include "api.h"
#include "network.h"
#include "userapi/json.h"
#include "userapi/locale.h"
#include "userapi/validate.h"
#include "utc_time.h"

namespace sandbox {
namespace {

using userapi::json_quote;
namespace contract = userapi::contract;

constexpr std::string_view kJson = contract::kContentType;

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

// An encoded "/" or "\" (%2F, %5C) would route a path that a proxy's rule in front does not
// see as this route (PUT /api%2Fuser); only the id segment of /sandbox/user-groups/<id> may
// hold one, as an id may hold "/" (the Location of POST writes it so).
bool has_encoded_separator(const std::string& target) {
  std::string_view raw = std::string_view(target).substr(0, target.find('?'));
  const std::string groups = std::string(kGroupsPath) + "/";
  if (raw.substr(0, groups.size()) == groups && raw.find('/', groups.size()) == std::string_view::npos)
    return false;
  for (std::size_t i = raw.find('%'); i != std::string_view::npos; i = raw.find('%', i + 1)) {
    const std::string_view hex = raw.substr(i + 1, 2);
    if (hex == "2F" || hex == "2f" || hex == "5C" || hex == "5c") return true;
  }
  return false;
}

// The id of /sandbox/user-groups/<id>: one segment of the raw target, percent-decoded (so an
// id may hold a "/" as %2F, as the Location of POST writes it).
std::optional<std::string> group_id(const Request& req) {
  const std::string prefix = std::string(kGroupsPath) + "/";
  const std::string raw = req.target.substr(0, req.target.find('?'));
  if (req.path.rfind(prefix, 0) != 0 || raw.rfind(prefix, 0) != 0 || raw.size() == prefix.size() ||
      raw.find('/', prefix.size()) != std::string::npos)
    return std::nullopt;
  return percent_decode(raw.substr(prefix.size()));
}

// The members of a JSON body the core finds valid; nothing (and 415 or 422 written) otherwise.
// The violations' messages are in the language of Accept-Language (English when it names none
// the core has); codes, paths and positions are the same in every language.
std::optional<userapi::BodyMembers> json_members(const Request& req, Response& res) {
  if (!is_json_media_type(req.header("Content-Type"))) {
    reply_error(res, Error::unsupported_media_type);
    return std::nullopt;
  }
  userapi::ParsedBody parsed = userapi::parse_body(req.body);
  if (!parsed.members) {
    userapi::localize(parsed.report, userapi::match_locale(req.header("Accept-Language")));
    res.status = contract::error_info(Error::invalid_body).status;
    res.set_content(invalid_body(parsed.report), kJson);
    res.set_header("Vary", "Accept-Language");
    return std::nullopt;
  }
  res.log_user_group_id = parsed.members->user_group_id;
  return std::move(parsed.members);
}

void not_allowed(Response& res, const char* allow) {
  reply_error(res, Error::method_not_allowed, {{"allow", allow}});
  res.set_header("Allow", allow);
}

// The database is over --max-disk-bytes (or the disk is full): 507, nothing stored.
void disk_full(Response& res) {
  reply_error(res, Error::disk_budget);
  res.set_header("Retry-After", "3600");
}

}  // namespace

bool is_json_media_type(std::string_view type) {
  std::string_view media = type.substr(0, type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  return media.size() == kJson.size() &&
         std::equal(media.begin(), media.end(), kJson.begin(),
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a + 32 : a) == b; });
}

Api::Api(Store& store, const TokenKey& key, const std::string& token, Options options)
    : store_(store),
      key_(key),
      token_hash_(key.hash(token)),
      options_(std::move(options)),
      clients_(options_.client_rate, 2 * options_.client_rate),
      tokens_(options_.token_rate, 2 * options_.token_rate),
      sessions_(options_.session_rate / 60.0, options_.session_rate),
      page_policy_(page_policy(options_.allowed_origins)) {}

void Api::sweep() { store_.delete_expired(unix_now()); }

void Api::handle(const Request& req, Response& res) {
  int retry = 0;
  if (!clients_.take(req.client, retry))
    too_many(res, retry, Error::address_rate);
  else if (has_encoded_separator(req.target))
    reply_error(res, Error::encoded_separator);
  else
    route(req, res);
  if (res.status == 404 && res.content().empty()) reply_error(res, Error::no_such_file);
  finish(req, res);
}

// A request with a body, before the body is read: only PUT /api/user and POST
// /sandbox/user-groups read one, and only with a valid token and a JSON media type; any other
// is answered now, as it would be with its body. So no one without a token makes the server
// hold a body (and no 100 Continue invites one).
bool Api::check_head(const Request& req, Response& res) {
  const bool takes_body =
      !has_encoded_separator(req.target) &&
      ((req.path == kApiPath && req.method == "PUT") || (req.path == kGroupsPath && req.method == "POST"));
  if (!takes_body) {
    handle(req, res);
    return false;
  }
  if (identify(req, res)) {
    if (is_json_media_type(req.header("Content-Type"))) return true;
    reply_error(res, Error::unsupported_media_type);
  }
  finish(req, res);
  return false;
}

void Api::route(const Request& req, Response& res) {
  const std::string& p = req.path;
  if (req.method == "OPTIONS" && (p == kApiPath || p.rfind("/sandbox/", 0) == 0)) return preflight(req, res);
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
  if (p.rfind("/sandbox/", 0) == 0 || p == "/sandbox") return reply_error(res, Error::no_sandbox_route);
  if (req.method != "GET" && req.method != "HEAD")
    return reply_error(res, Error::nothing_here, {{"method", req.method}});
  site_->answer(req, res);
}

void Api::quota_exceeded(Response& res, bool groups_too) const {
  const std::string bytes = std::to_string(options_.session_bytes);
  if (groups_too)
    reply_error(res, Error::session_groups,
                {{"groups", std::to_string(options_.session_groups)}, {"bytes", bytes}});
  else
    reply_error(res, Error::session_bytes, {{"bytes", bytes}});
}

void Api::put_user(const Request& req, Response& res) {
  const auto sandbox = authorize(req, res);
  if (!sandbox) return;
  const auto members = json_members(req, res);
  if (!members) return;
  const userapi::BodyMembers& m = *members;
  const std::size_t quota = sandbox->empty() ? 0 : options_.session_bytes;
  const UpdateResult r =
      store_.update(*sandbox, {m.user_group_id, m.name, m.mapping_json, m.properties_json}, quota);
  if (!r.error.empty())
    reply_error(res, Error::update_failed, {{"reason", r.error}});
  else if (r.disk_full)
    disk_full(res);
  else if (r.over_quota)
    quota_exceeded(res, false);
  else if (!r.group)
    reply_error(res, Error::no_such_id, {{"user_group_id", json_quote(m.user_group_id)}});
  else
    res.set_content(success_body(*r.group), kJson);
}

// POST /sandbox/user-groups {"user_group_id", "name"?}: the body follows the contract's rules
// for those two members; the name defaults to the id.
void Api::create_group(const Request& req, Response& res) {
  const auto sandbox = authorize(req, res);
  if (!sandbox) return;
  const auto members = json_members(req, res);
  if (!members) return;
  const userapi::BodyMembers& m = *members;
  if (m.mapping_json || m.properties_json) return reply_error(res, Error::group_members);
  const Quota quota = sandbox->empty() ? Quota{} : Quota{options_.session_bytes, options_.session_groups};
  const CreateResult r = store_.create(*sandbox, m.user_group_id, m.name.value_or(m.user_group_id), quota);
  if (!r.error.empty()) {
    reply_error(res, Error::create_failed, {{"reason", r.error}});
  } else if (r.disk_full) {
    disk_full(res);
  } else if (r.over_quota) {
    quota_exceeded(res, true);
  } else if (r.exists) {
    reply_error(res, Error::already_exists, {{"user_group_id", json_quote(m.user_group_id)}});
  } else {
    res.status = 201;
    res.set_header("Location", std::string(kGroupsPath) + "/" + percent_encode(m.user_group_id));
    res.set_content(group_body(*r.group), kJson);
  }
}

// Rate and cap per network (a /24, a /64): one network cannot take every session; when all
// are taken, the least recently used idle one gives way (Store::create_session).
void Api::create_session(const Request& req, Response& res) {
  const std::string network = client_network(req.client);
  int retry = 0;
  if (!sessions_.take(network, retry)) return too_many(res, retry, Error::session_rate);
  const Admission admission{options_.max_sessions, options_.network_sessions, options_.session_idle};
  const SessionResult r = store_.create_session(options_.session_ttl, admission, network);
  if (!r.error.empty()) {
    reply_error(res, Error::session_failed, {{"reason", r.error}});
  } else if (!r.session) {
    reply_error(
        res, r.refused == SessionResult::Refused::network ? Error::network_sessions : Error::sessions_full);
    res.set_header("Retry-After", std::to_string(r.retry_after));
  } else {
    res.status = 201;
    res.set_content(session_body(r.session->token, rfc3339(r.session->expires_at)), kJson);
  }
}

void Api::read_group(const Request& req, Response& res, const std::string& id) {
  const auto sandbox = authorize(req, res);
  if (!sandbox) return;
  if (auto g = store_.find(*sandbox, id))
    res.set_content(group_body(*g), kJson);
  else
    reply_error(res, Error::no_such_group);
}

void Api::list_groups(const Request& req, Response& res) {
  const auto sandbox = authorize(req, res);
  if (!sandbox) return;
  res.set_content(groups_body(store_.list(*sandbox)), kJson);
}

}  // namespace sandbox
