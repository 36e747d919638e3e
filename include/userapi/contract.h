// The Update User contract's constants, written once. The core's rules, the module's types, the
// JSON Schema, the OpenAPI document and docs/contract.md all read them (the docs through
// contract_json(), checked by `scripts/contract-docs --check` in the test command).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

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

// ---- The answers of the endpoint (documented in OpenAPI and the playground; given by the sandbox) ----
struct ResponseInfo {
  int status;
  std::string_view description;
  /// An example body, compact JSON; "" for 422, whose example contract_json() writes with the core.
  std::string_view example;
};

inline constexpr ResponseInfo kResponses[] = {
    {200, "The update is stored; the answer is the user group as it is now.",
     R"({"success":1,"user_group":{"team_id":113,"token":"<user_group_token_to_auth_dashboard>","name":"ok",)"
     R"("provided_id":"6"}})"},
    {401, "The Authorization header is missing or its token is wrong.",
     R"({"success":0,"error":{"code":"unauthorized","message":"Send Authorization: Token <token>."}})"},
    {404, "No user group has this user_group_id.",
     R"({"success":0,"error":{"code":"not_found","message":"No user group has user_group_id \"nope\"."}})"},
    {413, "The body is larger than the limit of bytes (json.too_large).",
     R"({"success":0,"error":{"code":"payload_too_large","message":"The body is larger than 1048576 bytes."}})"},
    {415, "Content-Type is not application/json (parameters such as charset are allowed).",
     R"({"success":0,"error":{"code":"unsupported_media_type","message":"Send the body as Content-Type: )"
     R"(application/json."}})"},
    {422, "The body breaks the contract; violations lists every violation, sorted, as the core reports them.",
     ""},
    {500, "The update could not be stored; nothing changed.",
     R"({"success":0,"error":{"code":"store_failed","message":"The sandbox could not store the update: )"
     R"(database is locked"}})"},
};

/// Everything above, plus every code (id, severity, message template, when it fires) and the
/// snippet languages, and for each body member the rules and codes that apply to it, as one JSON
/// object: what the module exposes as `api.contract` and the
/// docs generator reads.
std::string contract_json();

}  // namespace userapi::contract
