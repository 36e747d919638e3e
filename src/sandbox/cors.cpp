// Which origins may call the API routes (CORS), and the headers every answer gets.
#include <string>

#include "answers.h"
#include "api.h"

namespace sandbox {
namespace {

// The page may only load its own files; it may send to this server, other local servers and
// any https API (the production preset). 'wasm-unsafe-eval' lets it compile the wasm core.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' http://localhost:* http://127.0.0.1:* https:; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors";

// http://localhost or http://127.0.0.1, with or without a port.
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

bool is_api_path(const std::string& path) { return path == kApiPath || path.rfind("/sandbox/", 0) == 0; }

}  // namespace

std::string page_policy(const std::vector<std::string>& framers) {
  std::string ancestors;
  for (const auto& o : framers) ancestors += " " + o;
  return kPagePolicy + (ancestors.empty() ? std::string(" 'none'") : ancestors);
}

bool Api::origin_allowed(const std::string& origin) const {
  if (origin == own_origin_ || is_local_origin(origin)) return true;
  for (const auto& o : options_.allowed_origins)
    if (o == origin) return true;
  return false;
}

void Api::preflight(const Request& req, Response& res) const {
  const std::string origin = req.header("Origin");
  const std::string requested = req.header("Access-Control-Request-Method");
  const char* methods = req.path == kApiPath        ? "PUT"
                        : req.path == kSessionsPath ? "POST"
                        : req.path == kGroupsPath   ? "GET, POST"
                                                    : "GET";
  const bool known = requested == "GET" || requested == "POST" || requested == "PUT";
  if (!origin_allowed(origin) || !known || std::string_view(methods).find(requested) == std::string::npos)
    return reply_error(res, Error::origin_not_allowed, {{"origin", origin.empty() ? "ORIGIN" : origin}});
  res.status = 204;
  res.set_header("Access-Control-Allow-Methods", methods);
  res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
  res.set_header("Access-Control-Max-Age", "600");
}

// Headers every response gets; CORS only for allowed origins, on the API routes. Pages may be
// framed only by the --allow-origin sites. A route whose body depends on a request header (the
// violations' language) has named it in Vary already.
void Api::finish(const Request& req, Response& res) const {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  if (!is_api_path(req.path)) {
    res.set_header("Content-Security-Policy", page_policy_);
    return;
  }
  res.set_header("Cache-Control", "no-store");
  const std::string origin = req.header("Origin");
  if (!origin.empty() && origin_allowed(origin)) {
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Access-Control-Expose-Headers", "WWW-Authenticate, Allow, Retry-After");
  }
  const std::string vary = res.header("Vary");
  res.set_header("Vary", vary.empty() ? "Origin" : "Origin, " + vary);
}

}  // namespace sandbox
