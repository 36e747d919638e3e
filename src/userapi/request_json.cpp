// TokenMode and the JSON of a request and of a build result.
#include "detail/token_text.h"
#include "userapi/json.h"
#include "userapi/request.h"

namespace userapi {
namespace {

// Variables the shell sets or interprets itself: $PWD in a snippet would be the working folder,
// not the caller's token, and IFS or OPTIND would break the command.
constexpr std::string_view kShellVariables[] = {"CDPATH", "ENV",    "HOME",  "IFS",    "LINENO",  "OLDPWD",
                                                "OPTARG", "OPTIND", "PATH",  "PPID",   "PS1",     "PS2",
                                                "PS4",    "PWD",    "SHELL", "RANDOM", "SECONDS", "_"};

bool is_env_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (std::string_view reserved : kShellVariables)
    if (name == reserved) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

void write_request(JsonWriter& out, const Request& r, const TokenMode& mode) {
  out.begin_object();
  out.key("method").string(r.method);
  out.key("url").string(r.url);
  out.key("headers").begin_array();
  for (const Header& h : r.headers)
    out.begin_array().string(h.name).string(detail::header_text(h, mode)).end_array();
  out.end_array();
  out.key("body").string(r.body);
  out.end_object();
}

}  // namespace

std::optional<TokenMode> parse_token_mode(std::string_view text) {
  if (text == "redact") return TokenMode{TokenMode::Kind::redact, {}};
  if (text == "inline") return TokenMode{TokenMode::Kind::show, {}};
  if (text.rfind("env:", 0) == 0 && is_env_name(text.substr(4)))
    return TokenMode{TokenMode::Kind::env, std::string(text.substr(4))};
  return std::nullopt;
}

std::string request_json(const Request& request, const TokenMode& mode) {
  JsonWriter out;
  write_request(out, request, mode);
  return std::move(out).take();
}

std::string to_json(const BuildResult& result, const TokenMode& mode) {
  JsonWriter out;
  out.begin_object();
  write_members(out, result.report);
  if (result.request) {
    out.key("request");
    write_request(out, *result.request, mode);
  }
  out.end_object();
  return std::move(out).take();
}

}  // namespace userapi
