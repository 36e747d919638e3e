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

bool expect_string(const Node& n, const std::string& path, ReportBuilder& report) {
  if (n.kind == Node::Kind::string) return true;
  report.add(Code::type_string, path, span(n), {text_param("actual", detail::describe(n))});
  return false;
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

// team_id: an integer; token: a non-empty string.
void check_team_and_token(const Node& group, const std::string& base, ReportBuilder& report) {
  const std::string team_path = child(base, member::kTeamId), token_path = child(base, member::kToken);
  if (const Node* team = require(group, base, member::kTeamId, report);
      team && !(team->kind == Node::Kind::number && is_integer_spelling(team->text)))
    report.add(Code::type_integer, team_path, span(*team), {text_param("actual", detail::describe(*team))});
  if (const Node* token = require(group, base, member::kToken, report);
      token && expect_string(*token, token_path, report) && token->text.empty())
    report.add(Code::string_min_len, token_path, span(*token),
               {detail::number_param("limit", 1), detail::number_param("actual", 0)});
}

// properties: an object or null; api_environment_tag: one of the tags or null.
void check_optional_members(const Node& group, const std::string& base, ReportBuilder& report) {
  if (const Node* props = find(group, member::kProperties);
      props && props->kind != Node::Kind::object && props->kind != Node::Kind::null)
    report.add(Code::type_object, child(base, member::kProperties), span(*props),
               {text_param("actual", detail::describe(*props))});
  const std::string tag_path = child(base, member::kEnvironmentTag);
  if (const Node* tag = find(group, member::kEnvironmentTag); tag && tag->kind != Node::Kind::null) {
    if (expect_string(*tag, tag_path, report) && !is_environment_tag(tag->text)) {
      std::string expected;
      for (std::string_view t : member::kEnvironmentTags) expected += "\"" + std::string(t) + "\", ";
      report.add(Code::enum_value, tag_path, span(*tag), {text_param("expected", expected + "or null")},
                 Severity::warning);
    }
  }
}

void check_user_group(const Node& group, std::optional<std::string_view> sent_body, ReportBuilder& report) {
  const std::string base = child("", member::kUserGroup);
  if (group.kind != Node::Kind::object) {
    report.add(Code::type_object, base, span(group), {text_param("actual", detail::describe(group))});
    return;
  }
  check_team_and_token(group, base, report);
  const Node* name = require(group, base, member::kName, report);
  const Node* provided = require(group, base, member::kProvidedId, report);
  if (name) expect_string(*name, child(base, member::kName), report);
  if (provided) expect_string(*provided, child(base, member::kProvidedId), report);
  check_optional_members(group, base, report);
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
