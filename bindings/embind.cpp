// Embind glue: converts between JavaScript and the core, nothing else. Results cross as one JSON
// string each, or as a plain object where it is small (a snippet); never a handle to .delete().
// Bodies arrive as UTF-8 bytes the wrapper wrote into wasm memory, so positions refer to exactly
// the text the caller gave.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>
#include <malloc.h>
#include <wasm_simd128.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "userapi/contract.h"
#include "userapi/json.h"
#include "userapi/locale.h"
#include "userapi/request.h"
#include "userapi/response.h"
#include "userapi/snippet.h"
#include "userapi/validate.h"

namespace {

std::string_view bytes(std::uintptr_t ptr, std::size_t len) {
  return {reinterpret_cast<const char*>(ptr), len};
}

// Locales cross as their index in userapi::kAllLocales (matchLocale gives it), so the per-keystroke
// call passes a number, not a tag to match again.
userapi::Locale locale_at(int index) {
  return index > 0 && index < static_cast<int>(std::size(userapi::kAllLocales)) ? userapi::kAllLocales[index]
                                                                                : userapi::Locale::en;
}

template <class Checked>
Checked localized(Checked checked, int locale) {
  userapi::localize(checked.report, locale_at(locale));
  return checked;
}

std::string validate(std::uintptr_t ptr, std::size_t len, int locale) {
  userapi::Report report = userapi::validate_body(bytes(ptr, len));
  userapi::localize(report, locale_at(locale));
  return userapi::to_json(report);
}

int match_locale(const std::string& requested) {
  const userapi::Locale locale = userapi::match_locale(requested);
  for (std::size_t i = 0; i < std::size(userapi::kAllLocales); ++i)
    if (userapi::kAllLocales[i] == locale) return static_cast<int>(i);
  return 0;
}

// [{"tag","language"}, ...] in the order of their indices.
std::string locales() {
  userapi::JsonWriter out;
  out.begin_array();
  for (userapi::Locale locale : userapi::kAllLocales)
    out.begin_object()
        .key("tag")
        .string(userapi::locale_tag(locale))
        .key("language")
        .string(userapi::locale_name(locale))
        .end_object();
  out.end_array();
  return std::move(out).take();
}

std::string catalog(int locale) { return userapi::catalog_json(locale_at(locale)); }

// {"valid","violations","request"?}: the request with the real token, for sending.
std::string build(std::uintptr_t ptr, std::size_t len, const std::string& base_url, const std::string& token,
                  bool force, int locale) {
  const auto result = localized(force ? userapi::build_request_forced(bytes(ptr, len), base_url, token)
                                      : userapi::build_request(bytes(ptr, len), base_url, token),
                                locale);
  return userapi::to_json(result, {userapi::TokenMode::Kind::show, {}});
}

// The request arrives as its parts, its headers as the module has them: [[name, value], ...].
// {text} or, for a language or token mode the core does not know, {error} with the core's reason.
emscripten::val snippet(const std::string& method, const std::string& url, const emscripten::val& headers,
                        const std::string& body, const std::string& language, const std::string& token_mode) {
  userapi::Request request{method, url, {}, body};
  const auto count = headers["length"].as<std::size_t>();
  for (std::size_t i = 0; i < count; ++i)
    request.headers.push_back({headers[i][0].as<std::string>(), headers[i][1].as<std::string>()});
  const userapi::SnippetResult result = userapi::render_snippet(request, language, token_mode);
  emscripten::val out = emscripten::val::object();
  if (result.error.empty())
    out.set("text", result.text);
  else
    out.set("error", result.error);
  return out;
}

std::string check_response(int status, std::uintptr_t ptr, std::size_t len, bool has_sent,
                           const std::string& sent, int locale) {
  return userapi::to_json(
      localized(userapi::check_response(status, bytes(ptr, len),
                                        has_sent ? std::optional<std::string_view>(sent) : std::nullopt),
                locale));
}

// Bytes of the wasm heap in use by malloc: lets tests prove repeated calls do not leak.
std::size_t heap_in_use() { return mallinfo().uordblks; }

}  // namespace

// Whether the bytes hold EF BF BD (U+FFFD), which is what TextEncoder writes for a lone
// surrogate: only then does the wrapper pay for String.isWellFormed (slow on long two-byte
// strings in Node 20). Sixteen bytes at a time: 0xEF is rare even in CJK text.
bool has_replacement_char(const unsigned char* p, std::size_t n) {
  std::size_t i = 0;
  for (; i + 18 <= n; i += 16) {
    std::uint32_t ef = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p + i), wasm_i8x16_splat(-17)));
    for (; ef; ef &= ef - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(ef));
      if (p[at + 1] == 0xBF && p[at + 2] == 0xBD) return true;
    }
  }
  for (; i + 2 < n; ++i)
    if (p[i] == 0xEF && p[i + 1] == 0xBF && p[i + 2] == 0xBD) return true;
  return false;
}

// api.validate's path, the one run per keystroke, without Embind's string conversions (a copy
// into a new buffer, a JavaScript loop over its bytes, a free): the JSON stays here until the next
// call and the wrapper decodes it once, from the {address, length} pair this returns. (Copied in,
// so the buffer only grows: the heap stays put from call to call, which the leak test checks.)
// With `unless_replacement`, bytes holding U+FFFD are not checked: the answer is null and the
// wrapper decides whether they came from a lone surrogate (see has_replacement_char).
extern "C" EMSCRIPTEN_KEEPALIVE const std::uint32_t* userapi_validate(std::uintptr_t ptr, std::size_t len,
                                                                      bool unless_replacement, int locale) {
  static std::string json;
  static std::uint32_t view[2];
  if (unless_replacement && has_replacement_char(reinterpret_cast<const unsigned char*>(ptr), len))
    return nullptr;
  const std::string result = validate(ptr, len, locale);
  json.assign(result.data(), result.size());
  view[0] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(json.data()));
  view[1] = static_cast<std::uint32_t>(json.size());
  return view;
}

EMSCRIPTEN_BINDINGS(userapi) {
  emscripten::function("validate", &validate);
  emscripten::function("build", &build);
  emscripten::function("snippet", &snippet);
  emscripten::function("checkResponse", &check_response);
  emscripten::function("contract", &userapi::contract::contract_json);
  emscripten::function("matchLocale", &match_locale);
  emscripten::function("locales", &locales);
  emscripten::function("catalog", &catalog);
  emscripten::function("heapInUse", &heap_in_use);
  emscripten::function(
      "version", +[]() { return std::string(USERAPI_VERSION); });
}
