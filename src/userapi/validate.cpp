#include "userapi/validate.h"

#include "detail/body_rules.h"
#include "detail/json_write.h"

namespace userapi {

Report validate_body(std::string_view text) {
  detail::ReportBuilder report(Location::body, text);
  detail::parse_and_check_body(text, report, false);
  return std::move(report).finish();
}

ParsedBody parse_body(std::string_view text) {
  detail::ReportBuilder builder(Location::body, text);
  const auto root = detail::parse_and_check_body(text, builder, true);
  ParsedBody parsed;
  parsed.report = std::move(builder).finish();
  if (!parsed.report.valid) return parsed;
  BodyMembers members;
  using contract::BodyMember;
  using contract::member_name;
  for (const detail::Member& m : root->members) {
    if (m.key == member_name(BodyMember::user_group_id)) {
      members.user_group_id = m.value.text;
    } else if (m.key == member_name(BodyMember::name)) {
      members.name = m.value.text;
    } else if (m.key == member_name(BodyMember::mapping)) {
      detail::write_compact(m.value, members.mapping_json.emplace());
    } else if (m.key == member_name(BodyMember::properties)) {
      detail::write_compact(m.value, members.properties_json.emplace());
    }
  }
  parsed.members = std::move(members);
  return parsed;
}

}  // namespace userapi
