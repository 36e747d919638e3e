// The compiled catalogs: i18n/<tag>.json turned into tables by cmake/catalogs.cmake at build
// time (catalogs.cpp in the build tree). English is not among them: it is codes.h and phrases.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "userapi/locale.h"

namespace userapi::detail {

struct CatalogEntry {
  std::string_view key;  ///< a code id ("string.max_len") or a phrase id ("url.empty")
  std::string_view text;
};

struct Catalog {
  std::string_view tag;       ///< "pt-BR"
  std::string_view language;  ///< "Português (Brasil)"
  const CatalogEntry* codes;
  std::size_t code_count;
  const CatalogEntry* phrases;
  std::size_t phrase_count;
};

// Generated.
extern const Catalog kCatalogs[];
extern const std::size_t kCatalogCount;

/// The catalog of a locale; nullptr for English (and for a locale without a file).
const Catalog* find_catalog(Locale locale);

/// A code's message template in `locale`, or nothing when the catalog lacks it.
std::optional<std::string_view> code_template(Locale locale, Code code);

/// A phrase's text (by its id) in `locale`, or nothing when the catalog lacks it.
std::optional<std::string_view> phrase_template(Locale locale, std::string_view id);

}  // namespace userapi::detail
