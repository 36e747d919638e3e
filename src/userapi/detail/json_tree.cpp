#include "detail/json_tree.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "detail/json_escape.h"
#include "detail/rapidjson.h"
#include "detail/text.h"

namespace userapi::detail {

const char* describe(const Node& node) {
  switch (node.kind) {
    case Node::Kind::null: return "null";
    case Node::Kind::boolean: return node.boolean ? "true" : "false";
    case Node::Kind::number: return "a number";
    case Node::Kind::string: return "a string";
    case Node::Kind::object: return "an object";
    case Node::Kind::array: return "an array";
  }
  return "a value";
}

namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// An open object or array while parsing.
struct Frame {
  Node node;
  std::string key;  // pending member key (objects)
  std::uint32_t key_offset = 0, key_end = 0;
  std::unordered_set<std::string> seen;  // keys so far (objects)
};

// RapidJSON SAX handler. RapidJSON reports where a token ends, not where it starts, so the
// handler keeps `cursor_` (the end of the previous token) and finds each start by skipping white
// space and at most one `,` or `:`, which the parser has already checked.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, rapidjson::MemoryStream& stream, const Limits& limits)
      : text_(text), stream_(stream), limits_(limits) {}

  bool Null() { return scalar(Node::Kind::null, false, 4); }
  bool Bool(bool b) { return scalar(Node::Kind::boolean, b, b ? 4 : 5); }
  // With kParseNumbersAsStringsFlag every number arrives as RawNumber.
  bool Int(int) { return true; }
  bool Uint(unsigned) { return true; }
  bool Int64(int64_t) { return true; }
  bool Uint64(uint64_t) { return true; }
  bool Double(double) { return true; }

  bool RawNumber(const char* str, rapidjson::SizeType len, bool) {
    Node n;
    n.kind = Node::Kind::number;
    n.offset = start();
    n.end = n.offset + len;
    n.text.assign(text_.data() + n.offset, len);  // the caller's spelling, see masked_numbers
    (void)str;
    return place(std::move(n));
  }

  bool String(const char* str, rapidjson::SizeType len, bool) {
    Node n;
    n.kind = Node::Kind::string;
    n.offset = start();
    n.end = static_cast<std::uint32_t>(stream_.Tell());
    n.text.assign(str, len);
    if (has_surrogate(n.text)) return lone_surrogate(n.offset, n.end);
    return place(std::move(n));
  }

  bool Key(const char* str, rapidjson::SizeType len, bool) {
    Frame& top = stack_.back();
    top.key_offset = start();
    top.key_end = static_cast<std::uint32_t>(stream_.Tell());
    top.key.assign(str, len);
    cursor_ = top.key_end;
    if (has_surrogate(top.key)) return lone_surrogate(top.key_offset, top.key_end);
    if (!top.seen.insert(top.key).second) {
      std::string path = pointer_to_top();
      append_pointer_token(path, top.key);
      duplicates_.push_back(make_violation(Code::json_duplicate_key, Location::body, std::move(path),
                                           Span{top.key_offset, top.key_end}));
    }
    return true;
  }

  bool StartObject() { return open(Node::Kind::object); }
  bool StartArray() { return open(Node::Kind::array); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  // Where the next key or value starts: after a parse error, the value RapidJSON was reading.
  std::uint32_t next_offset() { return start(); }

  std::optional<Violation> stop;      // why the handler ended the parse
  std::vector<Violation> duplicates_;  // json.duplicate_key, one per repeat
  std::optional<Node> root;

 private:
  std::uint32_t start() {
    std::size_t i = cursor_;
    while (i < text_.size() && is_json_space(text_[i])) ++i;
    if (i < text_.size() && (text_[i] == ',' || text_[i] == ':')) {
      ++i;
      while (i < text_.size() && is_json_space(text_[i])) ++i;
    }
    return static_cast<std::uint32_t>(i);
  }

  bool scalar(Node::Kind kind, bool b, std::uint32_t len) {
    Node n;
    n.kind = kind;
    n.boolean = b;
    n.offset = start();
    n.end = n.offset + len;
    return place(std::move(n));
  }

  // Adds a finished value to the open container (or makes it the root).
  bool place(Node&& n) {
    cursor_ = n.end;
    if (stack_.empty()) {
      root = std::move(n);
      return true;
    }
    Frame& top = stack_.back();
    if (top.node.kind == Node::Kind::object)
      top.node.members.push_back(Member{std::move(top.key), top.key_offset, top.key_end, std::move(n)});
    else
      top.node.items.push_back(std::move(n));
    return true;
  }

  bool open(Node::Kind kind) {
    const std::uint32_t offset = start();
    if (stack_.size() >= limits_.max_depth) {
      stop = make_violation(Code::json_depth, Location::body, pointer_to_next(), Span{offset, offset + 1},
                            {number_param("limit", limits_.max_depth)});
      return false;
    }
    stack_.emplace_back();
    stack_.back().node.kind = kind;
    stack_.back().node.offset = offset;
    cursor_ = offset + 1;
    return true;
  }

  bool close() {
    std::size_t i = cursor_;
    while (i < text_.size() && is_json_space(text_[i])) ++i;
    Node n = std::move(stack_.back().node);
    stack_.pop_back();
    n.end = static_cast<std::uint32_t>(i + 1);
    return place(std::move(n));
  }

  bool lone_surrogate(std::uint32_t offset, std::uint32_t end) {
    stop = make_violation(Code::json_encoding, Location::body, "", Span{offset, end},
                          {text_param("reason", "a string holds an unpaired UTF-16 surrogate escape")});
    return false;
  }

  // JSON Pointer of the innermost open container.
  std::string pointer_to_top() const {
    std::string path;
    for (std::size_t i = 1; i < stack_.size(); ++i) append_segment(path, stack_[i - 1]);
    return path;
  }

  // JSON Pointer of the value about to be placed in the innermost open container.
  std::string pointer_to_next() const {
    std::string path = pointer_to_top();
    if (!stack_.empty()) append_segment(path, stack_.back());
    return path;
  }

  static void append_segment(std::string& path, const Frame& parent) {
    if (parent.node.kind == Node::Kind::object) append_pointer_token(path, parent.key);
    else append_pointer_token(path, std::to_string(parent.node.items.size()));
  }

  std::string_view text_;
  rapidjson::MemoryStream& stream_;
  const Limits& limits_;
  std::vector<Frame> stack_;
  std::uint32_t cursor_ = 0;
};

std::string syntax_reason(std::string_view text, std::size_t offset, rapidjson::ParseErrorCode code) {
  if (offset == 0 && text.substr(0, 3) == "\xEF\xBB\xBF")
    return "a byte order mark (U+FEFF) is not allowed before the JSON text";
  if (offset < text.size() && text[offset] == '\0') return "a NUL byte is not allowed here";
  std::string reason = rapidjson::GetParseError_En(code);
  // RapidJSON's messages end with a period; the message template adds its own.
  if (!reason.empty() && reason.back() == '.') reason.pop_back();
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return reason;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct NumberScan {
  std::size_t length;  ///< the longest prefix at text[i] that some RFC 8259 number starts with
  bool complete;       ///< that prefix is a whole number (not "12e", "-", "1.")
};

NumberScan scan_number(std::string_view t, std::size_t i) {
  const std::size_t start = i;
  auto digits = [&] { while (i < t.size() && is_digit(t[i])) ++i; };
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size() || !is_digit(t[i])) return {i - start, false};
  if (t[i] == '0') ++i;
  else digits();
  if (i < t.size() && t[i] == '.') {
    if (++i >= t.size() || !is_digit(t[i])) return {i - start, false};
    digits();
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    if (++i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i >= t.size() || !is_digit(t[i])) return {i - start, false};
    digits();
  }
  return {i - start, true};
}

// RapidJSON 1.1.0 rejects numbers beyond double range (1e400, 400-digit integers) even when it
// is only asked for their text. Then the text is parsed again with every whole number of three
// or more characters masked as "0e00..." of the same length: positions stay, and nothing that
// could not follow the original can follow the mask either (a mask ends in exponent digits, so
// "1e400e5" still fails at the second "e"). The tree takes each spelling from the original text.
std::string masked_numbers(std::string_view text) {
  std::string out(text);
  bool in_string = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || is_digit(c)) {
      const NumberScan number = scan_number(text, i);
      // A number glued to the one before ("1e400-100") is a syntax error there; masking it too
      // would merge the two into one longer number and move the error.
      const bool glued = i > 0 && std::string_view("0123456789.eE+-").find(text[i - 1]) != std::string_view::npos;
      if (number.complete && number.length >= 3 && !glued) {
        out[i] = '0';
        out[i + 1] = 'e';
        std::fill(out.begin() + static_cast<std::ptrdiff_t>(i) + 2,
                  out.begin() + static_cast<std::ptrdiff_t>(i + number.length), '0');
      }
      i += number.length ? number.length - 1 : 0;
    }
  }
  return out;
}

// Turns the outcome of one RapidJSON pass into the tree or the document-level violations.
std::optional<Node> finish_parse(std::string_view text, const rapidjson::ParseResult& ok,
                                 rapidjson::MemoryStream& stream, TreeBuilder& builder, ReportBuilder& report) {
  if (builder.stop) {
    report.add(builder.stop->code, builder.stop->path,
               Span{builder.stop->position->offset, builder.stop->position->end}, builder.stop->params);
    return std::nullopt;
  }
  // RapidJSON takes a NUL byte for the end of the input; anything left after it is an error.
  std::size_t error_at = ok ? stream.Tell() : ok.Offset();
  if (ok.Code() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid) {
    // Reported at the string, as an unpaired low surrogate is (RapidJSON points at the escape).
    const auto at = builder.next_offset();
    report.add(Code::json_encoding, "", Span{at, at + 1},
               {text_param("reason", "a string holds an unpaired UTF-16 surrogate escape")});
    return std::nullopt;
  }
  if (!ok || error_at < text.size()) {
    const auto code = ok ? rapidjson::kParseErrorDocumentRootNotSingular : ok.Code();
    error_at = std::min(error_at, text.size());
    const auto at = static_cast<std::uint32_t>(error_at);
    report.add(Code::json_syntax, "", Span{at, at + (at < text.size() ? 1u : 0u)},
               {text_param("reason", syntax_reason(text, error_at, code))});
    return std::nullopt;
  }
  if (!builder.duplicates_.empty()) {
    for (auto& v : builder.duplicates_)
      report.add(v.code, std::move(v.path), Span{v.position->offset, v.position->end});
    return std::nullopt;
  }
  return std::move(builder.root);
}


}  // namespace

std::optional<Node> parse_json(std::string_view text, ReportBuilder& report, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    report.add(Code::json_too_large, "", std::nullopt,
               {number_param("limit", limits.max_bytes), number_param("actual", text.size())});
    return std::nullopt;
  }
  if (auto bad = validate_utf8(text)) {
    const auto at = static_cast<std::uint32_t>(bad->offset);
    report.add(Code::json_encoding, "", Span{at, at + 1}, {text_param("reason", bad->reason)});
    return std::nullopt;
  }

  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  std::string masked;
  std::string_view input = text;
  for (;;) {
    rapidjson::MemoryStream stream(input.data(), input.size());
    TreeBuilder builder(text, stream, limits);
    rapidjson::Reader reader;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
    if (ok.Code() == rapidjson::kParseErrorNumberTooBig) {
      // RapidJSON stops at the start of the huge number. A malformed one ("1000...e]") is a syntax
      // error where its grammar breaks; a whole one gets masked (once) and the text parsed again.
      const NumberScan number = scan_number(text, ok.Offset());
      if (!number.complete || !masked.empty()) {
        const auto at = static_cast<std::uint32_t>(std::min(ok.Offset() + number.length, text.size()));
        report.add(Code::json_syntax, "", Span{at, at + 1}, {text_param("reason", "malformed number")});
        return std::nullopt;
      }
      masked = masked_numbers(text);
      input = masked;
      continue;
    }
    return finish_parse(text, ok, stream, builder, report);
  }
}

}  // namespace userapi::detail
