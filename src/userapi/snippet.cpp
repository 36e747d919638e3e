#include "userapi/snippet.h"

#include "detail/snippets.h"
#include "detail/token_text.h"
#include "detail/url.h"

namespace userapi {
namespace {

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
  for (std::size_t i = 0; i < std::size(kLanguages); ++i)
    if (name == kLanguages[i].name) return static_cast<Language>(i);
  return std::nullopt;
}

std::string render_snippet(const Request& request, Language language, const TokenMode& mode) {
  switch (language) {
    case Language::curl: return detail::curl_snippet(request, mode);
    case Language::fetch: return detail::fetch_snippet(request, mode);
    case Language::python: return detail::python_snippet(request, mode);
    case Language::http: return http(request, mode);
    case Language::httpie: return detail::httpie_snippet(request, mode);
    case Language::wget: return detail::wget_snippet(request, mode);
    case Language::go: return detail::go_snippet(request, mode);
    case Language::java: return detail::java_snippet(request, mode);
    case Language::php: return detail::php_snippet(request, mode);
    case Language::ruby: return detail::ruby_snippet(request, mode);
    case Language::node: return detail::node_snippet(request, mode);
    case Language::python_http: return detail::python_http_snippet(request, mode);
    case Language::c: return detail::c_snippet(request, mode);
    case Language::cpp: return detail::cpp_snippet(request, mode);
    case Language::csharp: return detail::csharp_snippet(request, mode);
    case Language::kotlin: return detail::kotlin_snippet(request, mode);
    case Language::typescript: return detail::typescript_snippet(request, mode);
    case Language::python_httpx: return detail::python_httpx_snippet(request, mode);
    case Language::axios: return detail::axios_snippet(request, mode);
    case Language::perl: return detail::perl_snippet(request, mode);
  }
  return {};
}

SnippetResult render_snippet(const Request& request, std::string_view language, std::string_view token_mode) {
  const auto lang = parse_language(language);
  if (!lang) {
    std::string names;
    for (const auto& l : kLanguages) names += (names.empty() ? "" : ", ") + std::string(l.name);
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
