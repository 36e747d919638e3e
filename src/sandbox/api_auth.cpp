// Who a request is: the dev token, a session's token, or nobody (401); and how often it may ask
// (429 over a token's rate).
#include <string>

#include "answers.h"
#include "api.h"
#include "userapi/contract.h"
#include "utc_time.h"

namespace sandbox {
namespace {

void unauthorized(Response& res, Error error) {
  using namespace userapi::contract;
  reply_error(res, error);
  res.set_header("WWW-Authenticate", std::string(kAuthScheme) + " realm=\"userapi sandbox\"");
}

}  // namespace

void too_many(Response& res, int retry_after, Error error) {
  reply_error(res, error);
  res.set_header("Retry-After", std::to_string(retry_after));
}

// The sandbox a request's token opens: "" for the dev token, a session's id for its token.
// Nothing (and the answer written: 401, or 429 over the token's rate) otherwise.
std::optional<std::string> Api::authorize(const Request& req, Response& res) {
  auto sandbox = identify(req, res);
  int retry = 0;
  if (sandbox && !tokens_.take(req.header(userapi::contract::kAuthHeader), retry)) {
    too_many(res, retry, Error::token_rate);
    return std::nullopt;
  }
  return sandbox;
}

// authorize() without the rate: nothing (and 401 written) for a missing, wrong or expired token.
std::optional<std::string> Api::identify(const Request& req, Response& res) {
  using namespace userapi::contract;
  const std::string header = req.header(kAuthHeader);
  if (header.rfind(kAuthPrefix, 0) != 0) {
    unauthorized(res, Error::unauthorized);
    return std::nullopt;
  }
  const std::string token = header.substr(kAuthPrefix.size());
  // Hashes of equal length compared in constant time: nothing about the dev token leaks.
  if (!options_.is_public && same_secret(key_.hash(token), token_hash_)) return std::string();
  if (token.rfind(kSessionTokenPrefix, 0) == 0) return session_sandbox(token, res);
  unauthorized(res, token.empty() ? Error::token_missing : Error::token_invalid);
  return std::nullopt;
}

// The sandbox of the session a session token names; nothing (and 401 written) when there is no
// such session or it has expired.
std::optional<std::string> Api::session_sandbox(const std::string& token, Response& res) {
  const auto session = store_.session_for(token);
  if (!session || session->expires_at <= unix_now()) {
    unauthorized(res, session ? Error::session_expired : Error::token_invalid);
    return std::nullopt;
  }
  return session->id;
}

}  // namespace sandbox
