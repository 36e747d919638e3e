// Message templates (codes.h explains their syntax) rendered from a violation's params.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "userapi/locale.h"

namespace userapi::detail {

/// Expands {name} from params and {$name} from the contract; a [part] is dropped when a param
/// it names is missing. Outside English, a `reason`, `actual` or `expected` param that is one of
/// the core's phrases is written in `locale` too.
std::string render(std::string_view tmpl, const std::vector<Param>& params, Locale locale);

/// An English phrase (phrases.h) in `locale`; any other text is returned as it is.
std::string translate_phrase(std::string_view english, Locale locale);

}  // namespace userapi::detail
