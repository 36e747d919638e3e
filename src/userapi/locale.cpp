// Choosing a catalog for what a user asked for.
#include "userapi/locale.h"

#include <algorithm>
#include <optional>

#include "detail/catalog.h"

namespace userapi {
namespace {

struct Wanted {
  std::string_view tag;
  double q;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "fr;q=0.8" -> {"fr", 0.8}; a q that cannot be read counts as 1, as if it were absent.
Wanted parse_item(std::string_view item) {
  const auto semicolon = item.find(';');
  Wanted wanted{trim(item.substr(0, semicolon)), 1.0};
  if (semicolon == std::string_view::npos) return wanted;
  std::string_view q = trim(item.substr(semicolon + 1));
  if (q.size() < 3 || (q[0] != 'q' && q[0] != 'Q') || q[1] != '=') return wanted;
  q.remove_prefix(2);
  double value = 0, scale = 1;
  bool fraction = false;
  for (char c : q) {
    if (c == '.' && !fraction) {
      fraction = true;
    } else if (c >= '0' && c <= '9') {
      if (fraction)
        value += (scale /= 10) * (c - '0');
      else
        value = value * 10 + (c - '0');
    } else {
      return wanted;
    }
  }
  wanted.q = value;
  return wanted;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The language subtag of a BCP 47 tag or a POSIX locale ("de_AT.UTF-8@euro" -> "de"), lower case.
std::string language_of(std::string_view tag) {
  std::string language;
  for (char c : tag) {
    if (c == '-' || c == '_' || c == '.' || c == '@') break;
    language.push_back(lower(c));
  }
  return language;
}

std::optional<Locale> lookup(std::string_view tag) {
  const std::string language = language_of(tag);
  // "C", "POSIX" and "*" state no language: the next preference decides.
  for (Locale locale : kAllLocales)
    if (language == language_of(locale_tag(locale))) return locale;
  return std::nullopt;
}

}  // namespace

std::string_view locale_tag(Locale locale) {
  switch (locale) {
    case Locale::en: return "en";
    case Locale::de: return "de";
    case Locale::fr: return "fr";
    case Locale::es: return "es";
    case Locale::pt_BR: return "pt-BR";
    case Locale::ja: return "ja";
    case Locale::zh_Hans: return "zh-Hans";
  }
  return "en";
}

std::string_view locale_name(Locale locale) {
  const detail::Catalog* catalog = detail::find_catalog(locale);
  return catalog ? catalog->language : "English";
}

Locale match_locale(std::string_view requested) {
  std::vector<Wanted> wanted;
  while (!requested.empty()) {
    const auto comma = requested.find(',');
    const Wanted item = parse_item(requested.substr(0, comma));
    if (!item.tag.empty() && item.q > 0) wanted.push_back(item);
    requested = comma == std::string_view::npos ? std::string_view() : requested.substr(comma + 1);
  }
  std::stable_sort(wanted.begin(), wanted.end(), [](const Wanted& a, const Wanted& b) { return a.q > b.q; });
  for (const Wanted& item : wanted)
    if (const auto locale = lookup(item.tag)) return *locale;
  return Locale::en;
}

}  // namespace userapi
