#include "detail/script_syntax.h"

#include "detail/literals.h"

namespace userapi::detail {
namespace {

std::string text(std::string_view s) { return std::string(s); }

}  // namespace

const Syntax kJavaScript{json_quote, [](std::string_view prefix, std::string_view name) {
                           return "`" + text(prefix) + "${process.env." + text(name) + "}`";
                         }};
const Syntax kPython{json_quote, [](std::string_view prefix, std::string_view name) {
                       return json_quote(prefix) + " + os.environ[" + json_quote(name) + "]";
                     }};

std::string header_entries(const Request& r, const TokenMode& mode, const Syntax& syntax,
                           std::string_view indent) {
  std::string out;
  for (const Header& h : r.headers)
    out += text(indent) + json_quote(h.name) + ": " + header_code(h, mode, syntax) + ",\n";
  return out;
}

bool is_https(const Request& r) { return r.url.rfind("https:", 0) == 0; }

}  // namespace userapi::detail
