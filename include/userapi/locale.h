// Messages in the user's language. Checks always write English; localize() re-renders each
// violation's message from the catalog of another language (i18n/<tag>.json, compiled into the
// core). Codes, paths, positions and params never change with the locale: only `message` does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/violation.h"

namespace userapi {

/// The languages the core has catalogs for. English is the default and the fallback.
enum class Locale : std::uint8_t { en, de, fr, es, pt_BR, ja, zh_Hans };

inline constexpr Locale kAllLocales[] = {Locale::en,    Locale::de, Locale::fr,     Locale::es,
                                         Locale::pt_BR, Locale::ja, Locale::zh_Hans};

/// The BCP 47 tag of a locale: "en", "de", "fr", "es", "pt-BR", "ja", "zh-Hans".
std::string_view locale_tag(Locale locale);

/// The language's own name ("Deutsch", "日本語"), for a language picker.
std::string_view locale_name(Locale locale);

/// The best catalog for what a user asked for, never an error (English when nothing matches).
/// Takes one tag ("de-AT", "pt", "zh-Hans-CN"), a POSIX locale ("de_AT.UTF-8", "C") or a list
/// in preference order ("fr-CH, fr;q=0.9, en;q=0.8", Accept-Language; q=0 excludes a tag).
/// A tag matches by its language subtag (BCP 47 lookup ends there, and each language has one
/// catalog): pt-PT gets Brazilian Portuguese, zh-TW and zh-Hant get Simplified Chinese.
Locale match_locale(std::string_view requested);

/// The message of `code` with `params`, in `locale` (what a violation's `message` holds).
std::string render_message(Code code, const std::vector<Param>& params, Locale locale);

/// Re-renders every message in `locale`; a no-op for English.
void localize(std::vector<Violation>& violations, Locale locale);
void localize(Report& report, Locale locale);

/// A catalog as JSON, for docs and translators: {"locale","language","codes":{id:template},
/// "phrases":{id:text}}; an entry a catalog lacks is given in English.
std::string catalog_json(Locale locale);

}  // namespace userapi
