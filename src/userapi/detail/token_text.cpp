#include "detail/token_text.h"

namespace userapi::detail {
namespace {

std::string plain(std::string_view text) { return std::string(text); }

std::string process_env(std::string_view prefix, std::string_view name) {
  return std::string(prefix) + "{{$processEnv " + std::string(name) + "}}";
}

}  // namespace

std::string header_code(const Header& header, const TokenMode& mode, const Syntax& syntax,
                        std::string_view lead) {
  const std::string text(lead);
  if (header.name != contract::kAuthHeader || mode.kind == TokenMode::Kind::show)
    return syntax.literal(text + header.value);
  const std::string prefix = text + std::string(contract::kAuthPrefix);
  if (mode.kind == TokenMode::Kind::env) return syntax.env_token(prefix, mode.env_name);
  return syntax.literal(prefix + std::string(contract::kRedactedToken));
}

std::string header_text(const Header& header, const TokenMode& mode) {
  return header_code(header, mode, Syntax{plain, process_env});
}

}  // namespace userapi::detail
