#include <ostream>

#include "detail/code_table.h"

namespace userapi {
namespace detail {
namespace {

constexpr CodeInfo kCodes[] = {
#define USERAPI_CODE_INFO(name, id, severity, location, example, when, message) \
  {id, Severity::severity, Location::location, example, when, message},
    USERAPI_CODES(USERAPI_CODE_INFO)
#undef USERAPI_CODE_INFO
};

}  // namespace

const CodeInfo& code_info(Code code) { return kCodes[static_cast<int>(code)]; }

}  // namespace detail

std::string_view code_id(Code code) { return detail::code_info(code).id; }

std::ostream& operator<<(std::ostream& out, Code code) { return out << code_id(code); }

std::string_view to_string(Location location) {
  switch (location) {
    case Location::base_url: return "base_url";
    case Location::body: return "body";
    case Location::file: return "file";
    case Location::response: return "response";
    case Location::token: return "token";
  }
  return "body";
}

std::string_view to_string(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

}  // namespace userapi
