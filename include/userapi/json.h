// JSON text helpers for tools built on the core (the CLI, the sandbox server).
#pragma once

#include <string>
#include <string_view>

namespace userapi {

/// `value` as a JSON string literal, escaped as JSON.stringify does: json_quote("a\"b") is
/// "\"a\\\"b\"". `value` is taken as UTF-8 and copied byte for byte apart from the escapes.
std::string json_quote(std::string_view value);

}  // namespace userapi
