// Code snippets that send a built request with a real client: curl, fetch, Python, raw HTTP,
// HTTPie, wget, Go, Java, PHP, Ruby, Node.js, Python's http.client, C, C++, C#, Kotlin,
// TypeScript, Python httpx, axios and Perl.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "userapi/request.h"

namespace userapi {

enum class Language {
  curl,
  fetch,
  python,
  http,
  httpie,
  wget,
  go,
  java,
  php,
  ruby,
  node,
  python_http,
  c,
  cpp,
  csharp,
  kotlin,
  typescript,
  python_httpx,
  axios,
  perl
};

/// A snippet language: the name parse_language accepts (`--format`, api.snippet) and what a person
/// reads for it (the playground's tabs, x-codeSamples): short enough for a tab, with the client's
/// name where a language has several.
struct LanguageName {
  std::string_view name;
  std::string_view label;
};

/// Every language, in the order of Language: the one list the CLI, the module and the docs read.
inline constexpr LanguageName kLanguages[] = {
    {"curl", "curl"},
    {"fetch", "JavaScript"},
    {"python", "Python"},
    {"http", "HTTP"},
    {"httpie", "HTTPie"},
    {"wget", "wget"},
    {"go", "Go"},
    {"java", "Java"},
    {"php", "PHP"},
    {"ruby", "Ruby"},
    {"node", "Node.js"},
    {"python-http", "Python http.client"},
    {"c", "C"},
    {"cpp", "C++"},
    {"csharp", "C#"},
    {"kotlin", "Kotlin"},
    {"typescript", "TypeScript"},
    {"python-httpx", "Python httpx"},
    {"axios", "JavaScript axios"},
    {"perl", "Perl"},
};

/// A name of kLanguages ("curl", "python-http", ...); nothing for any other text.
std::optional<Language> parse_language(std::string_view name);

/// A snippet that, run by its client, sends exactly `request`'s method, URL, headers and body.
///
/// curl: POSIX sh, every argument single-quoted, body via --data-raw, --globoff when the URL has
/// [ ] { }; a body over ~124 KiB (Linux's 128 KiB limit on one argument) is piped in by printf
/// and sent with --data-binary @-. fetch: an ES module for Node 20 or a browser. python:
/// requests. http: the HTTP/1.1 message with CRLF line ends. httpie: the `http` command, body via
/// --raw (piped in when large). wget: --method and --body-data (--body-file from a temporary file
/// when large). go: a net/http program for `go run`. java: java.net.http for `java UpdateUser.java`.
/// php: ext-curl. ruby: net/http. node: an ES module over node:http or node:https. python-http:
/// http.client. c: libcurl. cpp: cpp-httplib. csharp: HttpClient (Mono or .NET). kotlin:
/// java.net.http. typescript: fetch, typed. python-httpx: httpx. axios: an ES module over axios.
/// perl: HTTP::Tiny. The env mode reads the token from the environment variable in that language
/// ($NAME, process.env.NAME, os.environ["NAME"], os.Getenv, System.getenv, getenv, ENV.fetch,
/// std::getenv, Environment.GetEnvironmentVariable, $ENV{NAME}, {{$processEnv NAME}} for .http
/// files).
std::string render_snippet(const Request& request, Language language, const TokenMode& mode = {});

struct SnippetResult {
  std::string text;   ///< the snippet; empty when `error` is set
  std::string error;  ///< why the language or token mode is not usable, for a person
};

/// render_snippet from the names a user typed: render_snippet(r, "curl", "env:TOKEN"). An unknown
/// language or token mode gives an error that lists what is accepted, never a snippet.
SnippetResult render_snippet(const Request& request, std::string_view language, std::string_view token_mode);

}  // namespace userapi
