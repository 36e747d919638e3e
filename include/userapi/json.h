// The one JSON writer of userapi: every to_json of the core, the sandbox's answers and the
// WebAssembly binding's results are written with it, never by joining or cutting JSON text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace userapi {

/// Writes compact JSON in call order; commas and colons are placed for the caller. Strings are
/// escaped as JSON.stringify does, so native and WebAssembly output is byte-identical.
///
///   JsonWriter w;
///   w.begin_object().key("valid").boolean(true).key("n").number(3).end_object();
///   std::move(w).take()  ->  {"valid":true,"n":3}
class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& number(std::uint64_t value);
  JsonWriter& number(std::int64_t value);
  JsonWriter& number(int value) { return number(static_cast<std::int64_t>(value)); }
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  /// A value that is already compact JSON, written as is: a number as it was spelled, or a
  /// fragment the core wrote earlier (a stored `mapping`). The caller vouches that it is JSON.
  JsonWriter& raw(std::string_view json);

  std::string take() && { return std::move(out_); }

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void before_value();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

/// `value` as a JSON string literal, escaped as JSON.stringify does: json_quote("a\"b") is
/// "\"a\\\"b\"". `value` is taken as UTF-8 and copied byte for byte apart from the escapes.
std::string json_quote(std::string_view value);

}  // namespace userapi
