#include "http_client.h"

namespace cli {
namespace {

constexpr std::size_t kMaxResponseBytes = std::size_t{16} << 20;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto& body = *static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (body.size() + n > kMaxResponseBytes) return 0;  // makes curl stop with CURLE_WRITE_ERROR
  body.append(data, n);
  return n;
}

}  // namespace

void prepare(CURL* c, const userapi::Request& request, long timeout_ms, Transfer& t) {
  t.body.clear();
  t.error[0] = '\0';
  t.headers.reset();
  auto append = [&](const std::string& line) {
    t.headers.reset(curl_slist_append(t.headers.release(), line.c_str()));
  };
  for (const auto& h : request.headers) append(h.name + ": " + h.value);
  // Headers curl would add on its own; the request goes out as it was built.
  append("Accept:");
  append("Expect:");

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, t.headers.get());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t.body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t.error);
}

HttpExchange exchange_of(CURL* c, CURLcode result, long timeout_ms, Transfer& t) {
  HttpExchange out;
  curl_off_t micros = 0;
  curl_easy_getinfo(c, CURLINFO_TOTAL_TIME_T, &micros);
  out.duration_ms = static_cast<double>(micros / 100) / 10;  // in ms, to a tenth
  if (result == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
    out.body = std::move(t.body);
    curl_header* h = nullptr;
    if (curl_easy_header(c, "Retry-After", 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h && h->value)
      out.retry_after = h->value;
  } else if (result == CURLE_OPERATION_TIMEDOUT) {
    out.failure = HttpExchange::Failure::timeout;
    out.error = "no response within " + std::to_string(timeout_ms) + " ms";
  } else {
    out.failure = HttpExchange::Failure::network;
    out.error = result == CURLE_WRITE_ERROR ? "the response is larger than 16 MiB"
                                            : std::string(t.error[0] ? t.error : curl_easy_strerror(result));
  }
  return out;
}

HttpExchange send_http(const userapi::Request& request, long timeout_ms) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    HttpExchange out;
    out.failure = HttpExchange::Failure::network;
    out.error = "libcurl could not start";
    return out;
  }
  Transfer transfer;
  prepare(curl.get(), request, timeout_ms, transfer);
  const CURLcode result = curl_easy_perform(curl.get());
  return exchange_of(curl.get(), result, timeout_ms, transfer);
}

}  // namespace cli
