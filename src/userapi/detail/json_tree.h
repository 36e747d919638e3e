// A strict JSON parser for contract inputs: one RapidJSON SAX pass that builds a small tree
// keeping what the rules need and RapidJSON's DOM drops: the byte range of every key and value,
// the exact spelling of numbers, and the member order. Document-level problems (size, encoding,
// syntax, depth, duplicate keys) come back as violations instead of a tree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detail/report_builder.h"
#include "userapi/contract.h"

namespace userapi::detail {

struct Member;

struct Node {
  enum class Kind : std::uint8_t { null, boolean, number, string, object, array };
  Kind kind = Kind::null;
  bool boolean = false;
  /// An object or array at Limits::fold_depth: it has no members or items in the tree; `text`
  /// holds its compact JSON instead when the parse kept it (Limits::fold_text).
  bool folded = false;
  std::uint32_t offset = 0;     ///< first byte of the value in the input
  std::uint32_t end = 0;        ///< one past its last byte
  std::string text;             ///< string: decoded UTF-8; number: the input's exact spelling
  std::vector<Member> members;  ///< object members, in input order
  std::vector<Node> items;      ///< array elements
};

struct Member {
  std::string key;  ///< decoded UTF-8
  std::uint32_t key_offset = 0;
  std::uint32_t key_end = 0;
  Node value;
};

/// "a string", "an object", "null", ...: for messages.
const char* describe(const Node& node);

struct Limits {
  std::size_t max_bytes = contract::kMaxBytes;
  std::size_t max_depth = contract::kMaxDepth;
  /// Objects and arrays this deep (the top-level value is at depth 0) are folded: the parser
  /// still checks everything inside them (syntax, depth, duplicate keys, surrogates) but builds
  /// no nodes for it. The body rules never look inside the values of `mapping` and `properties`
  /// (depth 2), and building nodes for them was most of the cost of a large body.
  std::size_t fold_depth = SIZE_MAX;
  /// Keep the compact JSON of folded containers in their `text`, written during the parse,
  /// for write_compact (request building). Validation alone does not need it.
  bool fold_text = false;
};

/// Parses `text` strictly (RFC 8259, no BOM). Returns the root value, or nothing after adding
/// the document-level violations to `report`: json.too_large, json.encoding, json.syntax or
/// json.depth alone, else every json.duplicate_key. Never throws.
std::optional<Node> parse_json(std::string_view text, ReportBuilder& report, const Limits& limits = {});

}  // namespace userapi::detail
