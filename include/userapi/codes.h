// The stable violation codes of the Update User contract, written once.
//
// Each code has an id that never changes, a default severity, the location of its example, an
// example input that raises it (tests run every example through the core), one sentence on when
// it fires, and a message template. In the template {name} is replaced by the param of that
// name, {$limit_name} by the contract limit of that name (contract.h), and a [bracketed part] is
// kept only when every param it names is present. Tests compare ids, never messages.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string_view>

namespace userapi {

// X(enumerator, "id", severity, example location, "example input", "when it fires", "message")
// An example input of "" means the code has no short example (json.too_large needs 1 MiB).
#define USERAPI_CODES(X)                                                                                     \
  X(json_too_large, "json.too_large", error, body, "",                                                       \
    "The text is longer than the contract's limit of bytes.",                                                \
    "The text is {actual} bytes long; the limit is {limit} bytes.")                                          \
  X(json_encoding, "json.encoding", error, body, R"({"a":"\udc00"})",                                        \
    "The text is not strict UTF-8, or a string holds an escaped unpaired surrogate.",                        \
    "The text is not valid Unicode: {reason}.")                                                              \
  X(json_syntax, "json.syntax", error, body, R"({"user_group_id":"a",})",                                    \
    "The text is not one JSON value (RFC 8259): trailing commas, comments, single quotes, NaN, ...",         \
    "The text is not valid JSON: {reason}.")                                                                 \
  X(json_depth, "json.depth", error, body,                                                                   \
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",                                    \
    "Objects and arrays are nested deeper than the limit (the top-level value is level 1).",                 \
    "Values are nested deeper than {limit} levels.")                                                         \
  X(json_duplicate_key, "json.duplicate_key", error, body, R"({"user_group_id":"a","name":"b","name":"c"})", \
    "An object repeats a key (compared after unescaping); one violation per repeat.",                        \
    "This key already appears earlier in the same object.")                                                  \
  X(type_object, "type.object", error, body, R"({"user_group_id":"a","mapping":[]})",                        \
    "The body, mapping or properties (in a response: the response, user_group or its properties) is not an " \
    "object.",                                                                                               \
    "Expected an object, found {actual}.")                                                                   \
  X(type_string, "type.string", error, body, R"({"user_group_id":null,"name":"a"})",                         \
    "user_group_id, name or a mapping value (in a response: token, name, provided_id) is not a string.",     \
    "Expected a string, found {actual}.")                                                                    \
  X(type_integer, "type.integer", error, response, R"({"success":true})",                                    \
    "In a response, success is not a number or team_id is not an integer.",                                  \
    "Expected an integer, found {actual}.")                                                                  \
  X(required, "required", error, body, R"({"name":"a"})",                                                    \
    "A required member or input is missing: user_group_id, the token, or a member of a response.",           \
    "A value is required here.")                                                                             \
  X(unknown_field, "unknown_field", error, body, R"({"user_group_id":"a","userGroupId":"x"})",               \
    "The body has a top-level member the contract does not know (a close known name is suggested).",         \
    "This member is not part of the contract.[ Did you mean \"{suggestion}\"?]")                             \
  X(string_min_len, "string.min_len", error, body, R"({"user_group_id":"","name":"a"})",                     \
    "A string that must not be empty is empty.",                                                             \
    "The string is empty; it needs at least {limit} character.")                                             \
  X(string_max_len, "string.max_len", error, body, "", "A string is longer than the limit of code points.",  \
    "The string is {actual} characters long; the limit is {limit}.")                                         \
  X(string_blank, "string.blank", error, body, R"({"user_group_id":"a","name":" "})",                        \
    "A string holds only white space.", "The string holds only white space.")                                \
  X(string_control_char, "string.control_char", error, body, R"({"user_group_id":"a","name":"a\tb"})",       \
    "A string holds a control character U+0000..U+001F or U+007F (the first one is reported).",              \
    "The string holds a control character ({actual}) at character {index}.")                                 \
  X(object_max_entries, "object.max_entries", error, body, "",                                               \
    "mapping or properties has more entries than the limit.",                                                \
    "The object has {actual} entries; the limit is {limit}.")                                                \
  X(mapping_key_format, "mapping.key_format", error, body, R"({"user_group_id":"a","mapping":{"01":"x"}})",  \
    "A mapping key is not a schema id: 0, or decimal digits without a leading zero, up to the limit.",       \
    "A schema id must be 0 or a decimal number without leading zeros, at most {$max_schema_id_digits} "      \
    "digits.")                                                                                               \
  X(mapping_numeric_value, "mapping.numeric_value", warning, body,                                           \
    R"({"user_group_id":"a","mapping":{"5":213}})",                                                          \
    "A mapping value is a non-negative integer (213): accepted in place of the string \"213\".",             \
    "A numeric data source id is accepted, but the contract expects a string (\"{suggestion}\").")           \
  X(properties_key_format, "properties.key_format", error, body,                                             \
    R"({"user_group_id":"a","properties":{"":1}})",                                                          \
    "A properties key is empty, too long or holds a control character.",                                     \
    "A property name needs 1 to {limit} characters and no control characters.")                              \
  X(nothing_to_update, "nothing_to_update", warning, body, R"({"user_group_id":"a"})",                       \
    "user_group_id is the only member (an unknown member, likely a typo, stops it): nothing would change.",  \
    "Only user_group_id is given, so nothing would change.")                                                 \
  X(base_url_format, "base_url.format", error, base_url, "ftp://example.com",                                \
    "The base URL is not an absolute http(s) URL with a host, or has user info, a query or a fragment.",     \
    "The base URL is not usable: {reason}.")                                                                 \
  X(base_url_insecure, "base_url.insecure", warning, base_url, "http://example.com",                         \
    "The base URL is plain http to a host other than this machine.",                                         \
    "Plain http to a host other than this machine sends the token unencrypted.")                             \
  X(token_format, "token.format", error, token, "abc def",                                                   \
    "The token is too long, starts with Token or Bearer, or holds a byte outside visible ASCII.",            \
    "The token is not usable: {reason}.")                                                                    \
  X(enum_value, "enum.value", error, response, R"({"success":2})",                                           \
    "In a response, success is a number other than 0 or 1 (an error), or api_environment_tag is another "    \
    "string (a warning).",                                                                                   \
    "The value is not one of {expected}.")                                                                   \
  X(response_mismatch, "response.mismatch", warning, response, "",                                           \
    "The response's provided_id or name differs from what the request sent.",                                \
    "The response does not match the request that was sent: {reason}.")                                      \
  X(batch_csv_syntax, "batch.csv_syntax", error, file, "user_group_id\n\"a",                                 \
    "A batch file is not CSV (RFC 4180): a quote left open, text after a closing quote, ...",                \
    "The file is not valid CSV: {reason} (line {line}).")                                                    \
  X(batch_unknown_column, "batch.unknown_column", error, file, "user_group_id,plan\na,b",                    \
    "A CSV header cell is not user_group_id, name, mapping.<schema id> or properties.<key>.",                \
    "The column \"{column}\" is not part of the mapping.[ Did you mean \"{suggestion}\"?]")                  \
  X(batch_duplicate_column, "batch.duplicate_column", error, file, "user_group_id,name,name\na,b,c",         \
    "A CSV header names a column twice.", "The column \"{column}\" appears earlier in the header.")          \
  X(batch_missing_column, "batch.missing_column", error, file, "name\nx",                                    \
    "A CSV header has no user_group_id column.", "The header needs a user_group_id column.")                 \
  X(batch_cell_count, "batch.cell_count", error, file, "user_group_id,name\na",                              \
    "A CSV record has more or fewer cells than the header.",                                                 \
    "The row has {actual} cells; the header has {expected}.")                                                \
  X(batch_empty, "batch.empty", error, file, "user_group_id",                                                \
    "A batch file holds no rows (for CSV: no header, or no record after it).", "The file holds no rows.")    \
  X(batch_too_many_rows, "batch.too_many_rows", error, file, "",                                             \
    "A batch file holds more rows than the limit.", "The file holds more than {limit} rows.")

enum class Code : std::uint8_t {
#define USERAPI_CODE_ENUM(name, ...) name,
  USERAPI_CODES(USERAPI_CODE_ENUM)
#undef USERAPI_CODE_ENUM
};

/// Every code, in declaration order.
inline constexpr Code kAllCodes[] = {
#define USERAPI_CODE_LIST(name, ...) Code::name,
    USERAPI_CODES(USERAPI_CODE_LIST)
#undef USERAPI_CODE_LIST
};

/// The stable id of a code, e.g. "string.max_len".
std::string_view code_id(Code code);

/// GoogleTest and other printers show a code by its id.
std::ostream& operator<<(std::ostream& out, Code code);

}  // namespace userapi
