// Snippets for the managed runtimes: C# (System.Net.Http.HttpClient; Mono's `mcs` and `mono`,
// or .NET) and Kotlin (java.net.http on the JVM, `kotlinc main.kt`). Both write the body in pure
// ASCII with \uXXXX escapes (literals.h), so no source encoding is ever in question.
#include "detail/literals.h"
#include "detail/snippets.h"
#include "detail/token_text.h"

namespace userapi::detail {
namespace {

// C# reads exactly the escapes java_quote writes (\" \\ \b \f \n \r \t \uXXXX).
constexpr Syntax kCSharp{java_quote, [](std::string_view prefix, std::string_view name) {
                           return java_quote(prefix) + " + Environment.GetEnvironmentVariable(" +
                                  java_quote(name) + ")";
                         }};
constexpr Syntax kKotlin{kotlin_quote, [](std::string_view prefix, std::string_view name) {
                           return kotlin_quote(prefix) + " + System.getenv(" + kotlin_quote(name) + ")";
                         }};

// Over one class-file constant, the body is joined at run time from pieces (literals.h).
std::string kotlin_body(std::string_view body) {
  if (body.size() <= kJvmPiece) return kotlin_quote(body);
  const auto pieces = utf8_pieces(body, kJvmPiece);
  std::string out = "listOf(";
  // No comma after the last piece: Kotlin before 1.4 refuses a trailing comma in a call.
  for (std::size_t i = 0; i < pieces.size(); ++i)
    out += "\n        " + kotlin_quote(pieces[i]) + (i + 1 < pieces.size() ? "," : "");
  return out + "\n    ).joinToString(\"\")";
}

}  // namespace

std::string csharp_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "using System;\nusing System.Net.Http;\nusing System.Text;\n\n";
  out += "public static class UpdateUser\n{\n    public static void Main()\n    {\n";
  out += "        var body = " + java_quote(r.body) + ";\n";
  out += "        var request = new HttpRequestMessage(new HttpMethod(" + java_quote(r.method) + "), " +
         java_quote(r.url) + ");\n";
  // ByteArrayContent: StringContent would add "; charset=utf-8" to the Content-Type.
  out += "        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));\n";
  for (const Header& h : r.headers) {
    // Content-Type belongs to the content; WithoutValidation keeps every value as written.
    const char* headers = h.name == "Content-Type" ? "request.Content.Headers" : "request.Headers";
    out += std::string("        ") + headers + ".TryAddWithoutValidation(" + java_quote(h.name) + ", " +
           header_code(h, mode, kCSharp) + ");\n";
  }
  out += "        var client = new HttpClient();\n";
  // Synchronous waits: Mono's C# compiler (C# 7) has no async Main.
  out += "        var response = client.SendAsync(request).GetAwaiter().GetResult();\n";
  out += "        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();\n";
  return out + "        Console.WriteLine((int)response.StatusCode + \" \" + text);\n    }\n}\n";
}

std::string kotlin_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "import java.net.URI\nimport java.net.http.HttpClient\n";
  out += "import java.net.http.HttpRequest\nimport java.net.http.HttpResponse\n\nfun main() {\n";
  out += "    val body = " + kotlin_body(r.body) + "\n";
  out += "    val request = HttpRequest.newBuilder(URI.create(" + kotlin_quote(r.url) + "))\n";
  out += "        .method(" + kotlin_quote(r.method) + ", HttpRequest.BodyPublishers.ofString(body))\n";
  for (const Header& h : r.headers)
    out += "        .header(" + kotlin_quote(h.name) + ", " + header_code(h, mode, kKotlin) + ")\n";
  out += "        .build()\n";
  // HTTP/1.1: the default, HTTP/2, would add h2c upgrade headers to a plain http:// request.
  out += "    val client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()\n";
  out += "    val response = client.send(request, HttpResponse.BodyHandlers.ofString())\n";
  return out + "    println(\"${response.statusCode()} ${response.body()}\")\n}\n";
}

}  // namespace userapi::detail
