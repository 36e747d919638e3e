// The stable violation codes of the Update User contract, written once.
//
// USERAPI_CODES lists each code with its id, default severity and message. The message is a
// template: {name} is replaced by the param of that name, and a [bracketed part] is kept only
// when every param it names is present. Tests compare ids, never messages.
#pragma once

#include <cstdint>
#include <string_view>

namespace userapi {

// X(enumerator, "id", default severity, "message template")
#define USERAPI_CODES(X)                                                                                     \
  X(json_too_large, "json.too_large", error, "The text is {actual} bytes long; the limit is {limit} bytes.") \
  X(json_encoding, "json.encoding", error, "The text is not valid Unicode: {reason}.")                       \
  X(json_syntax, "json.syntax", error, "The text is not valid JSON: {reason}.")                              \
  X(json_depth, "json.depth", error, "Values are nested deeper than {limit} levels.")                        \
  X(json_duplicate_key, "json.duplicate_key", error, "This key already appears earlier in the same object.") \
  X(type_object, "type.object", error, "Expected an object, found {actual}.")                                \
  X(type_string, "type.string", error, "Expected a string, found {actual}.")                                 \
  X(type_integer, "type.integer", error, "Expected an integer, found {actual}.")                             \
  X(required, "required", error, "A value is required here.")                                                \
  X(unknown_field, "unknown_field", error,                                                                   \
    "This member is not part of the contract.[ Did you mean \"{suggestion}\"?]")                             \
  X(string_min_len, "string.min_len", error, "The string is empty; it needs at least {limit} character.")    \
  X(string_max_len, "string.max_len", error,                                                                 \
    "The string is {actual} characters long; the limit is {limit}.")                                         \
  X(string_blank, "string.blank", error, "The string holds only white space.")                               \
  X(string_control_char, "string.control_char", error,                                                       \
    "The string holds a control character ({actual}) at character {index}.")                                 \
  X(object_max_entries, "object.max_entries", error,                                                         \
    "The object has {actual} entries; the limit is {limit}.")                                                \
  X(mapping_key_format, "mapping.key_format", error,                                                         \
    "A schema id must be 0 or a decimal number without leading zeros, at most 18 digits.")                   \
  X(mapping_numeric_value, "mapping.numeric_value", warning,                                                 \
    "A numeric data source id is accepted, but the contract expects a string (\"{suggestion}\").")           \
  X(properties_key_format, "properties.key_format", error,                                                   \
    "A property name needs 1 to {limit} characters and no control characters.")                              \
  X(nothing_to_update, "nothing_to_update", warning,                                                         \
    "Only user_group_id is given, so nothing would change.")                                                 \
  X(base_url_format, "base_url.format", error, "The base URL is not usable: {reason}.")                      \
  X(base_url_insecure, "base_url.insecure", warning,                                                         \
    "Plain http to a host other than this machine sends the token unencrypted.")                             \
  X(token_format, "token.format", error, "The token is not usable: {reason}.")                               \
  X(enum_value, "enum.value", error, "The value is not one of {expected}.")                                  \
  X(response_mismatch, "response.mismatch", warning,                                                         \
    "The response does not match the request that was sent: {reason}.")

enum class Code : std::uint8_t {
#define USERAPI_CODE_ENUM(name, id, severity, message) name,
  USERAPI_CODES(USERAPI_CODE_ENUM)
#undef USERAPI_CODE_ENUM
};

/// The stable id of a code, e.g. "string.max_len".
std::string_view code_id(Code code);

}  // namespace userapi
