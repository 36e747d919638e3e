#include "userapi/snippet.h"

#include "detail/json_escape.h"
#include "detail/url.h"

namespace userapi {
namespace {

constexpr std::string_view kRedacted = "<token>";
constexpr std::size_t kMaxCurlArgument = 128 * 1024 - 4096;  // headroom for quoting

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

bool is_authorization(const Header& h) { return h.name == "Authorization"; }

// A header value as shown; for the environment, the placeholder of VS Code's REST Client
// (.http files), the nearest thing a raw HTTP message has to a variable.
std::string header_value_for(const Header& h, const TokenMode& mode) {
  if (!is_authorization(h) || mode.kind == TokenMode::Kind::show) return h.value;
  if (mode.kind == TokenMode::Kind::env) return "Token {{$processEnv " + mode.env_name + "}}";
  return "Token " + std::string(kRedacted);
}

// POSIX sh single quoting: everything literal; a ' becomes '\''.
std::string sh_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

// A JSON string is also a valid string literal, with the same value, in JavaScript (ES2019+)
// and in Python 3 (its escapes \" \\ \b \f \n \r \t \u00XX mean the same there).
std::string quoted(std::string_view s) {
  std::string out;
  detail::append_json_string(out, s);
  return out;
}

std::string curl(const Request& r, const TokenMode& mode) {
  const bool glob_chars = r.url.find_first_of("[]{}") != std::string::npos;
  std::string out = "curl ";
  if (glob_chars) out += "--globoff ";  // curl would read [ ] { } as URL ranges and sets
  out += "--request " + r.method + " " + sh_quote(r.url);
  for (const Header& h : r.headers) {
    out += " \\\n  --header ";
    if (!is_authorization(h) || mode.kind == TokenMode::Kind::show)
      out += sh_quote(h.name + ": " + h.value);
    else if (mode.kind == TokenMode::Kind::env)
      out += "\"" + h.name + ": Token ${" + mode.env_name + "}\"";
    else
      out += sh_quote(h.name + ": Token " + std::string(kRedacted));
  }
  // --data-raw sends the text as is; unlike --data it gives no meaning to a leading @. Linux caps
  // one argument at 128 KiB (MAX_ARG_STRLEN), so a larger body goes through the shell's printf
  // builtin, which has no such limit, into --data-binary @- (stdin, sent byte for byte).
  if (r.body.size() < kMaxCurlArgument) return out + " \\\n  --data-raw " + sh_quote(r.body) + "\n";
  return "printf '%s' " + sh_quote(r.body) + " |\n" + out + " \\\n  --data-binary @-\n";
}

std::string fetch(const Request& r, const TokenMode& mode) {
  std::string out = "const response = await fetch(" + quoted(r.url) + ", {\n";
  out += "  method: " + quoted(r.method) + ",\n  headers: {\n";
  for (const Header& h : r.headers) {
    out += "    " + quoted(h.name) + ": ";
    if (!is_authorization(h) || mode.kind == TokenMode::Kind::show)
      out += quoted(h.value);
    else if (mode.kind == TokenMode::Kind::env)
      out += "`Token ${process.env." + mode.env_name + "}`";
    else
      out += quoted("Token " + std::string(kRedacted));
    out += ",\n";
  }
  out += "  },\n  body: " + quoted(r.body) + ",\n});\n";
  out += "console.log(response.status, await response.text());\n";
  return out;
}

std::string python(const Request& r, const TokenMode& mode) {
  std::string out =
      mode.kind == TokenMode::Kind::env ? "import os\n\nimport requests\n\n" : "import requests\n\n";
  std::string method = r.method;
  for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
  out += "response = requests." + method + "(\n    " + quoted(r.url) + ",\n    headers={\n";
  for (const Header& h : r.headers) {
    out += "        " + quoted(h.name) + ": ";
    if (!is_authorization(h) || mode.kind == TokenMode::Kind::show)
      out += quoted(h.value);
    else if (mode.kind == TokenMode::Kind::env)
      out += "\"Token \" + os.environ[" + quoted(mode.env_name) + "]";
    else
      out += quoted("Token " + std::string(kRedacted));
    out += ",\n";
  }
  // Bytes, so requests sends them untouched (a str body would be encoded as Latin-1).
  out += "    },\n    data=" + quoted(r.body) + ".encode(\"utf-8\"),\n)\n";
  out += "print(response.status_code, response.text)\n";
  return out;
}

std::string http(const Request& r, const TokenMode& mode) {
  detail::UrlError unused;
  const auto url = detail::parse_base_url(r.url, unused);
  const std::string target = url ? (url->path.empty() ? "/" : url->path) : r.url;
  std::string out = r.method + " " + target + " HTTP/1.1\r\n";
  out += "Host: " + (url ? url->authority() : std::string()) + "\r\n";
  for (const Header& h : r.headers) out += h.name + ": " + header_value_for(h, mode) + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
  return out;
}

}  // namespace

std::optional<Language> parse_language(std::string_view name) {
  if (name == "curl") return Language::curl;
  if (name == "fetch") return Language::fetch;
  if (name == "python") return Language::python;
  if (name == "http") return Language::http;
  return std::nullopt;
}

std::optional<TokenMode> parse_token_mode(std::string_view text) {
  if (text == "redact") return TokenMode{TokenMode::Kind::redact, {}};
  if (text == "inline") return TokenMode{TokenMode::Kind::show, {}};
  if (text.rfind("env:", 0) == 0 && is_env_name(text.substr(4)))
    return TokenMode{TokenMode::Kind::env, std::string(text.substr(4))};
  return std::nullopt;
}

std::string render_snippet(const Request& request, Language language, const TokenMode& mode) {
  switch (language) {
    case Language::curl: return curl(request, mode);
    case Language::fetch: return fetch(request, mode);
    case Language::python: return python(request, mode);
    case Language::http: return http(request, mode);
  }
  return {};
}

std::string request_json(const Request& r, const TokenMode& mode) {
  std::string out = "{\"method\":" + quoted(r.method) + ",\"url\":" + quoted(r.url) + ",\"headers\":[";
  for (std::size_t i = 0; i < r.headers.size(); ++i) {
    if (i) out.push_back(',');
    out += "[" + quoted(r.headers[i].name) + "," + quoted(header_value_for(r.headers[i], mode)) + "]";
  }
  out += "],\"body\":" + quoted(r.body) + "}";
  return out;
}

std::string to_json(const BuildResult& result, const TokenMode& mode) {
  std::string out = to_json(result.report);
  if (result.request) {
    out.pop_back();  // the report's closing brace
    out += ",\"request\":" + request_json(*result.request, mode) + "}";
  }
  return out;
}

}  // namespace userapi
