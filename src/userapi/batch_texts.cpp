#include "batch_texts.h"

#include <cmath>

#include "userapi/safe_text.h"

namespace userapi::batch {
namespace texts {

std::string answered(int status, const std::optional<std::string>& server_message) {
  std::string text = "The server answered " + std::to_string(status);
  if (server_message && !server_message->empty()) text += ": " + safe_text(*server_message);
  return text;
}

std::string breaks_contract(std::string_view check) {
  return " (the response breaks the contract: " + std::string(check) + ")";
}

std::string transport(TransportError error, std::uint32_t timeout_ms) {
  switch (error) {
    case TransportError::refused: return "The connection was refused: nothing answers at the base URL";
    case TransportError::reset: return "The connection was closed before an answer came";
    case TransportError::timeout: return "No response within " + std::to_string(timeout_ms) + " ms";
    case TransportError::unresolved: return "The base URL's host name does not resolve";
    case TransportError::tls: return "The secure connection (TLS) could not be set up";
    case TransportError::too_large: return "The answer is larger than the client takes";
    case TransportError::other: break;
  }
  return "The request could not reach the server";
}

std::string not_sent() { return "Not sent: the batch was cancelled"; }

std::string cancelled_waiting(std::string_view last) {
  return "Cancelled while waiting to retry; the last attempt: " + std::string(last);
}

std::string abandoned() { return "Abandoned in flight by a second cancel: the server may have applied it"; }

std::string skipped() { return "Done in the resumed report"; }

}  // namespace texts

namespace {
// Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day since 1970-01-01.
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

std::string digits(std::int64_t value, int width) {
  std::string text = std::to_string(value);
  return std::string(text.size() < std::size_t(width) ? width - text.size() : 0, '0') + text;
}
}  // namespace

std::string iso_utc(double unix_ms) {
  const auto ms = static_cast<std::int64_t>(std::floor(unix_ms));
  const std::int64_t days = (ms >= 0 ? ms : ms - 86399999) / 86400000, in_day = ms - days * 86400000;
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  return digits(y, 4) + "-" + digits(m, 2) + "-" + digits(d, 2) + "T" + digits(in_day / 3600000, 2) + ":" +
         digits(in_day / 60000 % 60, 2) + ":" + digits(in_day / 1000 % 60, 2) + "." +
         digits(in_day % 1000, 3) + "Z";
}

}  // namespace userapi::batch
