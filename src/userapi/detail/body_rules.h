// The body rules (contract section 2): parsing plus every member-level rule.
#pragma once

#include "detail/json_tree.h"
#include "detail/report_builder.h"

namespace userapi::detail {

/// Parses `text` and checks it: the whole of validate_body. Returns the tree when the text is
/// JSON (even if members break rules). Values below `mapping` and `properties` are folded (see
/// Limits::fold_depth); with `for_writing` they keep their compact JSON, so write_compact can
/// write the request body from the tree.
std::optional<Node> parse_and_check_body(std::string_view text, ReportBuilder& report, bool for_writing);

}  // namespace userapi::detail
