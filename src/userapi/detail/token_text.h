// How a header is written in a snippet or a printed request: once for every language, so the
// token modes (redact, env, show) are decided in one place.
#pragma once

#include <string>
#include <string_view>

#include "userapi/request.h"

namespace userapi::detail {

/// How one language writes a literal and a token read from the environment.
struct Syntax {
  std::string (*literal)(std::string_view text);
  /// `prefix` (e.g. "Token ") followed by the value of environment variable `name`.
  std::string (*env_token)(std::string_view prefix, std::string_view name);
};

/// The code for `lead` + the header's value: a literal, or for Authorization a literal with the
/// redaction placeholder or the language's read of the environment variable.
std::string header_code(const Header& header, const TokenMode& mode, const Syntax& syntax,
                        std::string_view lead = "");

/// The header's value as text (raw HTTP, printed requests): env mode writes VS Code REST
/// Client's {{$processEnv NAME}}, the nearest thing a raw message has to a variable.
std::string header_text(const Header& header, const TokenMode& mode);

}  // namespace userapi::detail
