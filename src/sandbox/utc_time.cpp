#include "utc_time.h"

#include <chrono>

#include "userapi/batch_engine.h"

namespace sandbox {

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The core's one formatter (batch reports), without the milliseconds a whole second does not have.
std::string rfc3339(long long unix_seconds) {
  std::string text = userapi::batch::iso_utc(static_cast<double>(unix_seconds) * 1000);
  return text.erase(text.size() - 5, 4);  // "…:00.000Z" -> "…:00Z"
}

}  // namespace sandbox
