// JavaScript snippets beyond fetch and node:http: TypeScript (fetch with types, an ES module
// for `tsc` and Node 18+) and axios (an ES module over the npm package). Literals are JSON
// strings, which are JavaScript strings with the same value (ES2019+).
#include "detail/literals.h"
#include "detail/script_syntax.h"
#include "detail/snippets.h"

namespace userapi::detail {

std::string typescript_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "const url: string = " + json_quote(r.url) + ";\n";
  out += "const headers: Record<string, string> = {\n" + header_entries(r, mode, kJavaScript, "  ") + "};\n";
  out += "const body: string = " + json_quote(r.body) + ";\n\n";
  out += "const response: Response = await fetch(url, { method: " + json_quote(r.method) +
         ", headers, body });\n";
  return out + "const text: string = await response.text();\nconsole.log(response.status, text);\n";
}

std::string axios_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "import axios from \"axios\";\n\nconst response = await axios.request({\n";
  out += "  method: " + json_quote(r.method) + ",\n  url: " + json_quote(r.url) + ",\n";
  out += "  headers: {\n" + header_entries(r, mode, kJavaScript, "    ") + "  },\n";
  out += "  data: " + json_quote(r.body) + ",\n";
  // axios would parse a JSON text and send it again, trimmed: the body goes as it is.
  out += "  transformRequest: (data) => data,\n  responseType: \"text\",\n";
  // Every answer is printed, as the other snippets do: axios throws on 4xx and 5xx by default.
  out += "  validateStatus: () => true,\n});\n";
  return out + "console.log(response.status, response.data);\n";
}

}  // namespace userapi::detail
