// The Update User contract's constants, written once. The core's rules, the module's types, the
// JSON Schema, the OpenAPI document and docs/contract.md all read them (the docs through
// contract_json(), checked by `scripts/contract-docs --check` in the test command).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace userapi {
class JsonWriter;
}

namespace userapi::contract {

// ---- The endpoint ----
inline constexpr std::string_view kMethod = "PUT";
inline constexpr std::string_view kPath = "/api/user";
/// The production API, used when no base URL is given.
inline constexpr std::string_view kDefaultBaseUrl = "https://api.mintlify.com";
inline constexpr std::string_view kContentType = "application/json";
/// `Authorization: Token <token>`: the scheme word, one space, then the token.
inline constexpr std::string_view kAuthHeader = "Authorization";
inline constexpr std::string_view kAuthScheme = "Token";
inline constexpr std::string_view kAuthPrefix = "Token ";
/// What a redacted token is shown as (the reference page's placeholder).
inline constexpr std::string_view kRedactedToken = "<token>";

// ---- Limits ----
inline constexpr std::size_t kMaxBytes = 1048576;      ///< body or response text; json.too_large
inline constexpr std::size_t kMaxDepth = 32;           ///< nesting, top-level value = 1; json.depth
inline constexpr std::size_t kMaxStringLength = 255;   ///< code points; string.max_len
inline constexpr std::size_t kMaxEntries = 1000;       ///< mapping / properties; object.max_entries
inline constexpr std::size_t kMaxSchemaIdDigits = 18;  ///< mapping keys; mapping.key_format
inline constexpr std::size_t kMaxTokenLength = 4096;   ///< bytes; token.format

// ---- Sending (the CLI, the module and the page read these) ----
inline constexpr int kDefaultConcurrency = 4;           ///< batch rows in flight at once, by default
inline constexpr int kMaxConcurrency = 64;              ///< and at most
inline constexpr std::uint32_t kSendTimeoutMs = 30000;  ///< per request, by default
/// The playground's timeout field starts here: a person waiting at a page gives up sooner.
inline constexpr std::uint32_t kPlaygroundTimeoutMs = 10000;

// ---- Members of the body ----
enum class BodyMember { user_group_id, name, mapping, properties };

struct MemberInfo {
  std::string_view name;
  std::string_view type;  ///< JSON type: "string" or "object"
  bool required;
  std::string_view description;  ///< from the reference page
  /// For objects: what a key and a value are, and the values' type ("string" or "any" JSON).
  std::string_view entry_key = {}, entry_value = {}, entry_type = {};
};

/// In the order of BodyMember.
inline constexpr MemberInfo kBodyMembers[] = {
    {"user_group_id", "string", true, "This is the ID you use to identify this user group in your database."},
    {"name", "string", false, "This is the name of the user group."},
    {"mapping", "object", false,
     "This is a JSON mapping of schema id to either the data source that this user group should be "
     "associated with or id of the datasource you provided when creating it.",
     "Schema id", "Data source id", "string"},
    {"properties", "object", false,
     "This is a JSON object for properties assigned to this user group. These will be accessible through "
     "variables in the dashboards and SQL editor.",
     "Name", "Value", "any"},
};

constexpr std::string_view member_name(BodyMember member) { return kBodyMembers[int(member)].name; }

/// The reference page's example body, compact JSON: examples/, the JSON Schema's and OpenAPI's
/// examples and the code samples are written from it (through contract_json()).
inline constexpr std::string_view kReferenceBody =
    R"({"user_group_id":"example_1","name":"Example 1","mapping":{"40":"213","134":"386"},)"
    R"("properties":{"filterValue":"value"}})";

// ---- Members of a response ----
namespace response {
inline constexpr std::string_view kSuccess = "success";
inline constexpr std::string_view kUserGroup = "user_group";
inline constexpr std::string_view kTeamId = "team_id";
inline constexpr std::string_view kToken = "token";
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kProvidedId = "provided_id";
inline constexpr std::string_view kProperties = "properties";
inline constexpr std::string_view kEnvironmentTag = "api_environment_tag";
inline constexpr std::string_view kEnvironmentTags[] = {"Customer", "Testing"};
inline constexpr std::string_view kMapping = "mapping";

/// A member of `user_group` in a success: check_response() reports a required one that is
/// missing (`required`) and one of another JSON type (type.integer, type.string, type.object).
struct GroupMember {
  std::string_view name;
  std::string_view type;  ///< "integer", "string" or "object"
  bool required;
  bool nullable;                      ///< null is accepted too
  std::size_t min_length = 0;         ///< for strings, in bytes; string.min_len
  std::string_view description = {};  ///< for the docs; "" when the name says it all
};

inline constexpr GroupMember kUserGroupMembers[] = {
    {kTeamId, "integer", true, false},
    {kToken, "string", true, false, 1,
     "The user group token that identifies who views an embedded dashboard."},
    {kName, "string", true, false},
    {kProvidedId, "string", true, false, 0, "The user_group_id of the request."},
    {kProperties, "object", false, true},
    {kEnvironmentTag, "string", false, true},  // one of kEnvironmentTags, else a warning
    {kMapping, "object", false, false, 0,
     "The stored mapping (the sandbox adds it; unknown members are allowed)."},
};
}  // namespace response

// ---- Error bodies: {"success":0,"error":{"code":...,"message":...}} ----
// Every error the sandbox answers with (`userapi serve`: its HTTP layer and its routes), once:
// the name it has in C++, the HTTP status, the stable `code` clients compare, and the message,
// where `{name}` is a fact the answer fills in (error_message). The OpenAPI document, the docs
// and the examples of kResponses read the same table (contract_json()'s "errors").
#define USERAPI_ERRORS(X)                                                                                    \
  /* The HTTP layer: a request it refuses before any route sees it (Connection: close). */                   \
  X(too_many_connections, 503, "too_many_connections",                                                       \
    "Too many connections from this address; close some and retry.")                                         \
  X(server_busy, 503, "server_busy",                                                                         \
    "The server holds as many request bodies as it may; retry in a second.")                                 \
  X(uri_too_long, 414, "uri_too_long", "The request line is over {limit} bytes.")                            \
  X(head_too_large, 431, "headers_too_large", "The request head is over {limit} bytes.")                     \
  X(header_line_too_long, 431, "headers_too_large", "A header line is over {limit} bytes.")                  \
  X(head_too_many_lines, 431, "headers_too_large", "The request has more than {limit} lines.")               \
  X(bare_lf, 400, "bad_request", "Lines of a request end in CRLF, not a bare LF.")                           \
  X(junk_before_method, 400, "bad_request",                                                                  \
    "A request must start with its method; nothing may come before it.")                                     \
  X(no_crlf, 400, "bad_request", "A line of the request head does not end in CRLF.")                         \
  X(bare_cr_lf_nul, 400, "bad_request", "A line of the request head holds a bare CR, LF or NUL.")            \
  X(obs_fold, 400, "bad_request",                                                                            \
    "A header line starts with white space (obs-fold); send each header on one line.")                       \
  X(no_colon, 400, "bad_request", "A header line has no colon.")                                             \
  X(bad_header_name, 400, "bad_request", "A header name is empty or holds a character a name may not have.") \
  X(control_in_header, 400, "bad_request", "A header value holds a control character.")                      \
  X(bad_content_length, 400, "bad_request", "Content-Length must be one decimal number.")                    \
  X(two_content_lengths, 400, "bad_request", "Send one Content-Length.")                                     \
  X(length_and_chunked, 400, "bad_request", "Send Content-Length or Transfer-Encoding, not both.")           \
  X(malformed_head, 400, "bad_request", "The request head is malformed: {reason}.")                          \
  X(unknown_method, 400, "bad_request", "The method is not one HTTP defines.")                               \
  X(host_count, 400, "bad_request", "Send exactly one Host header (RFC 9112 3.2).")                          \
  X(length_required, 411, "length_required", "Send the body with Content-Length, not chunked.")              \
  X(payload_too_large, 413, "payload_too_large", "The body is larger than {limit} bytes.")                   \
  /* The routes. */                                                                                          \
  X(encoded_separator, 400, "bad_request", "A path may not hold an encoded / or \\ (%2F, %5C).")             \
  X(no_such_file, 404, "not_found", "HTTP 404.")                                                             \
  X(no_sandbox_route, 404, "not_found", "No such sandbox route.")                                            \
  X(nothing_here, 404, "not_found", "There is nothing to {method} here.")                                    \
  X(method_not_allowed, 405, "method_not_allowed", "This route takes {allow}.")                              \
  X(unsupported_media_type, 415, "unsupported_media_type",                                                   \
    "Send the body as Content-Type: application/json.")                                                      \
  X(origin_not_allowed, 403, "origin_not_allowed",                                                           \
    "This origin may not call the sandbox; start it with --allow-origin {origin}.")                          \
  X(address_rate, 429, "rate_limited",                                                                       \
    "Too many requests from this address; retry after the seconds in Retry-After.")                          \
  X(token_rate, 429, "rate_limited",                                                                         \
    "Too many requests with this token; retry after the seconds in Retry-After.")                            \
  X(session_rate, 429, "rate_limited",                                                                       \
    "Too many new sessions from this network; retry after the seconds in Retry-After.")                      \
  X(unauthorized, 401, "unauthorized", "Send Authorization: Token <token>.")                                 \
  X(token_missing, 401, "unauthorized", "Send a token after \"Token \".")                                    \
  X(token_invalid, 401, "unauthorized", "The token is not valid for this server.")                           \
  X(session_expired, 401, "unauthorized",                                                                    \
    "This sandbox session has expired; create a new one with POST /sandbox/sessions.")                       \
  X(invalid_body, 422, "invalid_body", "The body breaks the contract; see violations.")                      \
  X(group_members, 422, "invalid_body",                                                                      \
    "POST /sandbox/user-groups takes user_group_id and name only; set mapping and properties with "          \
    "PUT /api/user.")                                                                                        \
  X(no_such_id, 404, "not_found", "No user group has user_group_id {user_group_id}.")                        \
  X(no_such_group, 404, "not_found", "No such user group.")                                                  \
  X(already_exists, 409, "already_exists",                                                                   \
    "A user group with user_group_id {user_group_id} exists already.")                                       \
  X(session_bytes, 413, "session_quota",                                                                     \
    "A sandbox session holds at most {bytes} bytes of stored user groups.")                                  \
  X(session_groups, 413, "session_quota",                                                                    \
    "A sandbox session holds at most {groups} user groups and {bytes} bytes of stored user groups.")         \
  X(network_sessions, 503, "session_quota",                                                                  \
    "Your network holds as many sessions as it may; use one of them or retry later.")                        \
  X(sessions_full, 503, "session_quota",                                                                     \
    "The sandbox holds as many sessions or as much data as it may; retry after the seconds in "              \
    "Retry-After.")                                                                                          \
  X(disk_budget, 507, "disk_budget", "The sandbox's storage is full; nothing was stored. Retry later.")      \
  X(update_failed, 500, "store_failed", "The sandbox could not store the update: {reason}")                  \
  X(create_failed, 500, "store_failed", "The sandbox could not store the group: {reason}")                   \
  X(session_failed, 500, "store_failed", "The sandbox could not make a session: {reason}")

enum class Error : unsigned char {
#define USERAPI_ERROR_ENUM(name, status, code, message) name,
  USERAPI_ERRORS(USERAPI_ERROR_ENUM)
#undef USERAPI_ERROR_ENUM
};

struct ErrorInfo {
  int status;
  std::string_view code;     ///< stable; several errors share one (`bad_request`, `not_found`, ...)
  std::string_view message;  ///< English; `{name}` is a fact, filled by error_message()
};

/// In the order of Error.
inline constexpr ErrorInfo kErrors[] = {
#define USERAPI_ERROR_INFO(name, status, code, message) {status, code, message},
    USERAPI_ERRORS(USERAPI_ERROR_INFO)
#undef USERAPI_ERROR_INFO
};

constexpr const ErrorInfo& error_info(Error error) { return kErrors[static_cast<int>(error)]; }

/// A fact of an error's message: `{name}` becomes `value`.
struct ErrorFact {
  std::string_view name;
  std::string_view value;
};

/// The message of `error` with its facts filled in; a `{name}` with no fact stays as it is.
std::string error_message(Error error, std::initializer_list<ErrorFact> facts = {});

/// {"success":0,"error":{"code":...,"message":...}}: the body of `error`, compact JSON.
std::string error_body(Error error, std::initializer_list<ErrorFact> facts = {});
/// The members of that body, written into an object `out` holds open, for an answer that adds
/// its own (the 422's violations).
void write_error_members(JsonWriter& out, Error error, std::initializer_list<ErrorFact> facts = {});

// ---- The answers of the endpoint (documented in OpenAPI and the playground; given by the sandbox) ----
struct ResponseInfo {
  int status;
  std::string_view description;
  /// The error whose body is the example (not for 200), and a fact its message shows besides
  /// `{limit}`, which is kMaxBytes.
  Error error;
  ErrorFact fact = {};
};

/// The example of a 200: the reference page's.
inline constexpr std::string_view kSuccessExample =
    R"({"success":1,"user_group":{"team_id":113,"token":"<user_group_token_to_auth_dashboard>","name":"ok",)"
    R"("provided_id":"6"}})";

inline constexpr ResponseInfo kResponses[] = {
    {200, "The update is stored; the answer is the user group as it is now.", Error::invalid_body},
    {401, "The Authorization header is missing or its token is wrong.", Error::unauthorized},
    {404, "No user group has this user_group_id.", Error::no_such_id, {"user_group_id", R"("nope")"}},
    {413, "The body is larger than the limit of bytes (json.too_large).", Error::payload_too_large},
    {415, "Content-Type is not application/json (parameters such as charset are allowed).",
     Error::unsupported_media_type},
    {422, "The body breaks the contract; violations lists every violation, sorted, as the core reports them.",
     Error::invalid_body},
    {500,
     "The update could not be stored; nothing changed.",
     Error::update_failed,
     {"reason", "database is locked"}},
};

/// Everything above, plus every code (id, severity, message template, when it fires) and the
/// snippet languages, and for each body member the rules and codes that apply to it, as one JSON
/// object: what the module exposes as `api.contract` and the
/// docs generator reads.
std::string contract_json();

}  // namespace userapi::contract
