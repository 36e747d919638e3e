// The process of `userapi serve`: it opens the store, listens, serves until SIGINT or SIGTERM,
// and sweeps expired sessions meanwhile. The routes are api.h's, the log access_log.h's.
#include "server.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "access_log.h"
#include "api.h"
#include "http.h"
#include "static_files.h"
#include "store.h"

namespace sandbox {
namespace {

// Every connection needs a descriptor: take the hard limit (1024 by default is too few).
void raise_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Deletes expired sessions every `period` until it is destroyed.
class Sweeper {
 public:
  Sweeper(Api& api, std::chrono::seconds period)
      : thread_([this, &api, period] {
          std::unique_lock<std::mutex> lock(mutex_);
          do {
            lock.unlock();
            api.sweep();
            lock.lock();
          } while (!wake_.wait_for(lock, period, [this] { return stopped_; }));
        }) {}
  ~Sweeper() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;
  std::thread thread_;
};

// The database and, beside it, the key of its tokens (`<db>.key`).
std::unique_ptr<Store> open_store(const std::string& db_path, std::optional<TokenKey>& key) {
  std::error_code ec;
  const auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string error;
  key = TokenKey::load_or_create(db_path + ".key", error);
  auto store = key ? Store::open(db_path, *key, error) : nullptr;
  if (!store) std::cerr << "userapi serve: " << error << "\n";
  return store;
}

void banner(const std::string& origin, const Options& options, const std::string& token,
            const std::string& db_path) {
  const long long ttl = options.session_ttl;
  const std::string valid = ttl % 3600 == 0 ? std::to_string(ttl / 3600) + " h" : std::to_string(ttl) + " s";
  std::cout << "userapi sandbox on " << origin << "/  (PUT " << origin << kApiPath << ")\n"
            << "dev token: " << (options.is_public ? "none (--public)" : token) << "\n"
            << "database: " << db_path << "\n"
            << "sessions: POST " << origin << kSessionsPath << " (each valid " << valid << ")" << std::endl;
}

// Binds host:port; the server's origin ("http://127.0.0.1:8787", "http://[::1]:8787"), or
// nothing with the reason on stderr. Warns when a dev token would open it beyond this machine.
std::optional<std::string> listen(HttpServer& server, const Options& options) {
  std::string error;
  const int port = server.bind(options.host, options.port, error);
  if (port < 0) {
    std::cerr << "userapi serve: cannot listen on " << options.host << ":" << options.port << ": " << error
              << "\n";
    return std::nullopt;
  }
  if (!options.is_public && !is_loopback(options.host))
    std::cerr << "userapi serve: warning: listening on " << options.host
              << " without --public: anyone who can reach it and has the dev token can use it; "
                 "for visitors from the internet use --public\n";
  const std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  return "http://" + host + ":" + std::to_string(port);
}

// Serves, sweeping expired sessions, until one of `stop_signals` (blocked in every thread)
// arrives; then finishes the requests in flight.
void run_until_stopped(HttpServer& server, Api& api, long long session_ttl, const sigset_t& stop_signals) {
  const Sweeper sweeper(api, std::chrono::seconds(std::clamp(session_ttl / 4, 1LL, 60LL)));
  std::thread waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stop();
  });
  server.run();                 // returns after stop(), once the requests in flight are done
  ::kill(::getpid(), SIGTERM);  // wakes the waiter when run ended by itself
  waiter.join();
}

}  // namespace

bool is_loopback(const std::string& host) {
  unsigned char v6[16];
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  if (inet_pton(AF_INET6, host.c_str(), v6) != 1) return false;
  static const unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::equal(v6, v6 + 16, kLoopback) || (std::equal(v6, v6 + 12, kMapped) && v6[12] == 127);
}

Options with_rates(Options o) {
  const bool limited = o.is_public || !is_loopback(o.host);
  const auto resolve = [limited](double& rate, double on) {
    if (rate == Options::kAutoRate) rate = limited ? on : 0;
  };
  resolve(o.client_rate, Options::kClientRate);
  resolve(o.token_rate, Options::kTokenRate);
  resolve(o.session_rate, Options::kSessionRate);
  return o;
}

int serve(const Options& given) {
  const Options options = with_rates(given);
  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  if (!options.web_dir.empty() && !std::filesystem::is_directory(options.web_dir)) {
    std::cerr << "userapi serve: cannot serve " << options.web_dir << ": not a folder\n";
    return 2;
  }
  const StaticSite site(options.web_dir);
  if (site.empty()) std::cerr << "userapi serve: " << StaticSite::kNoPage << "\n";
  raise_file_limit();
  const std::string db_path = options.db_path.empty() ? "data/sandbox.db" : options.db_path;
  std::optional<TokenKey> key;
  auto store = open_store(db_path, key);
  if (!store) return 1;
  store->set_disk_budget(options.max_disk_bytes);
  const std::string token = options.token.empty() ? key->dev_token() : options.token;
  Api api(*store, *key, token, options);
  api.set_site(&site);
  const AccessLog log(options.log_path);
  if (!log.ok()) return 1;
  HttpServer server(
      options.http, [&](const Request& q, Response& r) { api.handle(q, r); },
      [&log](const Request& q, const Response& r) { log.write(q, r); },
      [&](const Request& q, Response& r) { return api.check_head(q, r); });
  const std::optional<std::string> origin = listen(server, options);
  if (!origin) return 1;
  api.set_origin(*origin);
  banner(*origin, options, token, db_path);
  run_until_stopped(server, api, options.session_ttl, stop_signals);
  std::cerr << "userapi sandbox stopped\n";
  return 0;
}

}  // namespace sandbox
