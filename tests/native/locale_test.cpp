// The catalogs (i18n/*.json) and choosing one: every catalog has every code and phrase with the
// English placeholders, matching follows BCP 47 lookup, and a localised corpus differs from the
// English one only in its messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "detail/catalog.h"
#include "detail/code_table.h"
#include "detail/message.h"
#include "detail/phrases.h"
#include "userapi/batch.h"
#include "userapi/locale.h"
#include "userapi/request.h"
#include "userapi/response.h"
#include "userapi/validate.h"
#include "vectors.h"

namespace {

using userapi::Locale;

// The {name}s of a template, sorted, plus one "[]" per optional part.
std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') names.push_back("[]");
    if (text[i] != '{') continue;
    const auto close = text.find('}', i);
    names.push_back(std::string(text.substr(i, close == std::string_view::npos ? 1 : close - i + 1)));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<Locale> translated() {
  return {std::begin(userapi::kAllLocales) + 1, std::end(userapi::kAllLocales)};
}

TEST(Catalogs, EveryLocaleHasOneAndNoOther) {
  EXPECT_EQ(userapi::detail::kCatalogCount, std::size(userapi::kAllLocales) - 1);
  for (Locale locale : translated())
    EXPECT_NE(userapi::detail::find_catalog(locale), nullptr) << locale_tag(locale);
}

TEST(Catalogs, EveryCodeWithTheEnglishPlaceholders) {
  for (Locale locale : translated()) {
    const auto* catalog = userapi::detail::find_catalog(locale);
    ASSERT_NE(catalog, nullptr);
    EXPECT_EQ(catalog->code_count, std::size(userapi::kAllCodes))
        << catalog->tag << ": unknown or repeated codes";
    for (userapi::Code code : userapi::kAllCodes) {
      const auto text = userapi::detail::code_template(locale, code);
      ASSERT_TRUE(text) << catalog->tag << " has no message for " << code;
      EXPECT_EQ(placeholders(*text), placeholders(userapi::detail::code_info(code).message))
          << catalog->tag << " " << code << ": " << *text;
    }
  }
}

TEST(Catalogs, EveryPhraseWithTheEnglishPlaceholders) {
  for (Locale locale : translated()) {
    const auto* catalog = userapi::detail::find_catalog(locale);
    ASSERT_NE(catalog, nullptr);
    EXPECT_EQ(catalog->phrase_count, std::size(userapi::detail::kPhrases)) << catalog->tag;
    for (const auto& phrase : userapi::detail::kPhrases) {
      const auto text = userapi::detail::phrase_template(locale, phrase.id);
      ASSERT_TRUE(text) << catalog->tag << " has no phrase " << phrase.id;
      EXPECT_EQ(placeholders(*text), placeholders(phrase.english)) << catalog->tag << " " << phrase.id;
    }
  }
}

TEST(MatchLocale, LooksUpByLanguage) {
  const std::pair<const char*, Locale> cases[] = {
      {"de", Locale::de},
      {"de-AT", Locale::de},
      {"DE-at", Locale::de},
      {"fr-CA", Locale::fr},
      {"es-419", Locale::es},
      {"pt", Locale::pt_BR},
      {"pt-BR", Locale::pt_BR},
      {"pt-PT", Locale::pt_BR},
      {"ja", Locale::ja},
      {"ja-JP", Locale::ja},
      {"zh", Locale::zh_Hans},
      {"zh-CN", Locale::zh_Hans},
      {"zh-Hans", Locale::zh_Hans},
      {"zh-Hans-CN", Locale::zh_Hans},
      {"zh-TW", Locale::zh_Hans},
      {"de_AT.UTF-8", Locale::de},
      {"ja_JP.eucJP@x", Locale::ja},
      {"en-GB", Locale::en},
      {"", Locale::en},
      {"C", Locale::en},
      {"C.UTF-8", Locale::en},
      {"POSIX", Locale::en},
      {"xx", Locale::en},
      {"klingon", Locale::en},
      {"*", Locale::en},
      {"de-", Locale::de},
      {";q=1", Locale::en},
  };
  for (const auto& [tag, locale] : cases) EXPECT_EQ(userapi::match_locale(tag), locale) << tag;
}

TEST(MatchLocale, TakesTheFirstSupportedOfAList) {
  EXPECT_EQ(userapi::match_locale("xx, fr;q=0.8, de;q=0.9"), Locale::de);
  EXPECT_EQ(userapi::match_locale("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), Locale::fr);
  EXPECT_EQ(userapi::match_locale("en-US,ja;q=0.9"), Locale::en);
  EXPECT_EQ(userapi::match_locale("ja;q=0, de"), Locale::de);
  EXPECT_EQ(userapi::match_locale("it, nl"), Locale::en);
  EXPECT_EQ(userapi::match_locale("ja;q=abc"), Locale::ja);  // an unreadable q counts as 1
}

TEST(Localize, EnglishIsTheChecksOwnOutput) {
  userapi::Report report = userapi::validate_body(R"({"userGroupId":"x","mapping":{"01":7}})");
  const userapi::Report before = report;
  userapi::localize(report, Locale::en);
  ASSERT_EQ(report.violations.size(), before.violations.size());
  for (std::size_t i = 0; i < report.violations.size(); ++i) {
    EXPECT_EQ(report.violations[i].message, before.violations[i].message);
    EXPECT_EQ(userapi::render_message(report.violations[i].code, report.violations[i].params, Locale::en),
              before.violations[i].message);
  }
}

std::string first_message(userapi::Report report, Locale locale) {
  userapi::localize(report, locale);
  return report.violations.empty() ? "" : report.violations.front().message;
}

TEST(Localize, MessagesWithParamsAndPhrases) {
  EXPECT_EQ(first_message(userapi::validate_body(R"({"userGroupId":"x"})"), Locale::de),
            "Dieses Feld ist nicht Teil des Vertrags. Meinten Sie „user_group_id“?");
  EXPECT_EQ(first_message(userapi::validate_body(R"({"user_group_id":"a","xyz":1})"), Locale::de),
            "Dieses Feld ist nicht Teil des Vertrags.");
  EXPECT_EQ(first_message(userapi::validate_body("[]"), Locale::es),
            "Se esperaba un objeto, pero se encontró un array.");
  EXPECT_EQ(first_message(userapi::validate_body(R"({"user_group_id":null,"name":"a"})"), Locale::ja),
            "文字列が必要ですが、nullが指定されています。");
  EXPECT_EQ(first_message(userapi::check_token("abc def"), Locale::zh_Hans), "令牌无法使用：它包含空格。");
  EXPECT_EQ(first_message(userapi::check_base_url("https://h/%7E"), Locale::pt_BR),
            "A URL base não pode ser usada: escreva ~ em vez da sua codificação percentual; os clientes a "
            "decodificam antes de enviar.");
  EXPECT_EQ(
      first_message(userapi::check_base_url("https://h/a b"), Locale::fr),
      "L’URL de base n’est pas utilisable\u00a0: elle contient une espace ou un caractère de contrôle.");
  EXPECT_EQ(first_message(userapi::check_response(200, R"({"success":2})").report, Locale::ja),
            "値は0、1のいずれかでなければなりません。");
}

TEST(Localize, APhraseInsideAPhrase) {
  auto violations = userapi::batch::parse_csv("user_group_id\n\xC0\xAF\n").file_violations;
  userapi::localize(violations, Locale::de);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].message,
            "Die Datei ist kein gültiges CSV: kein UTF-8: überlange Kodierung (Zeile 2).");
}

TEST(Localize, UnknownTextStaysAsGiven) {
  const std::vector<userapi::Param> params = {{"reason", "a reason from a CSV tokeniser", false},
                                              {"line", "3", true}};
  EXPECT_EQ(userapi::render_message(userapi::Code::batch_csv_syntax, params, Locale::fr),
            "Le fichier n’est pas un CSV valide\u00a0: a reason from a CSV tokeniser (ligne 3).");
}

// Every param a message quotes that is English prose is one of the core's phrases: a localised
// message never shows it untranslated.
void expect_phrases_known(const std::vector<userapi::Violation>& violations, const std::string& name) {
  for (const auto& v : violations)
    for (const auto& p : v.params) {
      if (p.numeric || (p.name != "reason" && p.name != "actual" && p.name != "expected")) continue;
      if (p.value == "null" || p.value == "true" || p.value == "false" || p.value.rfind("U+", 0) == 0)
        continue;
      const bool known = userapi::detail::translate_phrase(p.value, Locale::de) != p.value;
      EXPECT_TRUE(known) << name << ": " << p.name << " \"" << p.value << "\" is not in detail/phrases.h";
    }
}

// The same report in another locale: everything but the messages identical.
void expect_only_messages_differ(userapi::Report report, const std::string& name) {
  for (Locale locale : translated()) {
    userapi::Report localized = report;
    userapi::localize(localized, locale);
    ASSERT_EQ(localized.violations.size(), report.violations.size());
    EXPECT_EQ(localized.valid, report.valid);
    for (std::size_t i = 0; i < report.violations.size(); ++i) {
      const auto &a = report.violations[i], &b = localized.violations[i];
      EXPECT_EQ(a.code, b.code);
      EXPECT_EQ(a.path, b.path);
      EXPECT_EQ(a.location, b.location);
      EXPECT_EQ(a.severity, b.severity);
      EXPECT_EQ(a.position.has_value(), b.position.has_value());
      if (a.position && b.position) {
        EXPECT_EQ(a.position->offset, b.position->offset);
        EXPECT_EQ(a.position->from, b.position->from);
        EXPECT_EQ(a.position->to, b.position->to);
      }
      EXPECT_EQ(a.params.size(), b.params.size());
      EXPECT_NE(a.message, b.message) << name << " " << locale_tag(locale) << " " << a.code;
    }
  }
  expect_phrases_known(report.violations, name);
}

TEST(LocalizedCorpus, BodiesDifferOnlyInMessages) {
  for (const auto& c : vectors::load_body_cases())
    expect_only_messages_differ(userapi::validate_body(c.body), c.name);
}

TEST(LocalizedCorpus, BuildsDifferOnlyInMessages) {
  for (const auto& c : vectors::load_build_cases())
    expect_only_messages_differ(
        userapi::build_request(c.body, c.base_url.value_or(std::string(userapi::contract::kDefaultBaseUrl)),
                               c.token)
            .report,
        c.name);
}

TEST(LocalizedCorpus, ResponsesDifferOnlyInMessages) {
  for (const auto& c : vectors::load_response_cases()) {
    const auto sent = c.sent_body ? std::optional<std::string_view>(*c.sent_body) : std::nullopt;
    expect_only_messages_differ(userapi::check_response(c.status, c.text, sent).report, c.name);
  }
}

TEST(CatalogJson, GivesEveryEntry) {
  const std::string json = userapi::catalog_json(Locale::ja);
  EXPECT_EQ(json.rfind(R"({"locale":"ja","language":"日本語","codes":{"json.too_large":)", 0), 0u) << json;
  EXPECT_NE(json.find(R"("url.empty":"空です")"), std::string::npos);
  EXPECT_EQ(userapi::catalog_json(Locale::en).rfind(R"({"locale":"en","language":"English",)", 0), 0u);
}

}  // namespace
