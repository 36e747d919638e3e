// The sandbox's times (sessions, access log) in RFC 3339 UTC, spelled by the core's formatter.
#pragma once

#include <string>

namespace sandbox {

/// Seconds since the Unix epoch.
long long unix_now();

/// "2026-12-01T08:15:00Z": a session's expiry, an access log line's time.
std::string rfc3339(long long unix_seconds);

}  // namespace sandbox
