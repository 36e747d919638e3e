#include "userapi/snippet.h"

#include "detail/json_escape.h"
#include "detail/token_text.h"
#include "detail/url.h"

namespace userapi {
namespace {

using detail::header_code;
using detail::Syntax;

constexpr std::size_t kMaxCurlArgument = 128 * 1024 - 4096;  // headroom for quoting

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

// Inside double quotes the shell expands ${NAME}; the rest of the header has no $, ` or \.
constexpr Syntax kShell{sh_quote, [](std::string_view prefix, std::string_view name) {
                          return "\"" + std::string(prefix) + "${" + std::string(name) + "}\"";
                        }};
constexpr Syntax kJavaScript{quoted, [](std::string_view prefix, std::string_view name) {
                               return "`" + std::string(prefix) + "${process.env." + std::string(name) + "}`";
                             }};
constexpr Syntax kPython{quoted, [](std::string_view prefix, std::string_view name) {
                           return quoted(prefix) + " + os.environ[" + quoted(name) + "]";
                         }};

std::string curl(const Request& r, const TokenMode& mode) {
  const bool glob_chars = r.url.find_first_of("[]{}") != std::string::npos;
  std::string out = "curl ";
  if (glob_chars) out += "--globoff ";  // curl would read [ ] { } as URL ranges and sets
  out += "--request " + r.method + " " + sh_quote(r.url);
  for (const Header& h : r.headers) out += " \\\n  --header " + header_code(h, mode, kShell, h.name + ": ");
  // --data-raw sends the text as is; unlike --data it gives no meaning to a leading @. Linux caps
  // one argument at 128 KiB (MAX_ARG_STRLEN), so a larger body goes through the shell's printf
  // builtin, which has no such limit, into --data-binary @- (stdin, sent byte for byte).
  if (r.body.size() < kMaxCurlArgument) return out + " \\\n  --data-raw " + sh_quote(r.body) + "\n";
  return "printf '%s' " + sh_quote(r.body) + " |\n" + out + " \\\n  --data-binary @-\n";
}

std::string fetch(const Request& r, const TokenMode& mode) {
  std::string out = "const response = await fetch(" + quoted(r.url) + ", {\n";
  out += "  method: " + quoted(r.method) + ",\n  headers: {\n";
  for (const Header& h : r.headers)
    out += "    " + quoted(h.name) + ": " + header_code(h, mode, kJavaScript) + ",\n";
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
  for (const Header& h : r.headers)
    out += "        " + quoted(h.name) + ": " + header_code(h, mode, kPython) + ",\n";
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
  for (const Header& h : r.headers) out += h.name + ": " + detail::header_text(h, mode) + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
  return out;
}

}  // namespace

std::optional<Language> parse_language(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kLanguageNames); ++i)
    if (name == kLanguageNames[i]) return static_cast<Language>(i);
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

SnippetResult render_snippet(const Request& request, std::string_view language, std::string_view token_mode) {
  const auto lang = parse_language(language);
  if (!lang) {
    std::string names;
    for (std::string_view n : kLanguageNames) names += (names.empty() ? "" : ", ") + std::string(n);
    return {{}, "unknown snippet language \"" + std::string(language) + "\"; use one of " + names};
  }
  const auto mode = parse_token_mode(token_mode);
  if (!mode)
    return {{},
            "the token mode must be redact, inline or env:NAME (NAME: letters, digits and _, not starting "
            "with a digit, not a variable the shell sets itself such as PWD or PATH)"};
  return {render_snippet(request, *lang, *mode), {}};
}

}  // namespace userapi
