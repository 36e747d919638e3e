#include "detail/url.h"

#include <algorithm>
#include <cctype>

namespace userapi::detail {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 3986 pchar without pct-encoding (checked separately) plus '/'.
bool is_path_char(char c) {
  return is_alpha(c) || is_digit(c) ||
         std::string_view("-._~!$&'()*+,;=:@/").find(c) != std::string_view::npos;
}

bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) { return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value of 1 to 5 decimal digits (checked by the caller). std::stoi would do, but it can
// throw, which brings exception support into the wasm module (hex_value likewise).
int small_number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool is_ipv4_loopback(std::string_view host) {
  // 127.a.b.c, each part 0..255 in decimal.
  int parts = 0;
  std::size_t i = 0;
  while (i <= host.size()) {
    std::size_t j = i;
    while (j < host.size() && is_digit(host[j])) ++j;
    if (j == i || j - i > 3 || small_number(host.substr(i, j - i)) > 255) return false;
    if (parts == 0 && host.substr(i, j - i) != "127") return false;
    ++parts;
    if (j == host.size()) break;
    if (host[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4;
}

}  // namespace

std::string BaseUrl::authority() const { return port.empty() ? host : host + ":" + port; }

bool BaseUrl::is_loopback() const {
  const std::string h = lower(host);
  return h == "localhost" || h == "[::1]" || is_ipv4_loopback(h);
}

namespace {

using Problem = std::optional<UrlError>;

Problem problem(std::size_t at, std::string reason) { return UrlError{at, std::move(reason)}; }

Problem check_characters(std::string_view text) {
  if (text.empty()) return problem(0, "it is empty");
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= 0x20 || c == 0x7F) return problem(i, "it holds a space or control character");
    if (c >= 0x80)
      return problem(i, "it holds a non-ASCII character; percent-encode it, or use the punycode host name");
  }
  return std::nullopt;
}

// "[v6]" or "[v6]:port" at offset `at`; sets the host and where the port's colon is.
Problem parse_ipv6(std::string_view host_port, std::size_t at, BaseUrl& url, std::size_t& port_at) {
  const auto close = host_port.find(']');
  if (close == std::string_view::npos) return problem(at, "an IPv6 host needs its closing ]");
  for (std::size_t i = 1; i < close; ++i)
    if (!is_hex(host_port[i]) && host_port[i] != ':' && host_port[i] != '.')
      return problem(at + i, "an IPv6 host holds only hex digits, : and .");
  // The shortest IPv6 address is "::"; an address always has at least two colons.
  if (std::count(host_port.begin(), host_port.begin() + static_cast<std::ptrdiff_t>(close), ':') < 2)
    return problem(at, "the brackets must hold an IPv6 address such as [::1]");
  url.host = std::string(host_port.substr(0, close + 1));
  if (close + 1 < host_port.size()) {
    if (host_port[close + 1] != ':')
      return problem(at + close + 1, "expected : and a port after the IPv6 host");
    port_at = close + 1;
  }
  return std::nullopt;
}

// host[:port] at offset `at` of the text (user info already refused).
Problem parse_authority(std::string_view host_port, std::size_t at, BaseUrl& url) {
  if (host_port.empty()) return problem(at, "it has no host");
  std::size_t port_at = std::string_view::npos;
  if (host_port.front() == '[') {
    if (auto p = parse_ipv6(host_port, at, url, port_at)) return p;
  } else {
    port_at = host_port.find(':');
    url.host = std::string(host_port.substr(0, port_at));
    if (url.host.empty()) return problem(at, "it has no host");
    for (std::size_t i = 0; i < url.host.size(); ++i) {
      const char c = url.host[i];
      if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.')
        return problem(at + i, "a host name holds only letters, digits, - and .");
    }
  }
  if (port_at == std::string_view::npos) return std::nullopt;
  url.port = std::string(host_port.substr(port_at + 1));
  if (url.port.empty() || url.port.size() > 5 || !std::all_of(url.port.begin(), url.port.end(), is_digit) ||
      small_number(url.port) < 1 || small_number(url.port) > 65535)
    return problem(at + port_at + 1, "the port must be a number from 1 to 65535");
  return std::nullopt;
}

// The path at offset `at`: kept as written, minus one trailing slash.
Problem parse_path(std::string_view path, std::size_t at, BaseUrl& url) {
  if (const auto q = path.find_first_of("?#"); q != std::string_view::npos)
    return problem(at + q,
                   path[q] == '?' ? "a query (?...) is not allowed" : "a fragment (#...) is not allowed");
  // Clients normalize some paths before sending (curl, fetch and requests remove dot segments;
  // requests and fetch decode %7E and friends), so such a base URL would not reach the URL we
  // build. They are refused instead of silently differing.
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%') {
      if (i + 2 >= path.size() || !is_hex(path[i + 1]) || !is_hex(path[i + 2]))
        return problem(at + i, "% must start a percent-encoded byte such as %20");
      const char decoded = static_cast<char>(hex_value(path[i + 1]) * 16 + hex_value(path[i + 2]));
      if (is_alpha(decoded) || is_digit(decoded) || decoded == '-' || decoded == '.' || decoded == '_' ||
          decoded == '~')
        return problem(at + i, std::string("write ") + decoded +
                                   " instead of its percent-encoding; clients decode it before sending");
    } else if (path[i] == '.' && path[i - 1] == '/' &&
               (i + 1 == path.size() || path[i + 1] == '/' ||
                (path[i + 1] == '.' && (i + 2 == path.size() || path[i + 2] == '/')))) {
      return problem(at + i, "the path holds a . or .. segment, which clients resolve before sending");
    } else if (!is_path_char(path[i])) {
      return problem(at + i, std::string("the character ") + path[i] + " must be percent-encoded in a path");
    }
  }
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  url.path = std::string(path);
  return std::nullopt;
}

// Everything after "scheme://": authority, then path.
Problem parse_after_scheme(std::string_view text, std::size_t auth_start, BaseUrl& url) {
  std::size_t auth_end = text.find_first_of("/?#", auth_start);
  if (auth_end == std::string_view::npos) auth_end = text.size();
  const std::string_view authority = text.substr(auth_start, auth_end - auth_start);
  if (const auto at = authority.find('@'); at != std::string_view::npos)
    return problem(auth_start + at,
                   "user info (user:password@) is not allowed; send credentials as the token");
  if (auto p = parse_authority(authority, auth_start, url)) return p;
  return parse_path(text.substr(auth_end), auth_end, url);
}

}  // namespace

std::optional<BaseUrl> parse_base_url(std::string_view text, UrlError& error) {
  Problem p = check_characters(text);
  BaseUrl url;
  if (!p) {
    const auto colon = text.find("://");
    if (colon == std::string_view::npos) {
      p = problem(0, "it needs a scheme, as in https://api.example.com");
    } else {
      url.scheme = lower(text.substr(0, colon));
      p = url.scheme != "http" && url.scheme != "https" ? problem(0, "the scheme must be http or https")
                                                        : parse_after_scheme(text, colon + 3, url);
    }
  }
  if (!p) return url;
  error = std::move(*p);
  return std::nullopt;
}

}  // namespace userapi::detail
