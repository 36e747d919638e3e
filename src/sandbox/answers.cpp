#include "answers.h"

#include "userapi/json.h"

namespace sandbox {
namespace {

using userapi::JsonWriter;

void write_error(JsonWriter& out, std::string_view code, std::string_view message) {
  out.key("success").number(0);
  out.key("error").begin_object().key("code").string(code).key("message").string(message).end_object();
}

// Stored mapping and properties are compact JSON the core wrote (BodyMembers), so they go out as is.
void write_group(JsonWriter& out, const UserGroup& g) {
  out.begin_object();
  out.key("team_id").number(std::int64_t{g.team_id});
  out.key("token").string(g.token);
  out.key("name").string(g.name);
  out.key("provided_id").string(g.provided_id);
  out.key("properties");
  if (g.properties_json)
    out.raw(*g.properties_json);
  else
    out.null();
  out.key("api_environment_tag");
  if (g.environment_tag)
    out.string(*g.environment_tag);
  else
    out.null();
  out.key("mapping").raw(g.mapping_json);
  out.end_object();
}

}  // namespace

std::string error_body(std::string_view code, std::string_view message) {
  JsonWriter out;
  out.begin_object();
  write_error(out, code, message);
  out.end_object();
  return std::move(out).take();
}

std::string invalid_body(const userapi::Report& report) {
  JsonWriter out;
  out.begin_object();
  write_error(out, "invalid_body", "The body breaks the contract; see violations.");
  out.key("violations");
  userapi::write_json(out, report.violations);
  out.end_object();
  return std::move(out).take();
}

std::string success_body(const UserGroup& group) {
  JsonWriter out;
  out.begin_object();
  out.key("success").number(1);
  out.key("user_group");
  write_group(out, group);
  out.end_object();
  return std::move(out).take();
}

std::string session_body(std::string_view token, std::string_view expires_at) {
  JsonWriter out;
  out.begin_object();
  out.key("token").string(token);
  out.key("expires_at").string(expires_at);
  out.end_object();
  return std::move(out).take();
}

std::string sessions_info_body(bool automatic, long long ttl_seconds) {
  JsonWriter out;
  out.begin_object();
  out.key("auto").boolean(automatic);
  out.key("ttl_seconds").number(std::int64_t{ttl_seconds});
  out.end_object();
  return std::move(out).take();
}

std::string group_body(const UserGroup& group) {
  JsonWriter out;
  out.begin_object();
  out.key("user_group");
  write_group(out, group);
  out.end_object();
  return std::move(out).take();
}

std::string groups_body(const std::vector<UserGroup>& groups) {
  JsonWriter out;
  out.begin_object();
  out.key("user_groups").begin_array();
  for (const UserGroup& g : groups) write_group(out, g);
  out.end_array();
  out.end_object();
  return std::move(out).take();
}

}  // namespace sandbox
