#include "userapi/response.h"

#include <algorithm>

#include "detail/json_tree.h"
#include "detail/json_write.h"
#include "detail/report_builder.h"
#include "userapi/contract.h"
#include "userapi/json.h"

namespace userapi {
namespace {

using detail::Member;
using detail::Node;
using detail::ReportBuilder;
using detail::Span;
using detail::text_param;
namespace member = contract::response;
using contract::BodyMember;

const Node* find(const Node& object, std::string_view key) {
  for (const Member& m : object.members)
    if (m.key == key) return &m.value;
  return nullptr;
}

Span span(const Node& n) { return Span{n.offset, n.end}; }

bool is_integer_spelling(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A required member of `object`, or nothing after reporting `required`.
const Node* require(const Node& object, const std::string& parent, std::string_view key,
                    ReportBuilder& report) {
  const Node* n = find(object, key);
  if (!n) report.add(Code::required, parent + "/" + std::string(key), std::nullopt);
  return n;
}

// The user_group_id and name that were sent, when the sent body is readable.
struct Sent {
  std::optional<std::string> user_group_id, name;
};

Sent read_sent(std::string_view body) {
  Sent sent;
  ReportBuilder ignored(Location::body, body);
  const auto root = detail::parse_json(body, ignored);
  if (!root || root->kind != Node::Kind::object) return sent;
  const Node* id = find(*root, contract::member_name(BodyMember::user_group_id));
  if (id && id->kind == Node::Kind::string) sent.user_group_id = id->text;
  const Node* name = find(*root, contract::member_name(BodyMember::name));
  if (name && name->kind == Node::Kind::string) sent.name = name->text;
  return sent;
}

void check_mismatch(const Node& n, const std::string& path, const std::optional<std::string>& sent,
                    const char* what, ReportBuilder& report) {
  if (sent && n.kind == Node::Kind::string && n.text != *sent)
    report.add(Code::response_mismatch, path, span(n), {text_param("reason", what)});
}

std::string child(const std::string& parent, std::string_view key) { return parent + "/" + std::string(key); }

bool is_environment_tag(std::string_view text) {
  for (std::string_view tag : member::kEnvironmentTags)
    if (text == tag) return true;
  return false;
}

bool has_type(const Node& n, std::string_view type) {
  if (type == "integer") return n.kind == Node::Kind::number && is_integer_spelling(n.text);
  if (type == "string") return n.kind == Node::Kind::string;
  return n.kind == Node::Kind::object;
}

Code type_code(std::string_view type) {
  if (type == "integer") return Code::type_integer;
  return type == "string" ? Code::type_string : Code::type_object;
}

// One member of user_group as contract::response::kUserGroupMembers describes it. Returns the
// member when it is there with its type.
const Node* check_member(const Node& group, const std::string& base, const contract::response::GroupMember& m,
                         ReportBuilder& report) {
  const Node* n = m.required ? require(group, base, m.name, report) : find(group, m.name);
  if (!n || (m.nullable && n->kind == Node::Kind::null)) return nullptr;
  const std::string path = child(base, m.name);
  if (!has_type(*n, m.type)) {
    report.add(type_code(m.type), path, span(*n), {text_param("actual", detail::describe(*n))});
    return nullptr;
  }
  if (n->kind == Node::Kind::string && n->text.size() < m.min_length)
    report.add(Code::string_min_len, path, span(*n),
               {detail::number_param("limit", m.min_length), detail::number_param("actual", n->text.size())});
  return n;
}

// api_environment_tag: one of the tags (another string is a warning).
void check_environment_tag(const Node& tag, const std::string& path, ReportBuilder& report) {
  if (is_environment_tag(tag.text)) return;
  std::string expected;
  for (std::string_view t : member::kEnvironmentTags) expected += "\"" + std::string(t) + "\", ";
  report.add(Code::enum_value, path, span(tag), {text_param("expected", expected + "or null")},
             Severity::warning);
}

void check_user_group(const Node& group, std::optional<std::string_view> sent_body, ReportBuilder& report) {
  const std::string base = child("", member::kUserGroup);
  if (group.kind != Node::Kind::object) {
    report.add(Code::type_object, base, span(group), {text_param("actual", detail::describe(group))});
    return;
  }
  const Node *name = nullptr, *provided = nullptr;
  for (const contract::response::GroupMember& m : member::kUserGroupMembers) {
    const Node* n = check_member(group, base, m, report);
    if (m.name == member::kName) name = n;
    if (m.name == member::kProvidedId) provided = n;
    if (n && m.name == member::kEnvironmentTag) check_environment_tag(*n, child(base, m.name), report);
  }
  if (sent_body) {
    const Sent sent = read_sent(*sent_body);
    if (provided)
      check_mismatch(*provided, child(base, member::kProvidedId), sent.user_group_id,
                     "provided_id differs from the user_group_id sent", report);
    if (name)
      check_mismatch(*name, child(base, member::kName), sent.name, "name differs from the name sent", report);
  }
}

// The server's own explanation of a failure: "error" (a string, or an object with "message"),
// else "message"; and its "violations" array.
void pass_through(const Node& root, ResponseCheck& check) {
  const Node* error = find(root, "error");
  if (error && error->kind == Node::Kind::object) error = find(*error, "message");
  if (!error || error->kind != Node::Kind::string) error = find(root, "message");
  if (error && error->kind == Node::Kind::string) check.server_message = error->text;
  if (const Node* violations = find(root, "violations");
      violations && violations->kind == Node::Kind::array) {
    std::string json;
    detail::write_compact(*violations, json);
    check.server_violations_json = std::move(json);
  }
}

// success: 0 or 1; with 1, the user group. Returns true for a success of 1.
bool check_success(const Node& root, std::optional<std::string_view> sent_body, ReportBuilder& report) {
  const Node* success = require(root, "", member::kSuccess, report);
  if (!success) return false;
  const std::string path = child("", member::kSuccess);
  if (success->kind != Node::Kind::number) {
    report.add(Code::type_integer, path, span(*success), {text_param("actual", detail::describe(*success))});
  } else if (success->text != "0" && success->text != "1") {
    report.add(Code::enum_value, path, span(*success), {text_param("expected", "0 or 1")});
  } else if (success->text == "1") {
    if (const Node* group = require(root, "", member::kUserGroup, report))
      check_user_group(*group, sent_body, report);
    return true;
  }
  return false;
}

}  // namespace

ResponseCheck check_response(int status, std::string_view text, std::optional<std::string_view> sent_body) {
  ResponseCheck check;
  ReportBuilder report(Location::response, text);
  bool succeeded = false;
  const auto root = detail::parse_json(text, report);
  if (root && root->kind != Node::Kind::object) {
    report.add(Code::type_object, "", span(*root), {text_param("actual", detail::describe(*root))});
  } else if (root) {
    succeeded = check_success(*root, sent_body, report);
    pass_through(*root, check);
  }
  check.report = std::move(report).finish();
  check.outcome = status >= 200 && status <= 299 && succeeded ? Outcome::success : Outcome::failure;
  return check;
}

std::string to_json(const ResponseCheck& check) {
  JsonWriter out;
  out.begin_object();
  out.key("valid").boolean(check.report.valid);
  out.key("outcome").string(check.outcome == Outcome::success ? "success" : "failure");
  out.key("succeeded").boolean(check.succeeded());
  out.key("violations");
  write_json(out, check.report.violations);
  if (check.server_message || check.server_violations_json) {
    out.key("server").begin_object();
    if (check.server_message) out.key("message").string(*check.server_message);
    if (check.server_violations_json) out.key("violations").raw(*check.server_violations_json);
    out.end_object();
  }
  out.end_object();
  return std::move(out).take();
}

}  // namespace userapi
