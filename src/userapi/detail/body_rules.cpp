#include "detail/body_rules.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "detail/json_escape.h"
#include "detail/text.h"
#include "userapi/contract.h"

namespace userapi::detail {
namespace {

using contract::BodyMember;
using contract::member_name;

Span value_span(const Node& n) { return Span{n.offset, n.end}; }
Span key_span(const Member& m) { return Span{m.key_offset, m.key_end}; }

std::string child(std::string_view parent, std::string_view key) {
  std::string path(parent);
  append_pointer_token(path, key);
  return path;
}

// The rules shared by user_group_id, name and every mapping value. Its path is `parent` plus
// `key`, written only when there is something to report (a valid body needs no paths).
void check_id_string(const Node& n, std::string_view parent, std::string_view key, ReportBuilder& report) {
  if (n.kind != Node::Kind::string) {
    report.add(Code::type_string, child(parent, key), value_span(n), {text_param("actual", describe(n))});
    return;
  }
  const std::size_t length = count_code_points(n.text);
  if (length == 0)
    report.add(Code::string_min_len, child(parent, key), value_span(n),
               {number_param("limit", 1), number_param("actual", 0)});
  if (length > contract::kMaxStringLength)
    report.add(Code::string_max_len, child(parent, key), value_span(n),
               {number_param("limit", contract::kMaxStringLength), number_param("actual", length)});
  if (is_blank(n.text)) report.add(Code::string_blank, child(parent, key), value_span(n));
  if (auto cc = find_control_char(n.text))
    report.add(Code::string_control_char, child(parent, key), value_span(n),
               {text_param("actual", code_point_name(cc->value)), number_param("index", cc->index)});
}

bool is_schema_id(std::string_view key) {
  if (key.empty() || key.size() > contract::kMaxSchemaIdDigits) return false;
  if (key[0] == '0') return key.size() == 1;
  return std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Spelled as digits only: 213 is, 213.0, 2.13e2 and -0 are not.
bool is_non_negative_integer(std::string_view number) {
  return !number.empty() &&
         std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Reports type.object / object.max_entries; returns false when `n` is not an object.
bool check_object(const Node& n, std::string_view path, ReportBuilder& report) {
  if (n.kind != Node::Kind::object) {
    report.add(Code::type_object, std::string(path), value_span(n), {text_param("actual", describe(n))});
    return false;
  }
  if (n.members.size() > contract::kMaxEntries)
    report.add(Code::object_max_entries, std::string(path), value_span(n),
               {number_param("limit", contract::kMaxEntries), number_param("actual", n.members.size())});
  return true;
}

void check_mapping(const Node& n, ReportBuilder& report) {
  const std::string path = child("", member_name(BodyMember::mapping));
  if (!check_object(n, path, report)) return;
  for (const Member& m : n.members) {
    if (!is_schema_id(m.key)) report.add(Code::mapping_key_format, child(path, m.key), key_span(m));
    if (m.value.kind == Node::Kind::number && is_non_negative_integer(m.value.text))
      report.add(Code::mapping_numeric_value, child(path, m.key), value_span(m.value),
                 {text_param("suggestion", m.value.text)});
    else
      check_id_string(m.value, path, m.key, report);
  }
}

void check_properties(const Node& n, ReportBuilder& report) {
  const std::string path = child("", member_name(BodyMember::properties));
  if (!check_object(n, path, report)) return;
  for (const Member& m : n.members) {
    const std::size_t length = count_code_points(m.key);
    if (length == 0 || length > contract::kMaxStringLength || find_control_char(m.key))
      report.add(Code::properties_key_format, child(path, m.key), key_span(m),
                 {number_param("limit", contract::kMaxStringLength), number_param("actual", length)});
  }
}

// Lower case, without `_`, `-` and spaces: "userGroupId" and "user-group-id" -> "usergroupid".
std::string normalize(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '_' && c != '-' && c != ' ')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

// The closest known top-level member to an unknown key, or "" when none is close.
std::string_view suggest_member(std::string_view unknown) {
  if (unknown.size() > 64) return {};  // far too long to be a typo; keeps the cost bounded
  const std::string candidate = normalize(unknown);
  std::string_view best;
  std::size_t best_distance = SIZE_MAX;
  for (const contract::MemberInfo& member : contract::kBodyMembers) {
    const std::string_view known = member.name;
    const std::string target = normalize(known);
    // Edits allowed grow with the name: "Name", "mappings", "property", "user_group".
    const std::size_t allowed = target.size() <= 4 ? 1 : target.size() <= 7 ? 2 : 3;
    const std::size_t d = edit_distance(candidate, target);
    if (d <= allowed && d < best_distance) {
      best = known;
      best_distance = d;
    }
  }
  return best;
}

void check_body(const Node& root, ReportBuilder& report) {
  if (root.kind != Node::Kind::object) {
    report.add(Code::type_object, "", value_span(root), {text_param("actual", describe(root))});
    return;
  }
  bool has_id = false, has_other = false;
  for (const Member& m : root.members) {
    const std::string_view key = m.key;
    if (key == member_name(BodyMember::user_group_id)) {
      has_id = true;
      check_id_string(m.value, "", key, report);
    } else if (key == member_name(BodyMember::name)) {
      has_other = true;
      check_id_string(m.value, "", key, report);
    } else if (key == member_name(BodyMember::mapping)) {
      has_other = true;
      check_mapping(m.value, report);
    } else if (key == member_name(BodyMember::properties)) {
      has_other = true;
      check_properties(m.value, report);
    } else {
      // An unknown member is most often a misspelt known one ("nmae"): its unknown_field says
      // so, and "nothing would change" would be a second, misleading, message.
      has_other = true;
      std::vector<Param> params;
      if (auto s = suggest_member(key); !s.empty())
        params.push_back(text_param("suggestion", std::string(s)));
      report.add(Code::unknown_field, child("", key), key_span(m), std::move(params));
    }
  }
  if (!has_id)
    report.add(Code::required, child("", member_name(BodyMember::user_group_id)), std::nullopt);
  else if (!has_other)
    report.add(Code::nothing_to_update, "", value_span(root));
}

}  // namespace

std::optional<Node> parse_and_check_body(std::string_view text, ReportBuilder& report, bool for_writing) {
  // Depth 2 holds the values of `mapping` (checked as strings; an object or array there is only
  // described) and of `properties` (never inspected), so nothing below it needs a node.
  Limits limits;
  limits.fold_depth = 2;
  limits.fold_text = for_writing;
  auto root = parse_json(text, report, limits);
  if (root) check_body(*root, report);
  return root;
}

}  // namespace userapi::detail
