#include "userapi/request.h"

#include "detail/body_rules.h"
#include "detail/json_tree.h"
#include "detail/json_write.h"
#include "detail/report_builder.h"
#include "detail/url.h"

namespace userapi {

using detail::number_param;
using detail::Span;
using detail::text_param;

namespace {

// The base URL rules; also gives the parsed URL, so build() parses it once.
Report check_base_url(std::string_view base_url, std::optional<detail::BaseUrl>& url) {
  detail::ReportBuilder report(Location::base_url, base_url);
  detail::UrlError error;
  url = detail::parse_base_url(base_url, error);
  if (url) {
    if (url->scheme == "http" && !url->is_loopback())
      report.add(Code::base_url_insecure, "", Span{0, static_cast<std::uint32_t>(base_url.size())});
  } else {
    const auto at = static_cast<std::uint32_t>(error.offset);
    report.add(Code::base_url_format, "", Span{at, at + 1}, {text_param("reason", error.reason)});
  }
  return std::move(report).finish();
}

}  // namespace

Report check_base_url(std::string_view base_url) {
  std::optional<detail::BaseUrl> unused;
  return check_base_url(base_url, unused);
}

namespace {

struct TokenProblem {
  std::size_t offset;
  const char* reason;
};

// The first character outside 0x21..0x7E, described without echoing it.
std::optional<TokenProblem> find_token_problem(std::string_view token) {
  if (token.rfind(contract::kAuthPrefix, 0) == 0 || token.rfind("Bearer ", 0) == 0)
    return TokenProblem{token.find(' '), "give the token alone; the word Token is added for you"};
  for (std::size_t i = 0; i < token.size(); ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c == ' ') return TokenProblem{i, "it holds a space"};
    if (c < 0x20 || c == 0x7F) return TokenProblem{i, "it holds a control character such as a line break"};
    if (c >= 0x80) return TokenProblem{i, "it holds a non-ASCII character"};
  }
  return std::nullopt;
}

}  // namespace

Report check_token(std::string_view token) {
  detail::ReportBuilder report(Location::token, token);
  if (token.empty()) {
    report.add(Code::required, "", std::nullopt);
  } else if (token.size() > contract::kMaxTokenLength) {
    report.add(Code::token_format, "", std::nullopt,
               {text_param("reason",
                           "it is longer than " + std::to_string(contract::kMaxTokenLength) + " characters"),
                number_param("limit", contract::kMaxTokenLength), number_param("actual", token.size())});
  } else if (auto problem = find_token_problem(token)) {
    const auto at = static_cast<std::uint32_t>(problem->offset);
    report.add(Code::token_format, "", Span{at, at + 1}, {text_param("reason", problem->reason)});
  }
  return std::move(report).finish();
}

namespace {

BuildResult build(std::string_view body, std::string_view base_url, std::string_view token, bool forced) {
  BuildResult result;
  detail::ReportBuilder body_report(Location::body, body);
  const auto root = detail::parse_and_check_body(body, body_report, true);
  result.report = std::move(body_report).finish();
  const bool body_ok = result.report.valid;
  std::optional<detail::BaseUrl> url;
  Report url_report = check_base_url(base_url, url);
  Report token_report = check_token(token);
  const bool target_ok = url_report.valid && token_report.valid;
  // (Merging re-sorts; most requests have nothing to merge.)
  if (!url_report.violations.empty()) detail::merge_into(result.report, std::move(url_report));
  if (!token_report.violations.empty()) detail::merge_into(result.report, std::move(token_report));
  if (!target_ok || !(body_ok || forced)) return result;

  // Written straight into the result: each string is allocated once, at its final size.
  Request& request = result.request.emplace();
  request.method = contract::kMethod;
  request.url.reserve(base_url.size() + contract::kPath.size());
  request.url.append(url->scheme).append("://").append(url->host);
  if (!url->port.empty()) request.url.append(":").append(url->port);
  request.url.append(url->path).append(contract::kPath);
  request.headers.reserve(2);
  request.headers.push_back({"Content-Type", std::string(contract::kContentType)});
  Header& authorization = request.headers.emplace_back();
  authorization.name = contract::kAuthHeader;
  authorization.value.reserve(contract::kAuthPrefix.size() + token.size());
  authorization.value.append(contract::kAuthPrefix).append(token);
  if (root) {
    request.body.reserve(body.size());
    detail::write_compact(*root, request.body);
  } else {
    request.body = std::string(body);
  }
  return result;
}

}  // namespace

BuildResult build_request(std::string_view body, std::string_view base_url, std::string_view token) {
  return build(body, base_url, token, false);
}

BuildResult build_request_forced(std::string_view body, std::string_view base_url, std::string_view token) {
  return build(body, base_url, token, true);
}

}  // namespace userapi
