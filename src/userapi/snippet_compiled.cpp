// Snippets in compiled languages: Go (net/http, `go run main.go`) and Java (java.net.http,
// `java UpdateUser.java`, the single-file source launcher of JDK 11+).
#include "detail/literals.h"
#include "detail/snippets.h"
#include "detail/token_text.h"

namespace userapi::detail {
namespace {

std::string text(std::string_view s) { return std::string(s); }

constexpr Syntax kGo{go_quote, [](std::string_view prefix, std::string_view name) {
                       return go_quote(prefix) + "+os.Getenv(" + go_quote(name) + ")";  // as gofmt spaces it
                     }};
constexpr Syntax kJava{java_quote, [](std::string_view prefix, std::string_view name) {
                         return java_quote(prefix) + " + System.getenv(" + java_quote(name) + ")";
                       }};

// A body over one class-file constant is joined at run time from pieces (literals.h).
std::string java_body(std::string_view body) {
  if (body.size() <= kJvmPiece) return java_quote(body);
  const auto pieces = utf8_pieces(body, kJvmPiece);
  std::string out = "String.join(\"\",";
  for (std::size_t i = 0; i < pieces.size(); ++i)
    out += "\n            " + java_quote(pieces[i]) + (i + 1 < pieces.size() ? "," : ")");
  return out;
}

}  // namespace

std::string go_snippet(const Request& r, const TokenMode& mode) {
  // Go refuses an unused import: "os" only when the token is read from the environment.
  std::string out = "package main\n\nimport (\n\t\"fmt\"\n\t\"io\"\n\t\"net/http\"\n";
  out += text(mode.kind == TokenMode::Kind::env ? "\t\"os\"\n" : "") + "\t\"strings\"\n)\n\n";
  out += "func main() {\n\tbody := strings.NewReader(" + go_quote(r.body) + ")\n";
  out += "\trequest, err := http.NewRequest(" + go_quote(r.method) + ", " + go_quote(r.url) + ", body)\n";
  out += "\tif err != nil {\n\t\tpanic(err)\n\t}\n";
  for (const Header& h : r.headers)
    out += "\trequest.Header.Set(" + go_quote(h.name) + ", " + header_code(h, mode, kGo) + ")\n";
  out += "\tresponse, err := http.DefaultClient.Do(request)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n";
  out += "\tdefer response.Body.Close()\n\ttext, err := io.ReadAll(response.Body)\n";
  out += "\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(response.StatusCode, string(text))\n}\n";
  return out;
}

std::string java_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "import java.net.URI;\nimport java.net.http.HttpClient;\n";
  out += "import java.net.http.HttpRequest;\nimport java.net.http.HttpResponse;\n\n";
  out += "public class UpdateUser {\n  public static void main(String[] args) throws Exception {\n";
  out += "    String body = " + java_body(r.body) + ";\n";
  out += "    HttpRequest request = HttpRequest.newBuilder(URI.create(" + java_quote(r.url) + "))\n";
  out += "        .method(" + java_quote(r.method) + ", HttpRequest.BodyPublishers.ofString(body))\n";
  for (const Header& h : r.headers)
    out += "        .header(" + java_quote(h.name) + ", " + header_code(h, mode, kJava) + ")\n";
  out += "        .build();\n";
  // HTTP/1.1: the default, HTTP/2, would add h2c upgrade headers to a plain http:// request.
  out += "    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();\n";
  out += "    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());\n";
  out += "    System.out.println(response.statusCode() + \" \" + response.body());\n  }\n}\n";
  return out;
}

}  // namespace userapi::detail
