#include "utc_time.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace sandbox {

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

// "2026-12-01T08:15:00" and `fraction` (".042"), then "Z".
std::string format(long long unix_seconds, const char* fraction) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return std::string(buf) + fraction + "Z";
}

}  // namespace

std::string rfc3339(long long unix_seconds) { return format(unix_seconds, ""); }

std::string rfc3339_now_ms() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03d", static_cast<int>(ms % 1000));
  return format(ms / 1000, fraction);
}

}  // namespace sandbox
