#include "http_client.h"

#include <curl/curl.h>

#include <memory>

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

HttpExchange send_http(const userapi::Request& request, long timeout_ms) {
  HttpExchange out;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  if (!curl) {
    out.failure = HttpExchange::Failure::network;
    out.error = "libcurl could not start";
    return out;
  }
  auto append = [&](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  for (const auto& h : request.headers) append(h.name + ": " + h.value);
  // Headers curl would add on its own; the request goes out as it was built.
  append("Accept:");
  append("Expect:");

  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);

  const CURLcode result = curl_easy_perform(c);
  curl_off_t micros = 0;
  curl_easy_getinfo(c, CURLINFO_TOTAL_TIME_T, &micros);
  out.duration_ms = static_cast<double>(micros / 100) / 10;  // in ms, to a tenth
  if (result == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
  } else if (result == CURLE_OPERATION_TIMEDOUT) {
    out.failure = HttpExchange::Failure::timeout;
    out.error = "no response within " + std::to_string(timeout_ms) + " ms";
  } else {
    out.failure = HttpExchange::Failure::network;
    out.error = result == CURLE_WRITE_ERROR ? "the response is larger than 16 MiB"
                                            : std::string(error[0] ? error : curl_easy_strerror(result));
  }
  return out;
}

}  // namespace cli
