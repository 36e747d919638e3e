// Minimal JSON string escaping, the same as JavaScript's JSON.stringify: `"`, `\` and control
// characters U+0000..U+001F are escaped (\b \f \n \r \t or \u00xx); everything else, `/` and
// non-ASCII included, is copied as is.
#pragma once

#include <string>
#include <string_view>

namespace userapi::detail {

void append_json_string(std::string& out, std::string_view value);

/// RFC 6901: `~` -> `~0`, `/` -> `~1`, appended after a `/`.
void append_pointer_token(std::string& pointer, std::string_view token);

}  // namespace userapi::detail
