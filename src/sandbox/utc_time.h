// The one spelling of a time in userapi's output: RFC 3339 in UTC (the sandbox's sessions and
// access log, the CLI's batch reports).
#pragma once

#include <string>

namespace sandbox {

/// Seconds since the Unix epoch.
long long unix_now();

/// "2026-12-01T08:15:00Z": a session's expiry, an access log line's time.
std::string rfc3339(long long unix_seconds);

/// "2026-12-01T08:15:00.042Z": now, to the millisecond (a batch report's start and end).
std::string rfc3339_now_ms();

}  // namespace sandbox
