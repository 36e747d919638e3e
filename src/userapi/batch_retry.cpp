// When a batch sends a row again: 429 and 5xx answers and network failures, with exponential
// backoff and jitter (so retrying clients spread out), never sooner than the server's Retry-After.
#include <algorithm>
#include <cstring>

#include "userapi/batch.h"

namespace userapi::batch {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t number(std::string_view digits) {
  std::int64_t n = 0;
  for (const char c : digits) n = std::min<std::int64_t>(n * 10 + (c - '0'), 1'000'000'000);
  return n;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// An IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110), in Unix milliseconds.
std::optional<std::int64_t> http_date_ms(std::string_view text) {
  static constexpr const char* kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return std::nullopt;
  const std::string_view day = text.substr(5, 2), year = text.substr(12, 4), hh = text.substr(17, 2),
                         mm = text.substr(20, 2), ss = text.substr(23, 2);
  const char* month = std::strstr(kMonths, std::string(text.substr(8, 3)).c_str());
  if (!all_digits(day) || !all_digits(year) || !all_digits(hh) || !all_digits(mm) || !all_digits(ss) ||
      !month || (month - kMonths) % 3 != 0 || text[11] != ' ' || text[16] != ' ')
    return std::nullopt;
  const auto m = static_cast<unsigned>((month - kMonths) / 3 + 1);
  const std::int64_t days = days_from_civil(number(year), m, static_cast<unsigned>(number(day)));
  return ((days * 24 + number(hh)) * 60 + number(mm)) * 60000 + number(ss) * 1000;
}

std::optional<std::int64_t> retry_after_ms(std::string_view value, std::int64_t now_unix_ms) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (all_digits(value)) return number(value) * 1000;
  if (const auto at = http_date_ms(value)) return std::max<std::int64_t>(0, *at - now_unix_ms);
  return std::nullopt;
}

}  // namespace

bool retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

std::optional<std::uint32_t> retry_delay_ms(const RetryPolicy& policy, int attempt, int status,
                                            std::string_view retry_after, double unit,
                                            std::int64_t now_unix_ms) {
  if ((status != 0 && !retryable_status(status)) || attempt >= policy.max_attempts) return std::nullopt;
  const std::int64_t backoff =
      std::min<std::int64_t>(policy.max_ms, std::int64_t(policy.base_ms) << std::clamp(attempt - 1, 0, 20));
  unit = std::clamp(unit, 0.0, 1.0);
  std::int64_t delay = backoff / 2 + static_cast<std::int64_t>(unit * double(backoff / 2));
  if (const auto asked = retry_after_ms(retry_after, now_unix_ms)) delay = std::max(delay, *asked);
  return static_cast<std::uint32_t>(std::min<std::int64_t>(delay, policy.max_ms));
}

}  // namespace userapi::batch
