// Shared by the libFuzzer targets and their regression replay: how a fuzz input is split into
// the arguments of one call, and the invariants every result must keep. A broken invariant
// prints what broke and aborts, which libFuzzer reports as a crash and ctest as a failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "userapi/violation.h"

namespace userapi_fuzz {

/// A valid base URL and token, for checks that need a request to be built.
inline constexpr std::string_view kBaseUrl = "https://api.example.com/v1";
inline constexpr std::string_view kToken = "tok_Fuzz0123456789";

// ---- Inputs -------------------------------------------------------------------------------------

/// fuzz_build: `body NUL base_url NUL token`, split at the last two NUL bytes (the body may hold
/// NULs, the base URL and the token cannot). With one NUL the token is kToken; with none the
/// base URL is kBaseUrl too.
struct BuildInput {
  std::string_view body, base_url, token;
};
BuildInput split_build_input(const std::uint8_t* data, std::size_t size);
std::string encode_build_input(std::string_view body, std::string_view base_url, std::string_view token);

/// fuzz_response: bytes 0-1 the status (100 + big-endian value % 500); byte 2 flags, bit 0 set:
/// a sent body follows as a 2-byte big-endian length and that many bytes; the rest is the
/// response text. Fewer than 3 bytes: status 200, the bytes are the text.
struct ResponseInput {
  int status = 200;
  std::optional<std::string_view> sent_body;
  std::string_view text;
};
ResponseInput split_response_input(const std::uint8_t* data, std::size_t size);
std::string encode_response_input(int status, std::string_view text,
                                  std::optional<std::string_view> sent_body);

// ---- Targets (each is one libFuzzer binary; the replay test links all three) -------------------

int fuzz_validate(const std::uint8_t* data, std::size_t size);
int fuzz_build(const std::uint8_t* data, std::size_t size);
int fuzz_response(const std::uint8_t* data, std::size_t size);

// ---- Invariants ---------------------------------------------------------------------------------

/// Names the input being run, for the message of a broken invariant (the replay test sets it).
void set_input_name(std::string_view name);

/// True when the environment variable USERAPI_FUZZ_KNOWN_BUGS (comma-separated ids) lists `id`:
/// lets a fuzzing session look past a reported, not yet fixed core bug. Unset: every check holds.
bool known_bug(std::string_view id);

/// Called by fail() before it aborts; the replay test installs one that throws, so one broken
/// input is one test failure and the others still run. libFuzzer binaries install none.
using FailureHandler = void (*)(const std::string& message);
void set_failure_handler(FailureHandler handler);

/// Prints "userapi fuzz invariant broken: <what>" (and `detail`) and aborts.
[[noreturn]] void fail(std::string_view what, std::string_view detail = {});

#define USERAPI_FUZZ_CHECK(cond, detail)                                                                 \
  do {                                                                                                   \
    if (!(cond)) ::userapi_fuzz::fail(#cond " (" __FILE__ ":" USERAPI_FUZZ_STR(__LINE__) ")", (detail)); \
  } while (0)
#define USERAPI_FUZZ_STR(x) USERAPI_FUZZ_STR2(x)
#define USERAPI_FUZZ_STR2(x) #x

/// The text each location's positions refer to; a location without input has none.
struct Inputs {
  std::optional<std::string_view> base_url, body, response, token;
};

/// Every report: `valid` iff no error; sorted by location, path, code (byte-wise), offset;
/// known codes with their fixed severity; paths are JSON Pointers; positions inside their input
/// with end >= offset, line and column >= 1 and equal to what the contract defines (also from/to);
/// a document-level violation alone; to_json is strict UTF-8 JSON.
void check_report(const userapi::Report& report, const Inputs& inputs);

/// The document-level decision for a JSON text (a body or a response), against a recognizer
/// written here: json.too_large iff above 1 MiB; json.encoding at the first ill-formed UTF-8
/// sequence; no json.syntax/json.depth for a well-formed text within 32 levels; else one of them,
/// json.syntax at the first byte that cannot continue a JSON text (the backslash of a bad escape,
/// the end of a text that ends early), json.depth at a container opened at level 33.
void check_document(const userapi::Report& report, std::string_view text, userapi::Location location);

/// The violations without positions and messages, one per line: for "equal up to positions".
std::string without_positions(const userapi::Report& report);

/// True when `text` parses as one JSON value (strict UTF-8, RapidJSON's default grammar).
bool is_json(std::string_view text);

}  // namespace userapi_fuzz
