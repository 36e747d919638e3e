// The texts the core puts into params that a message quotes (`reason`, `actual`, `expected`):
// each with a stable id and its English text exactly as the rules write it. A localised message
// finds a param's phrase by that English text (as gettext finds a msgid), so the rules keep
// writing plain English params, which never change with the locale, and a violation that comes
// back as JSON (a server's answer) is translated the same way. A {name} is one free part: a
// character, a number, or (for {reason}) another phrase.
#pragma once

#include <cstdint>
#include <string_view>

namespace userapi::detail {

// X(enumerator, "id", "English text")
#define USERAPI_PHRASES(X)                                                                                 \
  X(value_number, "value.number", "a number")                                                              \
  X(value_string, "value.string", "a string")                                                              \
  X(value_object, "value.object", "an object")                                                             \
  X(value_array, "value.array", "an array")                                                                \
  X(value_any, "value.any", "a value")                                                                     \
  X(expected_success, "expected.success", "0 or 1")                                                        \
  X(expected_environment_tag, "expected.environment_tag", "\"Customer\", \"Testing\", or null")            \
  X(utf8_overlong, "utf8.overlong", "overlong encoding")                                                   \
  X(utf8_continuation, "utf8.continuation", "unexpected continuation byte")                                \
  X(utf8_invalid_byte, "utf8.invalid_byte", "byte 0xF5..0xFF never appears in UTF-8")                      \
  X(utf8_truncated, "utf8.truncated", "truncated sequence")                                                \
  X(utf8_surrogate, "utf8.surrogate", "encoded surrogate (U+D800..U+DFFF)")                                \
  X(utf8_too_high, "utf8.too_high", "code point above U+10FFFF")                                           \
  X(json_lone_surrogate, "json.lone_surrogate", "a string holds an unpaired UTF-16 surrogate escape")      \
  X(json_bom, "json.bom", "a byte order mark (U+FEFF) is not allowed before the JSON text")                \
  X(json_nul, "json.nul", "a NUL byte is not allowed here")                                                \
  X(json_ends_in_string, "json.ends_in_string", "the text ends inside a string")                           \
  X(json_malformed_number, "json.malformed_number", "malformed number")                                    \
  X(json_empty, "json.empty", "the document is empty")                                                     \
  X(json_not_singular, "json.not_singular", "the document root must not be followed by other values")      \
  X(json_invalid_value, "json.invalid_value", "invalid value")                                             \
  X(json_missing_name, "json.missing_name", "missing a name for object member")                            \
  X(json_missing_colon, "json.missing_colon", "missing a colon after a name of object member")             \
  X(json_missing_comma_brace, "json.missing_comma_brace", "missing a comma or '}' after an object member") \
  X(json_missing_comma_bracket, "json.missing_comma_bracket",                                              \
    "missing a comma or ']' after an array element")                                                       \
  X(json_bad_hex, "json.bad_hex", "incorrect hex digit after \\u escape in string")                        \
  X(json_bad_surrogate_pair, "json.bad_surrogate_pair", "the surrogate pair in string is invalid")         \
  X(json_bad_escape, "json.bad_escape", "invalid escape character in string")                              \
  X(json_missing_quote, "json.missing_quote", "missing a closing quotation mark in string")                \
  X(json_bad_encoding, "json.bad_encoding", "invalid encoding in string")                                  \
  X(json_number_too_big, "json.number_too_big", "number too big to be stored in double")                   \
  X(json_missing_fraction, "json.missing_fraction", "miss fraction part in number")                        \
  X(json_missing_exponent, "json.missing_exponent", "miss exponent in number")                             \
  X(json_unspecific, "json.unspecific", "unspecific syntax error")                                         \
  X(url_empty, "url.empty", "it is empty")                                                                 \
  X(url_space, "url.space", "it holds a space or control character")                                       \
  X(url_non_ascii, "url.non_ascii",                                                                        \
    "it holds a non-ASCII character; percent-encode it, or use the punycode host name")                    \
  X(url_ipv6_close, "url.ipv6_close", "an IPv6 host needs its closing ]")                                  \
  X(url_ipv6_chars, "url.ipv6_chars", "an IPv6 host holds only hex digits, : and .")                       \
  X(url_ipv6_address, "url.ipv6_address", "the brackets must hold an IPv6 address such as [::1]")          \
  X(url_ipv6_port, "url.ipv6_port", "expected : and a port after the IPv6 host")                           \
  X(url_no_host, "url.no_host", "it has no host")                                                          \
  X(url_host_chars, "url.host_chars", "a host name holds only letters, digits, - and .")                   \
  X(url_port, "url.port", "the port must be a number from 1 to 65535")                                     \
  X(url_query, "url.query", "a query (?...) is not allowed")                                               \
  X(url_fragment, "url.fragment", "a fragment (#...) is not allowed")                                      \
  X(url_percent, "url.percent", "% must start a percent-encoded byte such as %20")                         \
  X(url_needless_percent, "url.needless_percent",                                                          \
    "write {char} instead of its percent-encoding; clients decode it before sending")                      \
  X(url_dot_segment, "url.dot_segment",                                                                    \
    "the path holds a . or .. segment, which clients resolve before sending")                              \
  X(url_path_char, "url.path_char", "the character {char} must be percent-encoded in a path")              \
  X(url_user_info, "url.user_info",                                                                        \
    "user info (user:password@) is not allowed; send credentials as the token")                            \
  X(url_no_scheme, "url.no_scheme", "it needs a scheme, as in https://api.example.com")                    \
  X(url_scheme, "url.scheme", "the scheme must be http or https")                                          \
  X(token_prefix, "token.prefix", "give the token alone; the word Token is added for you")                 \
  X(token_space, "token.space", "it holds a space")                                                        \
  X(token_control, "token.control", "it holds a control character such as a line break")                   \
  X(token_non_ascii, "token.non_ascii", "it holds a non-ASCII character")                                  \
  X(token_too_long, "token.too_long", "it is longer than {limit} characters")                              \
  X(response_provided_id, "response.provided_id", "provided_id differs from the user_group_id sent")       \
  X(response_name, "response.name", "name differs from the name sent")                                     \
  X(csv_not_utf8, "csv.not_utf8", "not UTF-8: {reason}")                                                   \
  X(csv_open_quote, "csv.open_quote", "a quoted field is not closed before the end of the file")           \
  X(csv_after_quote, "csv.after_quote", "text after a closing quote")

enum class Phrase : std::uint8_t {
#define USERAPI_PHRASE_ENUM(name, ...) name,
  USERAPI_PHRASES(USERAPI_PHRASE_ENUM)
#undef USERAPI_PHRASE_ENUM
};

struct PhraseInfo {
  std::string_view id;
  std::string_view english;
};

inline constexpr PhraseInfo kPhrases[] = {
#define USERAPI_PHRASE_INFO(name, id, english) {id, english},
    USERAPI_PHRASES(USERAPI_PHRASE_INFO)
#undef USERAPI_PHRASE_INFO
};

}  // namespace userapi::detail
