#include "userapi/validate.h"

#include "detail/body_rules.h"
#include "detail/json_tree.h"

namespace userapi {

Report validate_body(std::string_view text) {
  detail::ReportBuilder report(Location::body, text);
  if (auto root = detail::parse_json(text, report, {BodyLimits::max_bytes, BodyLimits::max_depth}))
    detail::check_body(*root, report);
  return std::move(report).finish();
}

}  // namespace userapi
