// One function per snippet language; render_snippet (snippet.cpp) picks one. Each returns a
// program or command that, run by its client, sends exactly the request's method, URL, headers
// and body; the Authorization header follows the token mode through header_code (token_text.h).
#pragma once

#include <string>

#include "userapi/request.h"

namespace userapi::detail {

// Shell commands (snippet_shell.cpp).
std::string curl_snippet(const Request& r, const TokenMode& mode);
std::string httpie_snippet(const Request& r, const TokenMode& mode);
std::string wget_snippet(const Request& r, const TokenMode& mode);

// Scripts (snippet_script.cpp).
std::string fetch_snippet(const Request& r, const TokenMode& mode);
std::string node_snippet(const Request& r, const TokenMode& mode);
std::string python_snippet(const Request& r, const TokenMode& mode);
std::string python_http_snippet(const Request& r, const TokenMode& mode);
std::string ruby_snippet(const Request& r, const TokenMode& mode);
std::string php_snippet(const Request& r, const TokenMode& mode);

// Compiled languages (snippet_compiled.cpp).
std::string go_snippet(const Request& r, const TokenMode& mode);
std::string java_snippet(const Request& r, const TokenMode& mode);

// C and C++ (snippet_native.cpp).
std::string c_snippet(const Request& r, const TokenMode& mode);
std::string cpp_snippet(const Request& r, const TokenMode& mode);

// C# and Kotlin (snippet_managed.cpp).
std::string csharp_snippet(const Request& r, const TokenMode& mode);
std::string kotlin_snippet(const Request& r, const TokenMode& mode);

// TypeScript and axios (snippet_javascript.cpp); httpx and Perl (snippet_python_perl.cpp).
std::string typescript_snippet(const Request& r, const TokenMode& mode);
std::string axios_snippet(const Request& r, const TokenMode& mode);
std::string python_httpx_snippet(const Request& r, const TokenMode& mode);
std::string perl_snippet(const Request& r, const TokenMode& mode);

}  // namespace userapi::detail
