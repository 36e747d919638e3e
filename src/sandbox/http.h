// The HTTP/1.1 layer of `userapi serve`: Boost.Beast's parser and serializer on Boost.Asio, with
// the limits a server on the internet needs (head size and lines, framing, time to send a head
// and a body, connections per client address, keep-alive idle time). Beast and Asio stay in
// http.cpp; the routes see only the plain Request and Response below.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "userapi/contract.h"

namespace sandbox {

/// Every limit of the HTTP layer. A request that breaks one is answered (400, 411, 413, 431 or
/// 503, with the contract's error body and `Connection: close`) or, for a timeout, dropped.
struct Limits {
  std::size_t max_head_bytes = 16 * 1024;  ///< request line + header lines + CRLFs -> 431
  std::size_t max_head_lines = 100;        ///< request line + header lines -> 431
  std::size_t max_line_bytes = 8 * 1024;   ///< one line: the request line -> 414, a header line -> 431
  std::size_t max_body_bytes =
      userapi::contract::kMaxBytes;  ///< Content-Length above it -> 413, nothing read
  /// Body bytes all connections together may hold while they read: a body is admitted only
  /// when its Content-Length still fits (else 503 + Retry-After, nothing read), and gives its
  /// share back once answered. Bounds the memory that bodies in flight can take.
  std::size_t max_buffered_body_bytes = std::size_t{64} << 20;
  std::chrono::milliseconds head_timeout{10000};   ///< from the first byte (or the accept) to the blank line
  std::chrono::milliseconds body_timeout{10000};   ///< from the head to the last body byte
  std::chrono::milliseconds idle_timeout{5000};    ///< keep-alive: from a response to the next byte
  std::chrono::milliseconds write_timeout{10000};  ///< to send one response
  int max_connections = 2048;                      ///< all clients together; more get 503
  int max_connections_per_client = 256;            ///< one client address; more get 503
  int max_requests_per_connection = 1000;
  /// Threads that serve every connection. Measured with wrk on 2 cores: 1 and 2 give the best
  /// throughput and p99, 4 and more a p99 5 to 20 times higher (they queue on the store's lock);
  /// 2 so that one slow SQLite call does not stop all I/O.
  int threads = 2;
};

/// One request as the routes see it: the head checked and parsed, the whole body read.
struct Request {
  std::string method;  ///< as sent ("PUT", "FOO")
  std::string target;  ///< as sent, query included
  std::string path;    ///< the target's path, percent-decoded; never the query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string client;          ///< the peer's IP address ("127.0.0.1", "::1")
  std::size_t bytes_read = 0;  ///< for a refused request: what the connection had read by then

  /// The first value of a header (names compare case-insensitively); "" when absent.
  std::string header(std::string_view name) const;
  std::size_t header_count(std::string_view name) const;
  bool has_header(std::string_view name) const { return header_count(name) > 0; }
};

/// One response. `bytes`, when set, is sent instead of `body` (static files, never copied);
/// `owner` keeps what it points into alive until it is written.
struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string_view bytes;
  std::shared_ptr<const void> owner;
  bool close = false;  ///< close the connection after this response
  /// The user_group_id a route read from the body (PUT /api/user, POST /sandbox/user-groups),
  /// for the access log; "" when none.
  std::string log_user_group_id;

  /// Replaces every header of that name (case-insensitively) with one.
  void set_header(std::string_view name, std::string_view value);
  std::string header(std::string_view name) const;
  void set_content(std::string text, std::string_view type);
  std::string_view content() const { return bytes.data() ? bytes : std::string_view(body); }
};

/// Routes a request; runs on one of the server's threads, one request of a connection at a time.
using Handler = std::function<void(const Request&, Response&)>;
/// Looks at a request whose head is in and whose body is not (`body` empty): true to read the
/// body and call the Handler; false to answer `Response` now, without reading the body (no
/// `100 Continue`), and close the connection. How a server refuses a bad token or media type
/// before a visitor can make it hold a body.
using HeadCheck = std::function<bool(const Request&, Response&)>;
/// Called once per answered request, also for those the HTTP layer refused (their method and
/// path are then "-"); never with a header.
using Logger = std::function<void(const Request&, const Response&)>;

class HttpServer {
 public:
  HttpServer(Limits limits, Handler handler, Logger logger, HeadCheck head_check = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Listens on host:port (0: a free port). Returns the port, or -1 with `error` set.
  int bind(const std::string& host, int port, std::string& error);
  /// Serves until stop(); then finishes the requests in flight (bounded by the timeouts).
  void run();
  /// Thread-safe; returns at once.
  void stop();

  class Impl;  ///< in http.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

/// What is wrong with a request head (the bytes up to and including the blank line), checked
/// before any parser sees it: nothing when nothing. Refuses (400) white space or anything but a
/// method first, a line not ended by CRLF, obs-fold, a header line without a colon or with
/// white space before it, a control character (NUL included) in a name or value, two
/// Content-Length, Transfer-Encoding beside Content-Length; (431) more than `max_lines` lines.
std::optional<userapi::contract::Error> check_head(std::string_view head, std::size_t max_lines);

/// "%41b%2F" -> "Ab/"; a "%" not followed by two hex digits is kept as it is.
std::string percent_decode(std::string_view text);

}  // namespace sandbox
