// The static files of `userapi serve`: the playground compiled into the binary, or a folder
// given with --web. Each answer carries an ETag and Cache-Control; a compressed variant is made
// once at build time (embedded files), never per request.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sandbox {

struct Request;
struct Response;

/// One file served at `path` ("/index.html"). `etag` is quoted; `gzip` is empty when compressing
/// did not pay.
struct StaticFile {
  std::string_view path;
  std::string_view etag;
  std::string_view body;
  std::string_view gzip;
};

/// The playground page, its bundle and the wasm core, written by cmake/embed_web.cmake; empty
/// when the build had no page (a native-only build).
const std::vector<StaticFile>& embedded_web();

/// Answers GET and HEAD for a path: from `folder` when it is set, else from the embedded files.
/// "/" and folders mean their index.html. Sets status 404 (and no body) when there is no such
/// file, 304 when If-None-Match names the current ETag. No path leaves the folder. Without any
/// page, every path is 404 with kNoPage as text.
class StaticSite {
 public:
  /// What a build without the page says at start and at every path.
  static constexpr const char* kNoPage =
      "This build of userapi has no playground page. Build it with scripts/build (it builds the page "
      "before the command), or start userapi serve --web DIR.";

  explicit StaticSite(std::string folder) : folder_(std::move(folder)) {}
  bool empty() const { return folder_.empty() && embedded_web().empty(); }
  void answer(const Request& req, Response& res) const;

 private:
  std::string folder_;
};

}  // namespace sandbox
