// Checking a response of PUT /api/user against the contract (and against what was sent).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "userapi/violation.h"

namespace userapi {

enum class Outcome { success, failure };

struct ResponseCheck {
  Report report;  ///< violations at location `response`
  Outcome outcome = Outcome::failure;
  /// What the server said about a failure, for display: its message and, as compact JSON, its
  /// own violations array. Absent when the body carries none.
  std::optional<std::string> server_message;
  std::optional<std::string> server_violations_json;

  /// The one verdict every runtime shows and counts (single sends, history, batches, the CLI's
  /// exit status): the response follows the contract (no error) and its outcome is success.
  /// A 2xx with `"success": 1` that breaks the contract did not succeed.
  bool succeeded() const { return report.valid && outcome == Outcome::success; }
};

/// Checks a response. `sent_body` is the body of the request that was sent, when known: a
/// `provided_id` or `name` that differs from it is a response.mismatch warning.
///
/// The outcome is success only for a 2xx status with `"success": 1`. Never throws.
///
///   check_response(200, R"({"success":1,"user_group":{"team_id":1,"token":"t","name":"n",
///                  "provided_id":"p"}})", R"({"user_group_id":"q"})")
///   -> valid, success, response.mismatch warning at /user_group/provided_id
ResponseCheck check_response(int status, std::string_view text,
                             std::optional<std::string_view> sent_body = std::nullopt);

/// {"valid":...,"outcome":"success"|"failure","succeeded":...,"violations":[...]} plus, when
/// present, "server":{"message":...,"violations":[...]}. `succeeded` is `succeeded()`.
std::string to_json(const ResponseCheck& check);

}  // namespace userapi
