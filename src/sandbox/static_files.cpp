#include "static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <optional>
#include <sstream>

#include "http.h"

namespace sandbox {
namespace {

std::string_view media_type(std::string_view path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".txt", "text/plain; charset=utf-8"},
  };
  const auto dot = path.rfind('.');
  if (dot != std::string_view::npos)
    for (const auto& [ext, type] : kTypes)
      if (path.substr(dot) == ext) return type;
  return "application/octet-stream";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls `each` with every comma-separated item of a header value, trimmed.
template <typename F>
bool any_item(std::string_view list, F each) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    if (each(trim(list.substr(0, comma)))) return true;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return false;
}

// If-None-Match: "*", or a list of (possibly weak, W/"...") tags.
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  return any_item(if_none_match, [&](std::string_view tag) {
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    return tag == "*" || tag == etag;
  });
}

// Accept-Encoding names gzip (or *) without q=0.
bool accepts_gzip(std::string_view accept_encoding) {
  return any_item(accept_encoding, [](std::string_view item) {
    const auto semi = item.find(';');
    const std::string_view coding = trim(item.substr(0, semi));
    const std::string_view params = semi == std::string_view::npos ? "" : trim(item.substr(semi + 1));
    const bool refused = params == "q=0" || params == "q=0.0" || params == "q=0.00" || params == "q=0.000";
    return (coding == "gzip" || coding == "*") && !refused;
  });
}

// "/a/b/" -> "/a/b/index.html"; nothing for a path with an empty, "." or ".." segment or a
// backslash, which could name something outside the folder.
std::optional<std::string> file_path(const std::string& request_path) {
  if (request_path.empty() || request_path[0] != '/') return std::nullopt;
  std::string path = request_path.back() == '/' ? request_path + "index.html" : request_path;
  std::string_view rest = std::string_view(path).substr(1);
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == ".." ||
        segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos)
      return std::nullopt;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return path;
}

// A file of the --web folder, read whole: its bytes, size and modification time.
struct FolderFile {
  std::shared_ptr<std::string> bytes;
  struct stat info {};
};

// Opened without blocking (a FIFO would wait for a writer and stop the thread that serves every
// connection) and judged by fstat on what was opened, so nothing can be swapped in between:
// anything but a regular file is nothing.
std::optional<FolderFile> read_regular_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return std::nullopt;
  FolderFile file;
  bool ok = ::fstat(fd, &file.info) == 0 && S_ISREG(file.info.st_mode);
  if (ok) {
    file.bytes = std::make_shared<std::string>(static_cast<std::size_t>(file.info.st_size), '\0');
    std::size_t done = 0;
    while (ok && done < file.bytes->size()) {
      const ssize_t n = ::read(fd, &(*file.bytes)[done], file.bytes->size() - done);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) done += static_cast<std::size_t>(n);
    }
  }
  ::close(fd);
  if (!ok) return std::nullopt;
  return file;
}

// The bytes go out as they are, never copied; `owner` keeps them alive until written.
void send_bytes(Response& res, std::string_view type, std::string_view bytes,
                std::shared_ptr<const std::string> owner = nullptr) {
  res.set_header("Content-Type", type);
  res.bytes = bytes.data() ? bytes : std::string_view("", 0);
  res.owner = std::move(owner);
}

}  // namespace

void StaticSite::answer(const Request& req, Response& res) const {
  if (empty()) {
    res.status = 404;
    res.set_content(kNoPage, "text/plain; charset=utf-8");
    return;
  }
  const auto path = file_path(req.path);
  if (!path) {
    res.status = 404;
    return;
  }
  res.set_header("Cache-Control", "no-cache");  // names carry no hash: revalidate, 304 when unchanged
  if (folder_.empty()) {
    for (const StaticFile& f : embedded_web()) {
      if (f.path != *path) continue;
      res.set_header("ETag", std::string(f.etag));
      res.set_header("Vary", "Accept-Encoding");
      if (etag_matches(req.header("If-None-Match"), f.etag)) {
        res.status = 304;
        return;
      }
      const bool gzip = !f.gzip.empty() && accepts_gzip(req.header("Accept-Encoding"));
      if (gzip) res.set_header("Content-Encoding", "gzip");
      send_bytes(res, media_type(f.path), gzip ? f.gzip : f.body);
      return;
    }
    res.status = 404;
    return;
  }

  // A folder (--web) is read on every request, so a rebuilt page shows on reload; its ETag is
  // the size and modification time, as most servers make it.
  const auto file = read_regular_file(folder_ + *path);
  if (!file) {
    res.status = 404;
    return;
  }
  const struct timespec& mtime = file->info.st_mtim;
  std::ostringstream tag;
  const auto nanoseconds = static_cast<unsigned long long>(mtime.tv_sec) * 1000000000ULL +
                           static_cast<unsigned long long>(mtime.tv_nsec);
  tag << "W/\"" << std::hex << file->info.st_size << '-' << nanoseconds << '"';
  res.set_header("ETag", tag.str());
  if (etag_matches(req.header("If-None-Match"), tag.str().substr(2))) {
    res.status = 304;
    return;
  }
  send_bytes(res, media_type(*path), *file->bytes, file->bytes);
}

}  // namespace sandbox
