// Snippets in C (libcurl: `cc main.c -lcurl`) and C++ (cpp-httplib: `c++ -std=c++17 main.cpp
// $(pkg-config --cflags --libs cpp-httplib)`). Neither language has an expression that reads an
// environment variable safely (getenv may give NULL), so the env mode adds a few lines that fail
// loudly when the variable is unset, and the header then names the `token` variable.
#include "detail/literals.h"
#include "detail/script_syntax.h"
#include "detail/snippets.h"
#include "detail/token_text.h"
#include "detail/url.h"
#include "userapi/contract.h"

namespace userapi::detail {
namespace {

bool env(const TokenMode& mode) { return mode.kind == TokenMode::Kind::env; }

// `declaration` = getenv(NAME); `complain` writes its argument, the message, to stderr.
std::string token_check(const TokenMode& mode, std::string_view declaration,
                        std::string (*complain)(const std::string&)) {
  const std::string name(mode.env_name);
  std::string out = "  " + std::string(declaration) + "(" + c_quote(name) + ");\n";
  out += "  if (!token) {\n    " + complain(c_quote(name + " is not set\n")) + ";\n";
  return out + "    return 1;\n  }\n";
}

std::string c_complain(const std::string& message) { return "fputs(" + message + ", stderr)"; }
std::string cpp_complain(const std::string& message) { return "std::cerr << " + message; }

// C: the header line "Authorization: Token " + token, built in a buffer that curl copies.
constexpr Syntax kC{c_quote, [](std::string_view, std::string_view) { return std::string("authorization"); }};

std::string c_authorization() {
  const std::string lead =
      c_quote(std::string(contract::kAuthHeader) + ": " + std::string(contract::kAuthPrefix));
  std::string out = "  char *authorization = malloc(sizeof " + lead + " + strlen(token));\n";
  out += "  if (!authorization) return 1;\n";
  return out + "  strcat(strcpy(authorization, " + lead + "), token);\n";
}

constexpr Syntax kCpp{c_quote, [](std::string_view prefix, std::string_view) {
                        return "std::string(" + c_quote(prefix) + ") + token";
                      }};

}  // namespace

std::string c_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "#include <stdio.h>\n";
  if (env(mode)) out += "#include <stdlib.h>\n#include <string.h>\n";
  out += "\n#include <curl/curl.h>\n\nint main(void) {\n";
  // sizeof, not strlen: the length of the body's bytes, known to the compiler.
  out += "  static const char body[] = " + c_quote(r.body) + ";\n";
  if (env(mode)) out += token_check(mode, "const char *token = getenv", c_complain) + c_authorization();
  out += "  struct curl_slist *headers = NULL;\n";
  for (const Header& h : r.headers)
    out += "  headers = curl_slist_append(headers, " + header_code(h, mode, kC, h.name + ": ") + ");\n";
  if (env(mode)) out += "  free(authorization); /* curl_slist_append copied it */\n";
  out += "  CURL *curl = curl_easy_init();\n  if (!curl) return 1;\n";
  out += "  curl_easy_setopt(curl, CURLOPT_URL, " + c_quote(r.url) + ");\n";
  out += "  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, " + c_quote(r.method) + ");\n";
  out += "  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);\n";
  out += "  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);\n";
  out += "  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(sizeof body - 1));\n";
  out += "  CURLcode result = curl_easy_perform(curl); /* writes the answer's body to stdout */\n";
  out += "  long status = 0;\n  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);\n";
  out += "  curl_slist_free_all(headers);\n  curl_easy_cleanup(curl);\n";
  out += "  if (result != CURLE_OK) {\n    fprintf(stderr, \"%s\\n\", curl_easy_strerror(result));\n";
  return out + "    return 1;\n  }\n  printf(\"\\n%ld\\n\", status);\n  return 0;\n}\n";
}

std::string cpp_snippet(const Request& r, const TokenMode& mode) {
  UrlError unused;
  const auto url = parse_base_url(r.url, unused);
  const std::string origin = (is_https(r) ? "https://" : "http://") + (url ? url->authority() : r.url);
  const std::string target = url && !url->path.empty() ? url->path : "/";
  std::string method = r.method;  // PUT -> Put, the client's member function
  for (std::size_t i = 1; i < method.size(); ++i) method[i] = static_cast<char>(method[i] - 'A' + 'a');
  std::string out = "#include <httplib.h>\n\n";
  out += env(mode) ? "#include <cstdlib>\n#include <iostream>\n#include <string>\n\nint main() {\n"
                   : "#include <iostream>\n#include <string>\n\nint main() {\n";
  if (env(mode)) out += token_check(mode, "const char* token = std::getenv", cpp_complain);
  out += "  httplib::Client client(" + c_quote(origin) + ");\n";
  out += "  client.set_url_encode(false);  // the path is sent as it is written below\n";
  out += "  const std::string body = " + cpp_quote(r.body) + ";\n  const httplib::Headers headers = {\n";
  std::string content_type;
  for (const Header& h : r.headers) {
    if (h.name == "Content-Type")
      content_type = c_quote(h.value);  // Put's last argument: the Content-Type header
    else
      out += "      {" + c_quote(h.name) + ", " + header_code(h, mode, kCpp) + "},\n";
  }
  out += "  };\n  const auto response = client." + method + "(" + c_quote(target) + ", headers, body, " +
         content_type + ");\n";
  out += "  if (!response) {\n    std::cerr << httplib::to_string(response.error()) << \"\\n\";\n";
  return out +
         "    return 1;\n  }\n  std::cout << response->status << \" \" << response->body << \"\\n\";\n}\n";
}

}  // namespace userapi::detail
