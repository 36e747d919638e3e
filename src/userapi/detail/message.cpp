#include "detail/message.h"

#include <optional>

#include "detail/catalog.h"
#include "detail/phrases.h"
#include "userapi/contract.h"

namespace userapi::detail {
namespace {

const Param* find_param(const std::vector<Param>& params, std::string_view name) {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

// {$name} in a message template: a limit of the contract, so no message restates one.
std::optional<std::size_t> contract_limit(std::string_view name) {
  if (name == "max_schema_id_digits") return contract::kMaxSchemaIdDigits;
  return std::nullopt;
}

// The params whose values are phrases of the core rather than data of the input.
bool is_phrase_param(std::string_view name) {
  return name == "reason" || name == "actual" || name == "expected";
}

std::string param_text(const Param& p, Locale locale) {
  if (locale == Locale::en || p.numeric || !is_phrase_param(p.name)) return p.value;
  return translate_phrase(p.value, locale);
}

// `text` against a phrase's English text with at most one {name}: the free part when it
// matches ("" for a phrase without one), else nothing.
std::optional<std::string_view> match_phrase(std::string_view english, std::string_view text,
                                             std::string_view& name) {
  const auto open = english.find('{');
  if (open == std::string_view::npos)
    return text == english ? std::optional<std::string_view>("") : std::nullopt;
  const auto close = english.find('}', open);
  const auto prefix = english.substr(0, open), suffix = english.substr(close + 1);
  if (text.size() <= prefix.size() + suffix.size() || text.substr(0, prefix.size()) != prefix ||
      text.substr(text.size() - suffix.size()) != suffix)
    return std::nullopt;
  name = english.substr(open + 1, close - open - 1);
  return text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
}

// A phrase's {name} replaced (phrases have no [optional] parts: "[::1]" is text there).
std::string substitute(std::string_view tmpl, std::string_view name, std::string_view value) {
  const std::string placeholder = "{" + std::string(name) + "}";
  std::string out(tmpl);
  if (const auto at = out.find(placeholder); at != std::string::npos)
    out.replace(at, placeholder.size(), value);
  return out;
}

}  // namespace

std::string translate_phrase(std::string_view english, Locale locale) {
  for (const PhraseInfo& phrase : kPhrases) {
    std::string_view name;
    const auto free_part = match_phrase(phrase.english, english, name);
    if (!free_part) continue;
    const auto localized = phrase_template(locale, phrase.id);
    if (!localized) return std::string(english);
    if (name.empty()) return std::string(*localized);
    // A {reason} inside a phrase is a phrase itself ("not UTF-8: overlong encoding").
    const std::string value =
        name == "reason" ? translate_phrase(*free_part, locale) : std::string(*free_part);
    return substitute(*localized, name, value);
  }
  return std::string(english);
}

std::string render(std::string_view tmpl, const std::vector<Param>& params, Locale locale) {
  std::string out, part;
  bool in_optional = false, optional_ok = true;
  std::string* target = &out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    const char c = tmpl[i];
    if (c == '[') {
      in_optional = true;
      optional_ok = true;
      part.clear();
      target = &part;
    } else if (c == ']' && in_optional) {
      if (optional_ok) out += part;
      in_optional = false;
      target = &out;
    } else if (c == '{') {
      const auto close = tmpl.find('}', i);
      const auto name = tmpl.substr(i + 1, close - i - 1);
      if (name.substr(0, 1) == "$") {
        const auto limit = contract_limit(name.substr(1));
        *target += limit ? std::to_string(*limit) : "?";
      } else if (const Param* p = find_param(params, name)) {
        *target += param_text(*p, locale);
      } else if (in_optional) {
        optional_ok = false;
      } else {
        *target += "?";
      }
      i = close;
    } else {
      target->push_back(c);
    }
  }
  return out;
}

}  // namespace userapi::detail
