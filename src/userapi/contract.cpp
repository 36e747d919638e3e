#include "userapi/contract.h"

#include "detail/code_table.h"
#include "userapi/json.h"
#include "userapi/snippet.h"
#include "userapi/validate.h"

#include <string>
#include <vector>

namespace userapi::contract {
namespace {

// 1048576 -> "1,048,576", as the docs write numbers.
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

struct MemberDocs {
  std::vector<std::string> rules;
  std::vector<Code> codes;
};

// What each member must be, in words built from the limits, and the codes that report it.
MemberDocs member_docs(BodyMember member) {
  const std::string id_string = "A string of 1 to " + std::to_string(kMaxStringLength) +
                                " code points, not only white space, without control characters "
                                "(U+0000..U+001F, U+007F).";
  const std::vector<Code> string_codes = {Code::type_string, Code::string_min_len, Code::string_max_len,
                                          Code::string_blank, Code::string_control_char};
  const std::string entries = "An object of at most " + grouped(kMaxEntries) + " entries; null is not one.";
  switch (member) {
    case BodyMember::user_group_id: {
      MemberDocs d{{"Required.", id_string}, {Code::required}};
      d.codes.insert(d.codes.end(), string_codes.begin(), string_codes.end());
      return d;
    }
    case BodyMember::name: return {{"Optional.", id_string}, string_codes};
    case BodyMember::mapping: {
      MemberDocs d{{"Optional.", entries,
                    "Keys: schema ids, 0 or a decimal number without leading zeros, at most " +
                        std::to_string(kMaxSchemaIdDigits) + " digits.",
                    "Values: data source ids, with the rules of user_group_id; a non-negative integer "
                    "such as 213 is accepted, with a warning."},
                   {Code::type_object, Code::object_max_entries, Code::mapping_key_format,
                    Code::mapping_numeric_value}};
      d.codes.insert(d.codes.end(), string_codes.begin(), string_codes.end());
      return d;
    }
    case BodyMember::properties:
      return {{"Optional.", entries,
               "Keys: 1 to " + std::to_string(kMaxStringLength) + " code points, without control characters.",
               "Values: any JSON value, null included."},
              {Code::type_object, Code::object_max_entries, Code::properties_key_format}};
  }
  return {};
}

void write_limits(JsonWriter& out) {
  out.begin_object();
  out.key("maxBytes").number(std::uint64_t{kMaxBytes});
  out.key("maxDepth").number(std::uint64_t{kMaxDepth});
  out.key("maxStringLength").number(std::uint64_t{kMaxStringLength});
  out.key("maxEntries").number(std::uint64_t{kMaxEntries});
  out.key("maxSchemaIdDigits").number(std::uint64_t{kMaxSchemaIdDigits});
  out.key("maxTokenLength").number(std::uint64_t{kMaxTokenLength});
  out.key("defaultConcurrency").number(std::uint64_t{kDefaultConcurrency});
  out.key("maxConcurrency").number(std::uint64_t{kMaxConcurrency});
  out.key("sendTimeoutMs").number(std::uint64_t{kSendTimeoutMs});
  out.key("playgroundTimeoutMs").number(std::uint64_t{kPlaygroundTimeoutMs});
  out.end_object();
}

void write_members(JsonWriter& out) {
  out.begin_array();
  for (std::size_t i = 0; i < std::size(kBodyMembers); ++i) {
    const MemberInfo& m = kBodyMembers[i];
    const MemberDocs docs = member_docs(static_cast<BodyMember>(i));
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
    out.key("rules").begin_array();
    for (const std::string& rule : docs.rules) out.string(rule);
    out.end_array();
    out.key("codes").begin_array();
    for (Code code : docs.codes) out.string(code_id(code));
    out.end_array();
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

// [{"name","type","required","nullable","minLength"?,"description"?,"warnUnless"?}]: what check_response()
// holds a success's user_group to, for the docs' schema of it.
void write_group_members(JsonWriter& out) {
  out.begin_array();
  for (const response::GroupMember& m : response::kUserGroupMembers) {
    out.begin_object().key("name").string(m.name).key("type").string(m.type);
    out.key("required").boolean(m.required).key("nullable").boolean(m.nullable);
    if (m.min_length) out.key("minLength").number(std::uint64_t{m.min_length});
    if (!m.description.empty()) out.key("description").string(m.description);
    if (m.name == response::kEnvironmentTag) {
      out.key("warnUnless").begin_array();
      for (std::string_view tag : response::kEnvironmentTags) out.string(tag);
      out.end_array();
    }
    out.end_object();
  }
  out.end_array();
}

// 422's example is what the core reports for a typo, so it is always the core's current output.
void write_responses(JsonWriter& out) {
  const std::string limit = std::to_string(kMaxBytes);
  out.begin_array();
  for (const ResponseInfo& r : kResponses) {
    out.begin_object().key("status").number(r.status).key("description").string(r.description);
    out.key("example");
    if (r.status == 200) {
      out.raw(kSuccessExample);
    } else {
      out.begin_object();
      write_error_members(out, r.error, {r.fact, {"limit", limit}});
      if (r.error == Error::invalid_body) {
        out.key("violations");
        write_json(out, validate_body(R"({"userGroupId":"x"})").violations);
      }
      out.end_object();
    }
    out.end_object();
  }
  out.end_array();
}

void write_errors(JsonWriter& out) {
  out.begin_array();
  for (const ErrorInfo& e : kErrors) {
    out.begin_object().key("status").number(e.status).key("code").string(e.code);
    out.key("message").string(e.message).end_object();
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
  out.key("referenceBody").raw(kReferenceBody);
  out.key("responseMembers").begin_array();
  for (std::string_view name : {response::kSuccess, response::kUserGroup}) out.string(name);
  out.end_array();
  out.key("environmentTags").begin_array();
  for (std::string_view tag : response::kEnvironmentTags) out.string(tag);
  out.end_array();
  out.key("userGroupMembers");
  write_group_members(out);
  out.key("responses");
  write_responses(out);
  out.key("errors");
  write_errors(out);
  out.key("codes");
  write_codes(out);
  out.key("locations").begin_array();
  for (const Location location :
       {Location::base_url, Location::body, Location::file, Location::response, Location::token})
    out.string(to_string(location));
  out.end_array();
  out.key("languages").begin_array();
  for (const auto& language : kLanguages) out.string(language.name);
  out.end_array();
  out.key("languageLabels").begin_object();  // what the playground's tabs and x-codeSamples show
  for (const auto& language : kLanguages) out.key(language.name).string(language.label);
  out.end_object();
  out.end_object();
  return std::move(out).take();
}

std::string error_message(Error error, std::initializer_list<ErrorFact> facts) {
  std::string message(error_info(error).message);
  for (const ErrorFact& fact : facts) {
    if (fact.name.empty()) continue;
    const std::string field = "{" + std::string(fact.name) + "}";
    if (const auto at = message.find(field); at != std::string::npos)
      message.replace(at, field.size(), fact.value);
  }
  return message;
}

std::string error_body(Error error, std::initializer_list<ErrorFact> facts) {
  JsonWriter out;
  out.begin_object();
  write_error_members(out, error, facts);
  out.end_object();
  return std::move(out).take();
}

void write_error_members(JsonWriter& out, Error error, std::initializer_list<ErrorFact> facts) {
  out.key(response::kSuccess).number(0);
  out.key("error").begin_object().key("code").string(error_info(error).code);
  out.key("message").string(error_message(error, facts)).end_object();
}

}  // namespace userapi::contract
