#include "access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string_view>

#include "utc_time.h"

namespace sandbox {
namespace {

// What a log line may show of a request: printable ASCII; anything else as \xHH, so that no
// request can forge a line or send escape sequences to the terminal. `quote` is escaped too
// (for a quoted field).
std::string log_safe(std::string_view text, std::size_t max = 200, char quote = '\\') {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text.substr(0, max)) {
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != quote)
      out.push_back(static_cast<char>(c));
    else
      out += std::string("\\x") + hex[c >> 4] + hex[c & 0xF];
  }
  if (text.size() > max) out += "...";
  return out;
}

// A method outside RFC 9110 is logged as "-": a malformed request line can hold anything.
std::string_view log_method(const std::string& method) {
  for (std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})
    if (method == known) return known;
  return "-";
}

}  // namespace

AccessLog::AccessLog(const std::string& path) : fd_(STDERR_FILENO) {
  if (path.empty() || path == "-") return;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    std::cerr << "userapi serve: cannot open the log " << path << ": " << std::strerror(errno) << "\n";
}

AccessLog::~AccessLog() {
  if (fd_ > STDERR_FILENO) ::close(fd_);
}

// The user_group_id is escaped like the path, and `"` as \x22.
void AccessLog::write(const Request& q, const Response& r) const {
  std::string line = rfc3339(unix_now()) + ' ' + std::string(log_method(q.method)) + ' ' + log_safe(q.path) +
                     ' ' + std::to_string(r.status) + ' ' + std::to_string(r.content().size());
  if (q.bytes_read > 0) line += " refused after " + std::to_string(q.bytes_read) + " bytes";
  if (!r.log_user_group_id.empty())
    line += " user_group_id=\"" + log_safe(r.log_user_group_id, 300, '"') + '"';
  line += '\n';
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n <= 0 && errno != EINTR) break;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
}

}  // namespace sandbox
