#include "userapi/validate.h"

#include "detail/body_rules.h"

namespace userapi {

Report validate_body(std::string_view text) {
  detail::ReportBuilder report(Location::body, text);
  detail::parse_and_check_body(text, report);
  return std::move(report).finish();
}

}  // namespace userapi
