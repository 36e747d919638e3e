#include "rate_limit.h"

#include <algorithm>
#include <cmath>

namespace sandbox {
namespace {
constexpr std::size_t kPruneAt = 50000;  // keys kept before full buckets are dropped
}

bool RateLimiter::take(const std::string& key, int& retry_after) {
  if (rate_ <= 0) return true;
  const auto now = Clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  if (buckets_.size() >= kPruneAt) prune(now);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.at = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  retry_after = std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate_)));
  return false;
}

// A bucket that has refilled is the same as no bucket: drop those. When every key is busy (a
// flood of addresses), start over rather than grow without bound.
void RateLimiter::prune(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.at).count();
    if (it->second.tokens + elapsed * rate_ >= burst_)
      it = buckets_.erase(it);
    else
      ++it;
  }
  if (buckets_.size() >= kPruneAt) buckets_.clear();
}

}  // namespace sandbox
