#include "userapi/response.h"

#include <algorithm>

#include "detail/json_escape.h"
#include "detail/json_tree.h"
#include "detail/json_write.h"
#include "detail/report_builder.h"
#include "userapi/validate.h"

namespace userapi {
namespace {

using detail::Member;
using detail::Node;
using detail::ReportBuilder;
using detail::Span;
using detail::text_param;

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
  const auto root = detail::parse_json(body, ignored, {BodyLimits::max_bytes, BodyLimits::max_depth});
  if (!root || root->kind != Node::Kind::object) return sent;
  if (const Node* id = find(*root, "user_group_id"); id && id->kind == Node::Kind::string)
    sent.user_group_id = id->text;
  if (const Node* name = find(*root, "name"); name && name->kind == Node::Kind::string)
    sent.name = name->text;
  return sent;
}

void check_mismatch(const Node& n, const std::string& path, const std::optional<std::string>& sent,
                    const char* what, ReportBuilder& report) {
  if (sent && n.kind == Node::Kind::string && n.text != *sent)
    report.add(Code::response_mismatch, path, span(n), {text_param("reason", what)});
}

void check_user_group(const Node& group, std::optional<std::string_view> sent_body, ReportBuilder& report) {
  const std::string base = "/user_group";
  if (group.kind != Node::Kind::object) {
    report.add(Code::type_object, base, span(group), {text_param("actual", detail::describe(group))});
    return;
  }
  if (const Node* team = require(group, base, "team_id", report);
      team && !(team->kind == Node::Kind::number && is_integer_spelling(team->text)))
    report.add(Code::type_integer, base + "/team_id", span(*team),
               {text_param("actual", detail::describe(*team))});
  if (const Node* token = require(group, base, "token", report);
      token && expect_string(*token, base + "/token", report) && token->text.empty())
    report.add(Code::string_min_len, base + "/token", span(*token),
               {detail::number_param("limit", 1), detail::number_param("actual", 0)});
  const Node* name = require(group, base, "name", report);
  const Node* provided = require(group, base, "provided_id", report);
  if (name) expect_string(*name, base + "/name", report);
  if (provided) expect_string(*provided, base + "/provided_id", report);
  if (const Node* props = find(group, "properties");
      props && props->kind != Node::Kind::object && props->kind != Node::Kind::null)
    report.add(Code::type_object, base + "/properties", span(*props),
               {text_param("actual", detail::describe(*props))});
  if (const Node* tag = find(group, "api_environment_tag"); tag && tag->kind != Node::Kind::null) {
    if (expect_string(*tag, base + "/api_environment_tag", report) && tag->text != "Customer" &&
        tag->text != "Testing")
      report.add(Code::enum_value, base + "/api_environment_tag", span(*tag),
                 {text_param("expected", "\"Customer\", \"Testing\" or null")}, Severity::warning);
  }
  if (sent_body) {
    const Sent sent = read_sent(*sent_body);
    if (provided)
      check_mismatch(*provided, base + "/provided_id", sent.user_group_id,
                     "provided_id differs from the user_group_id sent", report);
    if (name) check_mismatch(*name, base + "/name", sent.name, "name differs from the name sent", report);
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

}  // namespace

ResponseCheck check_response(int status, std::string_view text, std::optional<std::string_view> sent_body) {
  ResponseCheck check;
  ReportBuilder report(Location::response, text);
  bool succeeded = false;
  const auto root = detail::parse_json(text, report, {BodyLimits::max_bytes, BodyLimits::max_depth});
  if (root && root->kind != Node::Kind::object) {
    report.add(Code::type_object, "", span(*root), {text_param("actual", detail::describe(*root))});
  } else if (root) {
    if (const Node* success = require(*root, "", "success", report)) {
      if (success->kind != Node::Kind::number)
        report.add(Code::type_integer, "/success", span(*success),
                   {text_param("actual", detail::describe(*success))});
      else if (success->text != "0" && success->text != "1")
        report.add(Code::enum_value, "/success", span(*success), {text_param("expected", "0 or 1")});
      else if (success->text == "1") {
        succeeded = true;
        if (const Node* group = require(*root, "", "user_group", report))
          check_user_group(*group, sent_body, report);
      }
    }
    pass_through(*root, check);
  }
  check.report = std::move(report).finish();
  check.outcome = status >= 200 && status <= 299 && succeeded ? Outcome::success : Outcome::failure;
  return check;
}

std::string to_json(const ResponseCheck& check) {
  std::string out = check.report.valid ? "{\"valid\":true" : "{\"valid\":false";
  out += check.outcome == Outcome::success ? ",\"outcome\":\"success\"" : ",\"outcome\":\"failure\"";
  out += ",\"violations\":[";
  for (std::size_t i = 0; i < check.report.violations.size(); ++i) {
    if (i) out.push_back(',');
    append_json(out, check.report.violations[i]);
  }
  out.push_back(']');
  if (check.server_message || check.server_violations_json) {
    out += ",\"server\":{";
    if (check.server_message) {
      out += "\"message\":";
      detail::append_json_string(out, *check.server_message);
    }
    if (check.server_violations_json)
      out += std::string(check.server_message ? "," : "") + "\"violations\":" + *check.server_violations_json;
    out.push_back('}');
  }
  out.push_back('}');
  return out;
}

}  // namespace userapi
