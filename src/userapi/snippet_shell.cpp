// Snippets that are POSIX sh commands: curl, HTTPie, wget. Every argument is single-quoted
// (sh_quote), so $, `, \, !, " and newlines in a body or token are never read by the shell.
#include "detail/literals.h"
#include "detail/snippets.h"
#include "detail/token_text.h"

namespace userapi::detail {
namespace {

// Linux caps one argument at 128 KiB (MAX_ARG_STRLEN); a body above this (with headroom for the
// quoting) cannot be one argv string, so it goes through the shell's printf builtin, which has
// no such limit.
constexpr std::size_t kMaxArgument = 128 * 1024 - 4096;

bool fits_in_argument(const Request& r) { return r.body.size() < kMaxArgument; }

// Inside double quotes the shell expands ${NAME}; the rest of the header has no $, ` or \.
constexpr Syntax kShell{sh_quote, [](std::string_view prefix, std::string_view name) {
                          return "\"" + std::string(prefix) + "${" + std::string(name) + "}\"";
                        }};

// HTTPie reads \ escapes in request items (Name:Value), so every \ is doubled: in the literal
// here, and at run time by sed for the variable's value.
std::string httpie_item(std::string_view text) { return sh_quote(double_backslashes(text)); }
constexpr Syntax kHttpie{httpie_item, [](std::string_view prefix, std::string_view name) {
                           return "\"" + std::string(prefix) + "$(printf '%s' \"${" + std::string(name) +
                                  "}\" | sed 's/\\\\/\\\\\\\\/g')\"";
                         }};

std::string printf_body(const Request& r) { return "printf '%s' " + sh_quote(r.body) + " |\n"; }

}  // namespace

std::string curl_snippet(const Request& r, const TokenMode& mode) {
  const bool glob_chars = r.url.find_first_of("[]{}") != std::string::npos;
  std::string out = "curl ";
  if (glob_chars) out += "--globoff ";  // curl would read [ ] { } as URL ranges and sets
  out += "--request " + r.method + " " + sh_quote(r.url);
  for (const Header& h : r.headers) out += " \\\n  --header " + header_code(h, mode, kShell, h.name + ": ");
  // --data-raw sends the text as is; unlike --data it gives no meaning to a leading @. A large
  // body goes to --data-binary @- (stdin, sent byte for byte).
  if (fits_in_argument(r)) return out + " \\\n  --data-raw " + sh_quote(r.body) + "\n";
  return printf_body(r) + out + " \\\n  --data-binary @-\n";
}

std::string httpie_snippet(const Request& r, const TokenMode& mode) {
  // --ignore-stdin: with --raw, HTTPie would otherwise also read a piped standard input.
  std::string out = fits_in_argument(r) ? "http --ignore-stdin " : "http ";
  out += r.method + " " + sh_quote(r.url);
  for (const Header& h : r.headers) out += " \\\n  " + header_code(h, mode, kHttpie, h.name + ":");
  // --raw sends the text as the body, unlike name=value items, which HTTPie would turn into JSON.
  if (fits_in_argument(r)) return out + " \\\n  --raw=" + sh_quote(r.body) + "\n";
  return printf_body(r) + out + "\n";  // a piped standard input is the raw body
}

std::string wget_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "wget --quiet --output-document=- --method=" + r.method;
  for (const Header& h : r.headers) out += " \\\n  --header " + header_code(h, mode, kShell, h.name + ": ");
  if (fits_in_argument(r)) return out + " \\\n  --body-data=" + sh_quote(r.body) + " \\\n  " + sh_quote(r.url) + "\n";
  // wget needs the body's size in advance: --body-file must be a regular file, not a pipe.
  std::string big = "body=$(mktemp)\nprintf '%s' " + sh_quote(r.body) + " >\"$body\"\n";
  return big + out + " \\\n  --body-file=\"$body\" \\\n  " + sh_quote(r.url) + " &&\nrm -f \"$body\"\n";
}

}  // namespace userapi::detail
