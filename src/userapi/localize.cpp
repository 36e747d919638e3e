// Violations' messages in another language, and the catalogs as JSON.
#include <string>

#include "detail/catalog.h"
#include "detail/code_table.h"
#include "detail/message.h"
#include "detail/phrases.h"
#include "userapi/json.h"
#include "userapi/locale.h"

namespace userapi {

std::string render_message(Code code, const std::vector<Param>& params, Locale locale) {
  const auto localized = detail::code_template(locale, code);
  return detail::render(localized.value_or(detail::code_info(code).message), params,
                        localized ? locale : Locale::en);
}

void localize(std::vector<Violation>& violations, Locale locale) {
  if (locale == Locale::en) return;  // checks already wrote English
  for (Violation& v : violations) v.message = render_message(v.code, v.params, locale);
}

void localize(Report& report, Locale locale) { localize(report.violations, locale); }

std::string catalog_json(Locale locale) {
  JsonWriter out;
  out.begin_object();
  out.key("locale").string(locale_tag(locale));
  out.key("language").string(locale_name(locale));
  out.key("codes").begin_object();
  for (Code code : kAllCodes)
    out.key(code_id(code))
        .string(detail::code_template(locale, code).value_or(detail::code_info(code).message));
  out.end_object();
  out.key("phrases").begin_object();
  for (const detail::PhraseInfo& phrase : detail::kPhrases)
    out.key(phrase.id).string(detail::phrase_template(locale, phrase.id).value_or(phrase.english));
  out.end_object();
  out.end_object();
  return std::move(out).take();
}

}  // namespace userapi
