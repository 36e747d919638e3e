// Snippets that are POSIX sh commands: curl, HTTPie, wget. Every argument is single-quoted
// (sh_quote), so $, `, \, !, " and newlines in a body or token are never read by the shell.
#include "detail/literals.h"
#include "detail/snippets.h"
#include "detail/token_text.h"
#include "userapi/contract.h"

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

std::string printf_body(const Request& r) { return "printf '%s' " + sh_quote(r.body) + " |\n"; }

// A large body for a client that reads it from a file: a temporary one, removed after a success.
std::string body_file(const Request& r) {
  return "body=$(mktemp)\nprintf '%s' " + sh_quote(r.body) + " >\"$body\"\n";
}

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
  // HTTPie reads a \ before : = @ ; in a request item (Name:Value) as an escape and offers no way
  // to write such a pair itself, so the Authorization value (any visible ASCII) comes from
  // standard input: Name:@FILE takes a file's text verbatim. --ignore-stdin keeps HTTPie from
  // also reading standard input as the body.
  std::string token_line;
  std::string items;
  for (const Header& h : r.headers) {
    const bool token = h.name == contract::kAuthHeader;
    if (token) token_line = "printf '%s' " + header_code(h, mode, kShell) + " |\n";
    items += " \\\n  " + sh_quote(h.name + ":" + (token ? "@/dev/stdin" : h.value));
  }
  const std::string command = token_line + "http --ignore-stdin " + r.method + " " + sh_quote(r.url) + items;
  // --raw sends the text as the body, unlike name=value items, which HTTPie would turn into JSON;
  // a large body is a file item (@FILE), sent as it is.
  if (fits_in_argument(r)) return command + " \\\n  --raw=" + sh_quote(r.body) + "\n";
  return body_file(r) + command + " \\\n  @\"$body\" &&\nrm -f \"$body\"\n";
}

std::string wget_snippet(const Request& r, const TokenMode& mode) {
  std::string out = "wget --quiet --output-document=- --method=" + r.method;
  for (const Header& h : r.headers) out += " \\\n  --header " + header_code(h, mode, kShell, h.name + ": ");
  const std::string url = sh_quote(r.url);
  if (fits_in_argument(r)) return out + " \\\n  --body-data=" + sh_quote(r.body) + " \\\n  " + url + "\n";
  // wget needs the body's size in advance: --body-file must be a regular file, not a pipe.
  return body_file(r) + out + " \\\n  --body-file=\"$body\" \\\n  " + url + " &&\nrm -f \"$body\"\n";
}

}  // namespace userapi::detail
