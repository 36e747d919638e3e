#include "userapi/contract.h"

#include "detail/code_table.h"
#include "userapi/json.h"
#include "userapi/snippet.h"

namespace userapi::contract {
namespace {

void write_limits(JsonWriter& out) {
  out.begin_object();
  out.key("maxBytes").number(std::uint64_t{kMaxBytes});
  out.key("maxDepth").number(std::uint64_t{kMaxDepth});
  out.key("maxStringLength").number(std::uint64_t{kMaxStringLength});
  out.key("maxEntries").number(std::uint64_t{kMaxEntries});
  out.key("maxSchemaIdDigits").number(std::uint64_t{kMaxSchemaIdDigits});
  out.key("maxTokenLength").number(std::uint64_t{kMaxTokenLength});
  out.end_object();
}

void write_members(JsonWriter& out) {
  out.begin_array();
  for (const MemberInfo& m : kBodyMembers) {
    out.begin_object();
    out.key("name").string(m.name);
    out.key("type").string(m.type);
    out.key("required").boolean(m.required);
    out.key("description").string(m.description);
    if (!m.entry_type.empty()) {
      out.key("entries").begin_object();
      out.key("key").string(m.entry_key).key("value").string(m.entry_value).key("type").string(m.entry_type);
      out.end_object();
    }
    out.end_object();
  }
  out.end_array();
}

void write_codes(JsonWriter& out) {
  out.begin_array();
  for (Code code : kAllCodes) {
    const detail::CodeInfo& info = detail::code_info(code);
    out.begin_object();
    out.key("id").string(info.id);
    out.key("severity").string(to_string(info.severity));
    out.key("when").string(info.when);
    out.key("message").string(info.message);
    if (!info.example.empty()) {
      out.key("example").begin_object();
      out.key("location").string(to_string(info.example_location));
      out.key("input").string(info.example);
      out.end_object();
    }
    out.end_object();
  }
  out.end_array();
}

}  // namespace

std::string contract_json() {
  JsonWriter out;
  out.begin_object();
  out.key("method").string(kMethod);
  out.key("path").string(kPath);
  out.key("defaultBaseUrl").string(kDefaultBaseUrl);
  out.key("contentType").string(kContentType);
  out.key("auth").begin_object();
  out.key("header").string(kAuthHeader);
  out.key("scheme").string(kAuthScheme);
  out.key("redacted").string(kRedactedToken);
  out.end_object();
  out.key("limits");
  write_limits(out);
  out.key("members");
  write_members(out);
  out.key("responseMembers").begin_array();
  for (std::string_view name : {response::kSuccess, response::kUserGroup}) out.string(name);
  out.end_array();
  out.key("environmentTags").begin_array();
  for (std::string_view tag : response::kEnvironmentTags) out.string(tag);
  out.end_array();
  out.key("codes");
  write_codes(out);
  out.key("languages").begin_array();
  for (std::string_view name : kLanguageNames) out.string(name);
  out.end_array();
  out.end_object();
  return std::move(out).take();
}

}  // namespace userapi::contract
