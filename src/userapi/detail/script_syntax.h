// What the JavaScript and Python snippets share, whichever client they use: how a header value
// is written and the lines of a header object literal.
#pragma once

#include <string>
#include <string_view>

#include "detail/token_text.h"
#include "userapi/request.h"

namespace userapi::detail {

/// JSON string literals; the env token as `Token ${process.env.NAME}`.
extern const Syntax kJavaScript;
/// JSON string literals; the env token as "Token " + os.environ["NAME"].
extern const Syntax kPython;

/// `"Name": value,` lines of a JavaScript or Python object literal, each after `indent`.
std::string header_entries(const Request& r, const TokenMode& mode, const Syntax& syntax,
                           std::string_view indent);

/// Whether the request goes to an https:// URL.
bool is_https(const Request& r);

}  // namespace userapi::detail
