#include "answers.h"

#include "userapi/json.h"

namespace sandbox {
namespace {

using userapi::JsonWriter;
namespace contract = userapi::contract;

// Stored mapping and properties are compact JSON the core wrote (BodyMembers), so they go out as is.
void write_group(JsonWriter& out, const UserGroup& g) {
  namespace member = contract::response;
  out.begin_object();
  out.key(member::kTeamId).number(std::int64_t{g.team_id});
  out.key(member::kToken).string(g.token);
  out.key(member::kName).string(g.name);
  out.key(member::kProvidedId).string(g.provided_id);
  out.key(member::kProperties);
  if (g.properties_json)
    out.raw(*g.properties_json);
  else
    out.null();
  out.key(member::kEnvironmentTag);
  if (g.environment_tag)
    out.string(*g.environment_tag);
  else
    out.null();
  out.key(contract::member_name(contract::BodyMember::mapping)).raw(g.mapping_json);
  out.end_object();
}

}  // namespace

void reply_error(Response& res, Error error, std::initializer_list<contract::ErrorFact> facts) {
  res.status = contract::error_info(error).status;
  res.set_content(contract::error_body(error, facts), contract::kContentType);
}

std::string invalid_body(const userapi::Report& report) {
  JsonWriter out;
  out.begin_object();
  contract::write_error_members(out, Error::invalid_body);
  out.key("violations");
  userapi::write_json(out, report.violations);
  out.end_object();
  return std::move(out).take();
}

std::string success_body(const UserGroup& group) {
  JsonWriter out;
  out.begin_object();
  out.key(contract::response::kSuccess).number(1);
  out.key(contract::response::kUserGroup);
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
  out.key(contract::response::kUserGroup);
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
