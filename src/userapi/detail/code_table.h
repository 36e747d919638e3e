// What the core knows about each code (the rows of USERAPI_CODES), for the report builder and
// contract_json().
#pragma once

#include <string_view>

#include "userapi/violation.h"

namespace userapi::detail {

struct CodeInfo {
  std::string_view id;
  Severity severity;
  Location example_location;
  std::string_view example;  ///< "" when the code has no short example
  std::string_view when;
  std::string_view message;  ///< template, see codes.h
};

const CodeInfo& code_info(Code code);

}  // namespace userapi::detail
