#include "detail/catalog.h"

namespace userapi::detail {
namespace {

std::optional<std::string_view> find_entry(const CatalogEntry* entries, std::size_t count,
                                           std::string_view key) {
  for (std::size_t i = 0; i < count; ++i)
    if (entries[i].key == key) return entries[i].text;
  return std::nullopt;
}

}  // namespace

const Catalog* find_catalog(Locale locale) {
  const std::string_view tag = locale_tag(locale);
  for (std::size_t i = 0; i < kCatalogCount; ++i)
    if (kCatalogs[i].tag == tag) return &kCatalogs[i];
  return nullptr;
}

std::optional<std::string_view> code_template(Locale locale, Code code) {
  const Catalog* catalog = find_catalog(locale);
  if (!catalog) return std::nullopt;
  return find_entry(catalog->codes, catalog->code_count, code_id(code));
}

std::optional<std::string_view> phrase_template(Locale locale, std::string_view id) {
  const Catalog* catalog = find_catalog(locale);
  if (!catalog) return std::nullopt;
  return find_entry(catalog->phrases, catalog->phrase_count, id);
}

}  // namespace userapi::detail
