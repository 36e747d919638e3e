// What a native service does with the installed core: validate a body and build the request.
// Exits 0 when the reference example is valid and a wrong body is refused with `required`.
#include <iostream>

#include "userapi/codes.h"
#include "userapi/request.h"
#include "userapi/validate.h"

int main() {
  const userapi::Report ok = userapi::validate_body(
      R"({"user_group_id": "example_1", "name": "Example 1", "mapping": {"40": "213"}})");
  const userapi::Report bad = userapi::validate_body(R"({"name": "no id"})");
  const userapi::BuildResult built =
      userapi::build_request(R"({"user_group_id": "a", "name": "b"})", "https://h/v2/", "t0k");
  const bool as_expected = ok.valid && !bad.valid && bad.violations.size() == 1 &&
                           userapi::code_id(bad.violations[0].code) == "required" && built.request &&
                           built.request->url == "https://h/v2/api/user";
  std::cout << (as_expected ? "userapi consumer: ok" : "userapi consumer: unexpected results") << "\n";
  return as_expected ? 0 : 1;
}
