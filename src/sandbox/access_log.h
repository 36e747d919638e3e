// The access log of `userapi serve`: one line per answered request, on stderr or in a file.
#pragma once

#include <string>

#include "http.h"

namespace sandbox {

/// The log: stderr for "" or "-", else `path` opened for appending (ok() false when it cannot
/// be opened; the reason is on stderr).
class AccessLog {
 public:
  explicit AccessLog(const std::string& path);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  bool ok() const { return fd_ >= 0; }

  /// Time, method, path (no query), status and size: never a header, so never a token. A
  /// request the HTTP layer refused also says how much of it was read; a PUT /api/user or POST
  /// /sandbox/user-groups whose body was valid, its user_group_id. One write(2) per line,
  /// before the answer is sent: lines of concurrent requests never interleave, and a line is in
  /// the file even when the server is then killed. Thread-safe.
  void write(const Request& request, const Response& response) const;

 private:
  int fd_;
};

}  // namespace sandbox
