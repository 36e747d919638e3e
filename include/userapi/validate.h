// Checking an Update User request body (PUT /api/user) against the contract.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "userapi/contract.h"
#include "userapi/violation.h"

namespace userapi {

/// Checks a request body, given as the exact text that would be sent.
///
/// Returns every violation of the contract's body rules, sorted, with positions in `text`.
/// A document-level problem (too large, bad UTF-8, not JSON, too deep, duplicate keys) is
/// reported alone. Never throws; any byte sequence is a valid input.
///
///   validate_body(R"({"userGroupId":"x"})")
///   -> invalid: unknown_field at /userGroupId (suggestion "user_group_id"),
///               required at /user_group_id
Report validate_body(std::string_view text);

/// The members of a body, as a server applying the update needs them.
struct BodyMembers {
  std::string user_group_id;
  std::optional<std::string> name;
  std::optional<std::string> mapping_json;     ///< compact JSON, numbers as spelled
  std::optional<std::string> properties_json;  ///< compact JSON, numbers as spelled
};

struct ParsedBody {
  Report report;                       ///< the same report validate_body gives
  std::optional<BodyMembers> members;  ///< present when the report is valid
};

/// validate_body plus the members of a valid body.
///
///   parse_body(R"({"user_group_id":"a","mapping":{"40": 213}})")
///   -> valid (one mapping.numeric_value warning), members {"a", -, {"40":213}, -}
ParsedBody parse_body(std::string_view text);

}  // namespace userapi
