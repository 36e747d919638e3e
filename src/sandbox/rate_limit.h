// Token buckets by key (a client address, a token): `rate` requests a second on average, bursts
// of up to `burst`. Thread-safe; memory is bounded (keys whose bucket is full again are dropped
// once there are many).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sandbox {

class RateLimiter {
 public:
  /// `rate` <= 0: no limit (take() always succeeds).
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst < 1 ? 1 : burst) {}

  /// Takes one request from `key`'s bucket. False when it is empty, with `retry_after` set to the
  /// whole seconds until one request is allowed again (at least 1).
  bool take(const std::string& key, int& retry_after);
  bool enabled() const { return rate_ > 0; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  void prune(Clock::time_point now);

  double rate_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sandbox
