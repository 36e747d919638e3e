// The parts of a base URL that request building and the snippets need.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace userapi::detail {

struct BaseUrl {
  std::string scheme;             ///< "http" or "https", lower case
  std::string host;               ///< as written; IPv6 keeps its brackets
  std::string port;               ///< digits, or "" for the scheme's default
  std::string path;               ///< "" or "/prefix" (one trailing slash dropped)
  std::string authority() const;  ///< host[:port], the Host header
  bool is_loopback() const;       ///< localhost, 127.0.0.0/8 or [::1]
};

struct UrlError {
  std::size_t offset;  ///< where in the text the problem is
  std::string reason;
};

/// Parses an absolute http(s) URL with a host and no user info, query or fragment.
/// Returns the parts, or the first problem.
std::optional<BaseUrl> parse_base_url(std::string_view text, UrlError& error);

}  // namespace userapi::detail
