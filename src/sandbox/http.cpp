// Boost.Beast (parser, serializer, tcp_stream with its timeouts) on Boost.Asio. Each connection
// runs on its own strand; the head is read into a buffer capped at Limits::max_head_bytes, checked
// by check_head, then parsed by Beast; the body is read only when its Content-Length fits.
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "answers.h"
#include "http.h"

namespace sandbox {

using userapi::contract::ErrorFact;
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Connection;

class HttpServer::Impl {
 public:
  Impl(Limits l, Handler h, Logger g, HeadCheck c)
      : limits(l), handler(std::move(h)), logger(std::move(g)), head_check(std::move(c)) {}

  void accept();
  void admit(tcp::socket socket);
  void release(const std::string& client, Connection* connection);
  void stop();
  // A share of Limits::max_buffered_body_bytes for one body; false when it does not fit.
  bool reserve_body(std::size_t bytes);
  void release_body(std::size_t bytes) { buffered_body -= bytes; }

  const Limits limits;
  const Handler handler;
  const Logger logger;
  const HeadCheck head_check;
  std::atomic<std::size_t> buffered_body{0};
  net::io_context ioc{limits.threads};
  net::strand<net::io_context::executor_type> strand = net::make_strand(ioc);
  tcp::acceptor acceptor{strand};
  net::steady_timer retry{strand};
  std::atomic<bool> stopping{false};

  std::mutex mutex;
  std::unordered_map<std::string, int> per_client;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> live;
  int total = 0;
};

namespace {

constexpr std::size_t kChunk = 8192;
constexpr std::size_t kLingerBytes = 64 * 1024;
constexpr std::size_t kSmallAnswer = 16 * 1024;
constexpr std::chrono::seconds kLinger{1};
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool no_body_status(int status) { return status == 204 || status == 304 || (status >= 100 && status < 200); }

// The path of a request target: origin-form as it is; absolute-form ("http://host/api/user",
// which RFC 9112 3.2.2 says a server must accept) without its scheme and authority.
std::string_view target_path(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    const std::string_view start = target.substr(0, scheme.size());
    if (!beast::iequals(beast::string_view(start.data(), start.size()), scheme.data())) continue;
    const auto slash = target.find_first_of("/?", scheme.size());
    if (slash == std::string_view::npos) return "/";
    return target[slash] == '?' ? std::string_view("/") : target.substr(slash);
  }
  return target;
}

}  // namespace

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(HttpServer::Impl& server, tcp::socket socket, std::string client)
      : server_(server), stream_(std::move(socket)), client_(std::move(client)) {}
  ~Connection() {
    server_.release_body(reserved_);
    server_.release(client_, this);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  auto executor() { return stream_.get_executor(); }
  void start() {
    stream_.expires_after(limits().head_timeout);
    read_head();
  }
  void refuse_busy() { refuse(Error::too_many_connections); }
  // Stopping: a connection between requests (or still sending a head) is closed now; one with a
  // request in flight is closed after its answer.
  void stop_if_idle() {
    if (!busy_) stream_.cancel();
  }

 private:
  const Limits& limits() const { return server_.limits; }
  void read_head();
  void on_head_bytes();
  std::size_t scan_head();
  void take_head(std::size_t size);
  bool parse_head(std::string_view head);
  bool admit_body();
  void start_body();
  void read_body();
  void answer();
  void refuse(Error error, std::initializer_list<ErrorFact> facts = {}, std::string_view retry_after = {});
  void write();
  void after_write();
  void linger();

  HttpServer::Impl& server_;
  beast::tcp_stream stream_;
  std::string client_;
  std::string buf_;             // bytes read and not used yet
  std::size_t scanned_ = 0;     // bytes of buf_ scanned for the blank line
  std::size_t line_start_ = 0;  // where the line being scanned starts
  std::size_t lines_ = 0;       // lines of the head scanned so far
  std::size_t body_need_ = 0;   // body bytes still to read
  std::size_t read_ = 0;        // bytes read on this connection
  std::size_t reserved_ = 0;    // this request's share of Limits::max_buffered_body_bytes
  bool idle_ = false;           // between requests: the idle timeout runs
  bool busy_ = false;           // a head is complete: a request is in flight
  bool keep_alive_ = true;
  bool expect_continue_ = false;
  bool lingering_ = false;
  std::size_t dropped_ = 0;      // bytes read and dropped while lingering
  std::size_t unread_body_ = 0;  // a body refused before it was read: dropped too while lingering
  int served_ = 0;
  Request req_;
  Response res_;
  http::response<http::span_body<const char>> out_;
};

void Connection::read_head() {
  const std::size_t old = buf_.size();
  buf_.resize(old + kChunk);
  stream_.async_read_some(net::buffer(&buf_[old], kChunk),
                          [self = shared_from_this(), old](beast::error_code ec, std::size_t n) {
                            self->buf_.resize(old + n);
                            self->read_ += n;
                            if (!ec) self->on_head_bytes();
                            // else: timeout, reset or end of stream: the connection ends here
                          });
}

void Connection::on_head_bytes() {
  if (buf_.empty()) return read_head();
  // The first bytes of the next request: unless its whole head came with them (most do; the
  // idle deadline then stays, one timer update less per request), it has head_timeout for it.
  const bool first = idle_;
  idle_ = false;
  const std::size_t size = scan_head();
  if (size == std::string::npos) return;  // refused
  if (size > 0) return take_head(size);
  if (first) stream_.expires_after(limits().head_timeout);
  read_head();
}

// Scans the bytes read since the last call, line by line. Returns the size of the head once its
// blank line is in, 0 while it is incomplete, npos when it broke a limit (and was refused).
std::size_t Connection::scan_head() {
  const Limits& l = limits();
  for (; scanned_ < buf_.size(); ++scanned_) {
    if (buf_[scanned_] != '\n') {
      if (scanned_ - line_start_ < l.max_line_bytes) continue;
      refuse(lines_ == 0 ? Error::uri_too_long : Error::header_line_too_long,
             {{"limit", std::to_string(l.max_line_bytes)}});
      return std::string::npos;
    }
    if (scanned_ == 0 || buf_[scanned_ - 1] != '\r') {
      refuse(Error::bare_lf);
      return std::string::npos;
    }
    const std::size_t length = scanned_ - 1 - line_start_;
    line_start_ = scanned_ + 1;
    if (length == 0) {
      if (lines_ > 0) return ++scanned_;
      refuse(Error::junk_before_method);
      return std::string::npos;
    }
    if (++lines_ > l.max_head_lines) {
      refuse(Error::head_too_many_lines, {{"limit", std::to_string(l.max_head_lines)}});
      return std::string::npos;
    }
  }
  if (buf_.size() <= l.max_head_bytes) return 0;
  refuse(Error::head_too_large, {{"limit", std::to_string(l.max_head_bytes)}});
  return std::string::npos;
}

void Connection::take_head(std::size_t size) {
  busy_ = true;
  req_ = Request{};
  req_.client = client_;
  if (size > limits().max_head_bytes)
    return refuse(Error::head_too_large, {{"limit", std::to_string(limits().max_head_bytes)}});
  const std::string_view head(buf_.data(), size);
  if (const auto problem = check_head(head, limits().max_head_lines))
    return refuse(*problem, {{"limit", std::to_string(limits().max_head_lines)}});
  if (!parse_head(head)) return;
  buf_.erase(0, size);
  scanned_ = line_start_ = lines_ = 0;
  if (admit_body()) start_body();
}

// Before any body byte is read (or 100 Continue sent): the server's own check of the head (a bad
// token, a wrong media type), then a share of the global body budget. False when answered.
bool Connection::admit_body() {
  if (body_need_ == 0) return true;
  if (server_.head_check) {
    res_ = Response{};
    if (!server_.head_check(req_, res_)) {
      req_.bytes_read = read_;
      unread_body_ = body_need_;
      res_.close = true;
      server_.logger(req_, res_);
      write();
      return false;
    }
  }
  if (!server_.reserve_body(body_need_)) {
    unread_body_ = body_need_;
    refuse(Error::server_busy, {}, "1");
    return false;
  }
  reserved_ = body_need_;
  return true;
}

// Beast's parser on a head check_head passed: request line, version, field syntax, Content-Length.
bool Connection::parse_head(std::string_view head) {
  http::request_parser<http::empty_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(head.size() + 1));
  parser.eager(false);
  // The body is never given to it; its length is checked below. (boost::none would refuse every
  // body in Beast 1.74: it compares the length with an empty optional.)
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  parser.put(net::buffer(head.data(), head.size()), ec);
  if (ec || !parser.is_header_done()) {
    refuse(Error::malformed_head, {{"reason", ec.message()}});
    return false;
  }
  const auto& m = parser.get();
  if (m.method() == http::verb::unknown) {  // as its name is never logged, it cannot leak a token
    refuse(Error::unknown_method);
    return false;
  }
  req_.method = std::string(m.method_string());
  req_.target = std::string(target_path(std::string_view(m.target().data(), m.target().size())));
  req_.path = percent_decode(std::string_view(req_.target).substr(0, req_.target.find('?')));
  for (const auto& field : m) req_.headers.emplace_back(field.name_string(), field.value());
  keep_alive_ = parser.keep_alive();
  // RFC 9112 3.2: exactly one Host in HTTP/1.1, at most one before.
  const std::size_t hosts = req_.header_count("Host");
  if (hosts > 1 || (hosts == 0 && m.version() >= 11)) {
    refuse(Error::host_count);
    return false;
  }
  if (req_.has_header("Transfer-Encoding")) {
    refuse(Error::length_required);
    return false;
  }
  body_need_ = parser.content_length().value_or(0);
  if (body_need_ > limits().max_body_bytes) {
    unread_body_ = limits().max_body_bytes;  // dropped while lingering, so most clients read the 413
    refuse(Error::payload_too_large, {{"limit", std::to_string(limits().max_body_bytes)}});
    return false;
  }
  const std::string expect = req_.header("Expect");
  expect_continue_ = m.version() == 11 && beast::iequals(expect, "100-continue");
  return true;
}

void Connection::start_body() {
  const std::size_t have = std::min(buf_.size(), body_need_);
  req_.body.assign(buf_, 0, have);
  buf_.erase(0, have);
  body_need_ -= have;
  if (body_need_ == 0) return answer();
  stream_.expires_after(limits().body_timeout);
  if (!expect_continue_) return read_body();
  net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                   [self = shared_from_this()](beast::error_code ec, std::size_t) {
                     if (!ec) self->read_body();
                   });
}

void Connection::read_body() {
  const std::size_t old = req_.body.size();
  const std::size_t n = std::min<std::size_t>(body_need_, 64 * 1024);
  req_.body.resize(old + n);
  stream_.async_read_some(net::buffer(&req_.body[old], n),
                          [self = shared_from_this(), old](beast::error_code ec, std::size_t got) {
                            self->req_.body.resize(old + got);
                            self->read_ += got;
                            self->body_need_ -= got;
                            if (ec) return;  // timeout or reset mid-body: dropped, nothing stored
                            if (self->body_need_ > 0) return self->read_body();
                            self->answer();
                          });
}

void Connection::answer() {
  res_ = Response{};
  server_.handler(req_, res_);
  req_.body = std::string();  // the memory goes back with the share
  server_.release_body(reserved_);
  reserved_ = 0;
  if (!keep_alive_ || ++served_ >= limits().max_requests_per_connection || server_.stopping)
    res_.close = true;
  server_.logger(req_, res_);
  write();
}

// An answer from the HTTP layer itself; the connection is closed after it.
void Connection::refuse(Error error, std::initializer_list<ErrorFact> facts, std::string_view retry_after) {
  busy_ = true;
  if (req_.method.empty()) req_.method = req_.path = "-";
  req_.client = client_;
  req_.bytes_read = read_;
  res_ = Response{};
  reply_error(res_, error, facts);
  res_.set_header("Cache-Control", "no-store");
  res_.set_header("X-Content-Type-Options", "nosniff");
  res_.set_header("Referrer-Policy", "no-referrer");
  if (!retry_after.empty()) res_.set_header("Retry-After", retry_after);
  res_.close = true;
  server_.logger(req_, res_);
  write();
}

void Connection::write() {
  out_ = {};
  out_.version(11);
  out_.result(static_cast<unsigned>(res_.status));
  for (const auto& [name, value] : res_.headers) out_.insert(name, value);
  const std::string_view content = res_.content();
  if (!no_body_status(res_.status)) {
    // HEAD: the length a GET would have, and no body.
    if (req_.method != "HEAD") out_.body() = {content.data(), content.size()};
    out_.content_length(content.size());
  }
  out_.keep_alive(!res_.close);
  // A small answer goes into the socket's buffer at once, under the deadline already set; a large
  // one (the page's files) gets write_timeout of its own.
  if (content.size() > kSmallAnswer || res_.close) stream_.expires_after(limits().write_timeout);
  http::async_write(stream_, out_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (!ec) self->after_write();
  });
}

// Closing with unread bytes from the client would reset the connection, and the client could
// lose the answer: send FIN, then read and drop at most kLingerBytes (and a body refused unread,
// at most Limits::max_body_bytes, through one small buffer) for kLinger before closing.
void Connection::linger() {
  if (!lingering_) {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    stream_.expires_after(kLinger);
    lingering_ = true;
  }
  buf_.resize(kChunk);
  stream_.async_read_some(net::buffer(buf_), [self = shared_from_this()](beast::error_code e, std::size_t n) {
    self->dropped_ += n;
    if (!e && self->dropped_ < kLingerBytes + self->unread_body_) self->linger();
  });
}

void Connection::after_write() {
  if (res_.close) return linger();
  res_ = Response{};
  req_ = Request{};
  out_ = {};
  busy_ = false;
  idle_ = true;
  stream_.expires_after(limits().idle_timeout);
  if (server_.stopping) return stream_.cancel();
  on_head_bytes();  // a pipelined request may be in the buffer already
}

void HttpServer::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open() || stopping) return;
    if (ec) {  // e.g. out of file descriptors: try again shortly instead of spinning
      retry.expires_after(std::chrono::milliseconds(100));
      retry.async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    }
    admit(std::move(socket));
    accept();
  });
}

void HttpServer::Impl::admit(tcp::socket socket) {
  beast::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  if (ec) return;
  auto address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  std::string client = address.to_string();
  bool refused = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    int& mine = per_client[client];
    refused = total >= limits.max_connections || mine >= limits.max_connections_per_client;
    ++mine;
    ++total;
  }
  // Writes and body reads are separate: without NODELAY, Nagle + delayed ACK add ~40 ms.
  socket.set_option(tcp::no_delay(true), ec);
  auto connection = std::make_shared<Connection>(*this, std::move(socket), std::move(client));
  {
    std::lock_guard<std::mutex> lock(mutex);
    live[connection.get()] = connection;
  }
  net::post(connection->executor(), [connection, refused] {
    if (refused)
      connection->refuse_busy();
    else
      connection->start();
  });
}

bool HttpServer::Impl::reserve_body(std::size_t bytes) {
  std::size_t now = buffered_body.load();
  do {
    if (bytes > limits.max_buffered_body_bytes || now > limits.max_buffered_body_bytes - bytes) return false;
  } while (!buffered_body.compare_exchange_weak(now, now + bytes));
  return true;
}

void HttpServer::Impl::release(const std::string& client, Connection* connection) {
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = per_client.find(client); it != per_client.end() && --it->second <= 0) per_client.erase(it);
  --total;
  live.erase(connection);
}

void HttpServer::Impl::stop() {
  net::post(strand, [this] {
    stopping = true;
    beast::error_code ec;
    acceptor.close(ec);
    retry.cancel();
    // Taken under the lock, used after it: the last reference to a connection may go here, and
    // its destructor takes the lock (release).
    std::vector<std::shared_ptr<Connection>> connections;
    {
      std::lock_guard<std::mutex> lock(mutex);
      for (auto& [pointer, weak] : live)
        if (auto c = weak.lock()) connections.push_back(std::move(c));
    }
    for (auto& c : connections) net::post(c->executor(), [c] { c->stop_if_idle(); });
  });
}

HttpServer::HttpServer(Limits limits, Handler handler, Logger logger, HeadCheck head_check)
    : impl_(std::make_unique<Impl>(limits, std::move(handler), std::move(logger), std::move(head_check))) {}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port, std::string& error) {
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) {
    error = "not an IP address: " + host;
    return -1;
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    error = ec.message();
    return -1;
  }
  return a.local_endpoint().port();
}

void HttpServer::run() {
  impl_->accept();
  // Once stopping, the acceptor is closed and idle connections too; busy ones end after their
  // answer or their timeout, and then run() returns: no work is left.
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->limits.threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void HttpServer::stop() { impl_->stop(); }

}  // namespace sandbox
