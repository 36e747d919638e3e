// Python over httpx (`python3-httpx`) and Perl over HTTP::Tiny (in Perl's core library).
// Python's body is a JSON string literal encoded to UTF-8 bytes; Perl's is single-quoted (only
// \\ and \' are escapes there) and, without `use utf8`, already the body's bytes.
#include "detail/literals.h"
#include "detail/script_syntax.h"
#include "detail/snippets.h"
#include "detail/token_text.h"

namespace userapi::detail {
namespace {

constexpr Syntax kPerl{backslash_single_quote, [](std::string_view prefix, std::string_view name) {
                         return backslash_single_quote(prefix) + " . $ENV{" + backslash_single_quote(name) +
                                "}";
                       }};

}  // namespace

std::string python_httpx_snippet(const Request& r, const TokenMode& mode) {
  std::string out = mode.kind == TokenMode::Kind::env ? "import os\n\nimport httpx\n\n" : "import httpx\n\n";
  std::string method = r.method;
  for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
  out += "response = httpx." + method + "(\n    " + json_quote(r.url) + ",\n    headers={\n";
  out += header_entries(r, mode, kPython, "        ");
  // content= with bytes: sent as they are (data= is for forms).
  out += "    },\n    content=" + json_quote(r.body) + ".encode(\"utf-8\"),\n)\n";
  return out + "print(response.status_code, response.text)\n";
}

std::string perl_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "use strict;\nuse warnings;\nuse HTTP::Tiny;\n\n";
  out += "my $body = " + backslash_single_quote(r.body) + ";\n";
  out += "my $response = HTTP::Tiny->new->request(\n    " + backslash_single_quote(r.method) + ",\n    " +
         backslash_single_quote(r.url) + ",\n    {\n        headers => {\n";
  for (const Header& h : r.headers)
    out += "            " + backslash_single_quote(h.name) + " => " + header_code(h, mode, kPerl) + ",\n";
  out += "        },\n        content => $body,\n    },\n);\n";
  // HTTP::Tiny reports a failure to connect or send as status 599.
  out += "die \"$response->{content}\\n\" if $response->{status} == 599;\n";
  return out + "print \"$response->{status} $response->{content}\\n\";\n";
}

}  // namespace userapi::detail
