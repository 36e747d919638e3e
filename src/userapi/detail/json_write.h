// Writes a parsed tree back as compact JSON: the request body the contract asks for.
#pragma once

#include <string>

#include "detail/json_tree.h"

namespace userapi::detail {

/// No insignificant white space, members in input order, strings escaped minimally (as
/// JSON.stringify does) and numbers spelled exactly as in the input. The tree's depth is bounded
/// by the parser's limit, so the recursion is too. A folded container is written from its text,
/// so a tree parsed with Limits::fold_depth must have been parsed with Limits::fold_text.
void write_compact(const Node& node, std::string& out);

}  // namespace userapi::detail
