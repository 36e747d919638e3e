// Snippets that are scripts: JavaScript (fetch, node:http), Python (requests, http.client),
// Ruby (net/http) and PHP (ext-curl). Each writes the body as one string literal of a form
// whose value is the body's bytes (detail/literals.h says why for each language).
#include "detail/literals.h"
#include "detail/script_syntax.h"
#include "detail/snippets.h"
#include "detail/token_text.h"
#include "detail/url.h"

namespace userapi::detail {
namespace {

constexpr Syntax kRuby{backslash_single_quote, [](std::string_view prefix, std::string_view name) {
                         return backslash_single_quote(prefix) + " + ENV.fetch(" +
                                backslash_single_quote(name) + ")";
                       }};
constexpr Syntax kPhp{backslash_single_quote, [](std::string_view prefix, std::string_view name) {
                        return backslash_single_quote(prefix) + " . getenv(" + backslash_single_quote(name) +
                               ")";
                      }};

}  // namespace

std::string fetch_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "const response = await fetch(" + json_quote(r.url) + ", {\n";
  out += "  method: " + json_quote(r.method) + ",\n  headers: {\n";
  out += header_entries(r, mode, kJavaScript, "    ");
  out += "  },\n  body: " + json_quote(r.body) + ",\n});\n";
  out += "console.log(response.status, await response.text());\n";
  return out;
}

std::string node_snippet(const Request& r, const TokenMode& mode) {
  std::string out =
      std::string("import { request } from \"node:") + (is_https(r) ? "https" : "http") + "\";\n\n";
  out += "const body = " + json_quote(r.body) + ";\n";
  out +=
      "const req = request(\n  " + json_quote(r.url) + ",\n  {\n    method: " + json_quote(r.method) + ",\n";
  out += "    headers: {\n" + header_entries(r, mode, kJavaScript, "      ");
  // Without a length Node would send the body chunked.
  out += "      \"Content-Length\": Buffer.byteLength(body),\n    },\n  },\n";
  out += "  (response) => {\n    let text = \"\";\n    response.setEncoding(\"utf8\");\n";
  out += "    response.on(\"data\", (chunk) => (text += chunk));\n";
  out += "    response.on(\"end\", () => console.log(response.statusCode, text));\n  },\n);\n";
  out += "req.on(\"error\", (error) => {\n  console.error(error.message);\n  process.exitCode = 1;\n});\n";
  return out + "req.end(body);\n";
}

std::string python_snippet(const Request& r, const TokenMode& mode) {
  std::string out =
      mode.kind == TokenMode::Kind::env ? "import os\n\nimport requests\n\n" : "import requests\n\n";
  std::string method = r.method;
  for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
  out += "response = requests." + method + "(\n    " + json_quote(r.url) + ",\n    headers={\n";
  out += header_entries(r, mode, kPython, "        ");
  // Bytes, so requests sends them untouched (a str body would be encoded as Latin-1).
  out += "    },\n    data=" + json_quote(r.body) + ".encode(\"utf-8\"),\n)\n";
  out += "print(response.status_code, response.text)\n";
  return out;
}

std::string python_http_snippet(const Request& r, const TokenMode& mode) {
  UrlError unused;
  const auto url = parse_base_url(r.url, unused);
  const std::string target = url && !url->path.empty() ? url->path : "/";
  std::string out =
      mode.kind == TokenMode::Kind::env ? "import http.client\nimport os\n\n" : "import http.client\n\n";
  out += std::string("connection = http.client.") + (is_https(r) ? "HTTPSConnection(" : "HTTPConnection(") +
         json_quote(url ? url->authority() : r.url) + ")\n";
  out += "connection.request(\n    " + json_quote(r.method) + ",\n    " + json_quote(target) + ",\n";
  // Bytes: http.client would encode a str body as Latin-1.
  out += "    body=" + json_quote(r.body) + ".encode(\"utf-8\"),\n    headers={\n";
  out += header_entries(r, mode, kPython, "        ") + "    },\n)\n";
  out += "response = connection.getresponse()\n";
  return out + "print(response.status, response.read().decode(\"utf-8\", \"replace\"))\n";
}

std::string ruby_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "require 'net/http'\n\nuri = URI(" + backslash_single_quote(r.url) + ")\n";
  std::string method = r.method;  // PUT -> Put, the class of the request
  for (std::size_t i = 1; i < method.size(); ++i) method[i] = static_cast<char>(method[i] - 'A' + 'a');
  out += "request = Net::HTTP::" + method + ".new(uri)\n";
  for (const Header& h : r.headers)
    out += "request[" + backslash_single_quote(h.name) + "] = " + header_code(h, mode, kRuby) + "\n";
  // Single quotes: #{...}, \n and the like are not read in them.
  out += "request.body = " + backslash_single_quote(r.body) + "\n";
  out += "response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|\n";
  out += "  http.request(request)\nend\n";
  return out + "puts \"#{response.code} #{response.body}\"\n";
}

std::string php_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "<?php\n$curl = curl_init(" + backslash_single_quote(r.url) + ");\n";
  out +=
      "curl_setopt_array($curl, [\n    CURLOPT_CUSTOMREQUEST => " + backslash_single_quote(r.method) + ",\n";
  out += "    CURLOPT_HTTPHEADER => [\n";
  for (const Header& h : r.headers) out += "        " + header_code(h, mode, kPhp, h.name + ": ") + ",\n";
  // Single quotes: $name, {$x} and \n are not read in them.
  out += "    ],\n    CURLOPT_POSTFIELDS => " + backslash_single_quote(r.body) + ",\n";
  out += "    CURLOPT_RETURNTRANSFER => true,\n]);\n$response = curl_exec($curl);\n";
  out += "if ($response === false) {\n    fwrite(STDERR, curl_error($curl) . \"\\n\");\n    exit(1);\n}\n";
  return out + "echo curl_getinfo($curl, CURLINFO_RESPONSE_CODE), ' ', $response, \"\\n\";\n";
}

}  // namespace userapi::detail
