#include "detail/json_tree.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_set>

#include "detail/json_escape.h"
#include "detail/rapidjson.h"
#include "detail/string_scan.h"
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

// RapidJSON's in-place stream. RapidJSON copies an InsituStringStream into a local variable
// while it reads a string or a number and writes the position back afterwards, so Tell() would
// be stale inside Key/String/number events; a type of our own does not get that optimisation
// (StreamTraits default), which keeps Tell() exact in every event.
struct InsituStream : rapidjson::InsituStringStream {
  explicit InsituStream(char* text) : rapidjson::InsituStringStream(text) {}
};

// Zero bytes kept after the text in the parse buffer, so string scans may read 16 at a time.
constexpr std::size_t kPadding = 16;

}  // namespace
}  // namespace userapi::detail

namespace rapidjson {

// RapidJSON skips the plain run of a string 16 bytes at a time only for its own stream type and
// only with RAPIDJSON_SSE2 (whose 1.1.0 code also lets 0x1A..0x1F through); this does it for ours,
// on SSE2 or WebAssembly SIMD. Bytes from 0x80 up are plain: the text is valid UTF-8 already.
// Until the first escape the string is decoded where it lies (src_ == dst_) and nothing moves.
template <>
template <>
inline void GenericReader<UTF8<>, UTF8<>, CrtAllocator>::ScanCopyUnescapedString(
    userapi::detail::InsituStream& is, userapi::detail::InsituStream& /* the same stream */) {
  char* p = is.src_;
  char* q = is.dst_;
  for (;;) {
    const std::uint32_t stops = userapi::detail::string_stops(p);
    if (stops) {
      const int plain = __builtin_ctz(stops);
      if (p != q)
        for (int i = 0; i < plain; ++i) q[i] = p[i];
      is.src_ = p + plain;
      is.dst_ = q + plain;
      return;
    }
    if (p != q) std::memmove(q, p, 16);
    p += 16;
    q += 16;
  }
}

}  // namespace rapidjson

namespace userapi::detail {
namespace {

// An open object or array while parsing. Frames are reused from one container to the next
// (TreeBuilder::depth_ counts the open ones) and from one parse to the next (Scratch).
struct Frame {
  Node node;  // the container being built (tree levels only)
  bool is_object = false;
  std::uint32_t count = 0;                    // objects: keys so far; arrays: items finished so far
  std::uint32_t keys_begin = 0;               // this object's first key in TreeBuilder::keys_
  std::uint32_t key_index = 0;                // its pending member key in TreeBuilder::keys_
  std::uint32_t key_offset = 0, key_end = 0;  // its byte range in the input
  // Duplicate keys are found by comparing with the earlier keys of the object, which is fastest
  // for the few keys most objects have; an object with more keys gets a hash set, so 1,000
  // `properties` members do not cost a million comparisons.
  std::unordered_set<std::string_view> many_keys;
};

// Objects with up to this many keys are checked for duplicates by comparison alone.
constexpr std::uint32_t kLinearKeys = 16;

// What a parse needs besides the tree. It is kept per thread from one parse to the next, so a
// parse of a small body allocates nothing but its tree.
struct Scratch {
  std::string buffer;         // the copy of the text that RapidJSON parses in place, + kPadding
  std::vector<Frame> frames;  // open containers, reused
  // The keys of every open object, outermost first. They point into `buffer`, where RapidJSON
  // decoded them in place and where nothing else is written later in the parse. An object's
  // keys are dropped when it closes.
  std::vector<std::string_view> keys;
};

// RapidJSON SAX handler. RapidJSON reports where a token ends, not where it starts, so the
// handler keeps `cursor_` (the end of the previous token) and finds each start by skipping white
// space and at most one `,` or `:`, which the parser has already checked.
//
// Values deeper than Limits::fold_depth get no nodes: the handler keeps only what its own checks
// need (a frame per open container and the keys of open objects) and, with Limits::fold_text,
// the compact JSON of the folded container, exactly as write_compact would write it. That text
// comes cheaply in the usual case: while the input is itself compact (no white space between
// tokens, no escapes in strings), the compact JSON *is* the input, so nothing is written and
// only `raw_end_` moves on. At the first token that breaks this, the compact prefix is copied
// from the input and the rest is written token by token.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, InsituStream& stream, const Limits& limits, Scratch& scratch)
      : text_(text), stream_(stream), limits_(limits), stack_(scratch.frames), keys_(scratch.keys) {
    keys_.clear();
  }

  bool Null() { return literal(Node::Kind::null, false, "null"); }
  bool Bool(bool b) { return literal(Node::Kind::boolean, b, b ? "true" : "false"); }
  // Numbers: only their spelling matters, taken from the input (see masked_numbers), so the
  // converted value RapidJSON passes is ignored. (kParseNumbersAsStringsFlag would also copy
  // every number's characters, which costs more than the conversion.)
  bool Int(int) { return number(); }
  bool Uint(unsigned) { return number(); }
  bool Int64(int64_t) { return number(); }
  bool Uint64(uint64_t) { return number(); }
  bool Double(double) { return number(); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return number(); }

  bool String(const char* str, rapidjson::SizeType len, bool) {
    const std::string_view value(str, len);
    const std::uint32_t end = tell();
    const std::uint32_t offset = start();
    if (may_have_surrogate(offset, end, value)) return lone_surrogate(offset, end);
    if (depth_ > limits_.fold_depth) {
      if (limits_.fold_text) fold_string(offset, end, value, value_delimiter());
      return folded_value_done(end);
    }
    return leaf(Node::Kind::string, offset, end, value);
  }

  bool Key(const char* str, rapidjson::SizeType len, bool) {
    const std::string_view key(str, len);
    Frame& top = stack_[depth_ - 1];
    top.key_offset = start();
    top.key_end = tell();
    cursor_ = top.key_end;
    if (may_have_surrogate(top.key_offset, top.key_end, key))
      return lone_surrogate(top.key_offset, top.key_end);
    if (is_repeat(top, key)) {
      std::string path = pointer_to_top();
      append_pointer_token(path, key);
      duplicates_.push_back(make_violation(Code::json_duplicate_key, Location::body, std::move(path),
                                           Span{top.key_offset, top.key_end}));
    }
    top.key_index = static_cast<std::uint32_t>(keys_.size());
    keys_.push_back(key);
    if (depth_ > limits_.fold_depth && limits_.fold_text)
      fold_string(top.key_offset, top.key_end, key, top.count ? ',' : '\0');
    ++top.count;
    return true;
  }

  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close('}'); }
  bool EndArray(rapidjson::SizeType) { return close(']'); }

  // Where the next key or value starts: after a parse error, the value RapidJSON was reading.
  std::uint32_t next_offset() { return start(); }

  std::optional<Violation> stop;       // why the handler ended the parse
  std::vector<Violation> duplicates_;  // json.duplicate_key, one per repeat
  std::optional<Node> root;

 private:
  std::uint32_t tell() { return static_cast<std::uint32_t>(stream_.Tell()); }

  std::uint32_t start() const {
    std::size_t i = cursor_;
    while (i < text_.size() && is_json_space(text_[i])) ++i;
    if (i < text_.size() && (text_[i] == ',' || text_[i] == ':')) {
      ++i;
      while (i < text_.size() && is_json_space(text_[i])) ++i;
    }
    return static_cast<std::uint32_t>(i);
  }

  bool number() {
    const std::uint32_t end = tell();
    const std::uint32_t offset = start();
    const std::string_view spelling = text_.substr(offset, end - offset);
    if (depth_ > limits_.fold_depth) {
      if (limits_.fold_text)
        if (std::string* out = fold_token(offset, true, value_delimiter())) out->append(spelling);
      return folded_value_done(end);
    }
    return leaf(Node::Kind::number, offset, end, spelling);
  }

  bool literal(Node::Kind kind, bool b, std::string_view spelling) {
    const std::uint32_t end = tell();
    const auto offset = static_cast<std::uint32_t>(end - spelling.size());
    if (depth_ > limits_.fold_depth) {
      if (limits_.fold_text)
        if (std::string* out = fold_token(offset, true, value_delimiter())) out->append(spelling);
      return folded_value_done(end);
    }
    Node& n = slot();
    n.kind = kind;
    n.boolean = b;
    n.offset = offset;
    n.end = cursor_ = end;
    return true;
  }

  // A string or number value: its node, with its text (decoded, or the number's spelling).
  bool leaf(Node::Kind kind, std::uint32_t offset, std::uint32_t end, std::string_view text) {
    Node& n = slot();
    n.kind = kind;
    n.offset = offset;
    n.end = cursor_ = end;
    n.text.assign(text);
    return true;
  }

  // The node of a finished value: a new member or item of the open container, or the root.
  // Scalars are written straight into it.
  Node& slot() {
    if (depth_ == 0) return root.emplace();
    Frame& top = stack_[depth_ - 1];
    if (!top.is_object) {
      ++top.count;
      return top.node.items.emplace_back();
    }
    if (top.node.members.empty()) top.node.members.reserve(4);  // one allocation for most objects
    Member& m = top.node.members.emplace_back();
    m.key.assign(key_at(top.key_index));
    m.key_offset = top.key_offset;
    m.key_end = top.key_end;
    return m.value;
  }

  bool open(bool is_object) {
    const std::uint32_t offset = start();
    if (depth_ >= limits_.max_depth) {
      stop = make_violation(Code::json_depth, Location::body, pointer_to_next(), Span{offset, offset + 1},
                            {number_param("limit", limits_.max_depth)});
      return false;
    }
    const char bracket = is_object ? '{' : '[';
    if (depth_ > limits_.fold_depth && limits_.fold_text)
      if (std::string* out = fold_token(offset, true, value_delimiter())) out->push_back(bracket);
    if (depth_ == stack_.size()) stack_.emplace_back();
    Frame& f = stack_[depth_];
    f.is_object = is_object;
    f.count = 0;
    f.keys_begin = static_cast<std::uint32_t>(keys_.size());
    if (!f.many_keys.empty()) f.many_keys.clear();
    if (depth_ <= limits_.fold_depth) {
      f.node = Node{};  // (a parse that stopped early may have left members here)
      f.node.kind = is_object ? Node::Kind::object : Node::Kind::array;
      f.node.offset = offset;
      if (depth_ == limits_.fold_depth) {  // the folded container itself
        f.node.folded = true;
        raw_ = limits_.fold_text;
        fold_start_ = offset;
      }
    }
    ++depth_;
    cursor_ = raw_end_ = offset + 1;
    return true;
  }

  bool close(char bracket) {
    std::size_t i = cursor_;  // white space, then the bracket
    while (i < text_.size() && is_json_space(text_[i])) ++i;
    const auto end = static_cast<std::uint32_t>(i + 1);
    Frame& f = stack_[--depth_];
    keys_.resize(f.keys_begin);  // forget the object's keys
    if (depth_ >= limits_.fold_depth && limits_.fold_text)
      if (std::string* out = fold_token(end - 1, true, '\0')) out->push_back(bracket);
    if (depth_ > limits_.fold_depth) return folded_value_done(end);
    if (f.node.folded && raw_) f.node.text.assign(text_.substr(fold_start_, end - fold_start_));
    f.node.end = cursor_ = end;
    slot() = std::move(f.node);
    return true;
  }

  // What comes before a value inside a folded container: `:` after a key, `,` between items.
  char value_delimiter() const {
    const Frame& parent = stack_[depth_ - 1];
    return parent.is_object ? ':' : parent.count ? ',' : '\0';
  }

  // Before a token inside a folded container that starts at `start` and is itself compact
  // (`plain`), preceded by `delimiter` (or '\0'): the folded text to write the token to, or
  // nothing while the input is still compact.
  std::string* fold_token(std::uint32_t start, bool plain, char delimiter) {
    std::string& text = stack_[limits_.fold_depth].node.text;
    if (raw_) {
      if (plain && start == raw_end_ + (delimiter ? 1 : 0)) {
        raw_end_ = start;  // (moved past the token by the caller's *_done)
        return nullptr;
      }
      text.assign(text_.substr(fold_start_, raw_end_ - fold_start_));  // the compact prefix
      raw_ = false;
    }
    if (delimiter) text.push_back(delimiter);
    return &text;
  }

  // A string or key inside a folded container: the input's bytes when it has no escapes (its
  // decoded length is then its length in the input, less the quotes), else written escaped.
  void fold_string(std::uint32_t start, std::uint32_t end, std::string_view decoded, char delimiter) {
    const bool plain = end - start == decoded.size() + 2;
    if (std::string* out = fold_token(start, plain, delimiter)) {
      if (plain)
        out->append(text_.substr(start, end - start));
      else
        append_json_string(*out, decoded);
    }
    raw_end_ = end;
  }

  // After a value inside a folded container.
  bool folded_value_done(std::uint32_t end) {
    cursor_ = raw_end_ = end;
    Frame& parent = stack_[depth_ - 1];
    if (!parent.is_object) ++parent.count;
    return true;
  }

  // Whether `key` repeats an earlier key of the object `top`.
  bool is_repeat(Frame& top, std::string_view key) {
    if (keys_.size() - top.keys_begin < kLinearKeys) {
      for (std::size_t i = top.keys_begin; i < keys_.size(); ++i)
        if (key_at(i) == key) return true;
      return false;
    }
    if (top.many_keys.empty())
      for (std::size_t i = top.keys_begin; i < keys_.size(); ++i) top.many_keys.emplace(key_at(i));
    return !top.many_keys.emplace(key).second;
  }

  std::string_view key_at(std::size_t i) const { return keys_[i]; }

  // An escaped lone surrogate is the only way a decoded string can hold one (the text is valid
  // UTF-8), and a string without escapes is exactly as long as its text less the quotes.
  static bool may_have_surrogate(std::uint32_t offset, std::uint32_t end, std::string_view decoded) {
    return end - offset != decoded.size() + 2 && has_surrogate(decoded);
  }

  bool lone_surrogate(std::uint32_t offset, std::uint32_t end) {
    stop = make_violation(Code::json_encoding, Location::body, "", Span{offset, end},
                          {text_param("reason", "a string holds an unpaired UTF-16 surrogate escape")});
    return false;
  }

  // JSON Pointer of the innermost open container.
  std::string pointer_to_top() const {
    std::string path;
    for (std::size_t i = 1; i < depth_; ++i) append_segment(path, stack_[i - 1]);
    return path;
  }

  // JSON Pointer of the value about to be placed in the innermost open container.
  std::string pointer_to_next() const {
    std::string path = pointer_to_top();
    if (depth_ > 0) append_segment(path, stack_[depth_ - 1]);
    return path;
  }

  void append_segment(std::string& path, const Frame& parent) const {
    if (parent.is_object)
      append_pointer_token(path, key_at(parent.key_index));
    else
      append_pointer_token(path, std::to_string(parent.count));
  }

  std::string_view text_;
  InsituStream& stream_;
  const Limits& limits_;
  std::vector<Frame>& stack_;
  std::size_t depth_ = 0;  // open containers: stack_[0 .. depth_)
  std::vector<std::string_view>& keys_;
  std::uint32_t cursor_ = 0;
  // The folded container being parsed (one at a time: they are all at the same depth).
  bool raw_ = false;  // its compact JSON is still text_[fold_start_, raw_end_)
  std::uint32_t fold_start_ = 0;
  std::uint32_t raw_end_ = 0;
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
  auto digits = [&] {
    while (i < t.size() && is_digit(t[i])) ++i;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size() || !is_digit(t[i])) return {i - start, false};
  if (t[i] == '0')
    ++i;
  else
    digits();
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
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || is_digit(c)) {
      const NumberScan number = scan_number(text, i);
      // A number glued to the one before ("1e400-100") is a syntax error there; masking it too
      // would merge the two into one longer number and move the error.
      const bool glued =
          i > 0 && std::string_view("0123456789.eE+-").find(text[i - 1]) != std::string_view::npos;
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

bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// True when text[at] starts a whole escape \uD800..\uDBFF (four hex digits) and another escape
// follows it: the only case where RapidJSON reads past a high surrogate.
bool is_high_surrogate_escape(std::string_view text, std::size_t at) {
  if (at + 7 >= text.size() || text[at] != '\\' || text[at + 1] != 'u' ||
      (text[at + 2] != 'd' && text[at + 2] != 'D'))
    return false;
  return std::string_view("89abAB").find(text[at + 3]) != std::string_view::npos &&
         is_hex_digit(text[at + 4]) && is_hex_digit(text[at + 5]) && text[at + 6] == '\\';
}

// One past the closing quote of the string that opens at `quote` (the text's end when it has none).
std::uint32_t string_end(std::string_view text, std::size_t quote) {
  for (std::size_t i = quote + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return static_cast<std::uint32_t>(i + 1);
  }
  return static_cast<std::uint32_t>(text.size());
}

// Turns the outcome of one RapidJSON pass into the tree or the document-level violations.
std::optional<Node> finish_parse(std::string_view text, const rapidjson::ParseResult& ok,
                                 InsituStream& stream, TreeBuilder& builder, ReportBuilder& report) {
  if (builder.stop) {
    report.add(builder.stop->code, builder.stop->path,
               Span{builder.stop->position->offset, builder.stop->position->end}, builder.stop->params);
    return std::nullopt;
  }
  // RapidJSON takes a NUL byte for the end of the input; anything left after it is an error.
  std::size_t error_at = ok ? stream.Tell() : ok.Offset();
  // "\ud83d\x": the escape after the high surrogate is malformed, which makes it a syntax error
  // there, as any malformed escape is (RapidJSON calls it an unpaired surrogate).
  if (ok.Code() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid &&
      is_high_surrogate_escape(text, error_at) &&
      std::string_view("\"\\/bfnrtu").find(text[error_at + 7]) == std::string_view::npos) {
    const auto at = static_cast<std::uint32_t>(error_at + 6);
    report.add(Code::json_syntax, "", Span{at, at + 1},
               {text_param("reason", "invalid escape character in string")});
    return std::nullopt;
  }
  // The text ends right after a high surrogate escape ("\ud83d" or "\ud83d\"): it ends too early.
  if (ok.Code() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid &&
      (error_at + 6 >= text.size() || (text[error_at + 6] == '\\' && error_at + 7 >= text.size()))) {
    const auto at = static_cast<std::uint32_t>(text.size());
    report.add(Code::json_syntax, "", Span{at, at}, {text_param("reason", "the text ends inside a string")});
    return std::nullopt;
  }
  if (ok.Code() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid) {
    // Reported at the whole string, as an unpaired low surrogate is (RapidJSON points at the escape).
    const auto at = builder.next_offset();
    report.add(Code::json_encoding, "", Span{at, string_end(text, at)},
               {text_param("reason", "a string holds an unpaired UTF-16 surrogate escape")});
    return std::nullopt;
  }
  if (!ok || error_at < text.size()) {
    auto code = ok ? rapidjson::kParseErrorDocumentRootNotSingular : ok.Code();
    // A text that starts with `}`, `]`, `,` or `:` is "invalid value" to the recursive parser
    // and has always been "the document is empty" (kParseIterativeFlag's word for it): kept so.
    std::size_t first = 0;
    while (first < text.size() && is_json_space(text[first])) ++first;
    if (code == rapidjson::kParseErrorValueInvalid && error_at == first && first < text.size() &&
        std::string_view("}],:").find(text[first]) != std::string_view::npos)
      code = rapidjson::kParseErrorDocumentEmpty;
    // After a high surrogate escape RapidJSON reads the next \u escape but blames the first one
    // when that next one is malformed ("\ud83d\ud3d"): point at the escape that is broken.
    if (code == rapidjson::kParseErrorStringUnicodeEscapeInvalidHex &&
        is_high_surrogate_escape(text, error_at) && text[error_at + 7] == 'u')
      error_at += 6;
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

  // In situ parsing: RapidJSON decodes strings within a copy of the text instead of copying
  // them character by character into a buffer of its own, which halves the cost of a parse.
  // The recursive parser (faster than kParseIterativeFlag) recurses once per nesting level, and
  // the handler stops the parse at max_depth, so the stack it needs is small and bounded.
  // A NUL byte reads as the end of the text, as with any RapidJSON stream (see finish_parse).
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag;
  thread_local Scratch scratch;
  scratch.buffer.assign(text);
  scratch.buffer.append(kPadding, '\0');
  // Small bodies keep the buffer for the next parse; a large one is not held on to.
  struct Release {
    std::string& buffer;
    ~Release() {
      if (buffer.capacity() > 65536) std::string().swap(buffer);
    }
  } release{scratch.buffer};
  bool masked = false;
  for (;;) {
    InsituStream stream(&scratch.buffer[0]);
    TreeBuilder builder(text, stream, limits, scratch);
    rapidjson::Reader reader;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
    if (ok.Code() == rapidjson::kParseErrorNumberTooBig) {
      // RapidJSON stops at the start of the huge number. A malformed one ("1000...e]") is a syntax
      // error where its grammar breaks; a whole one gets masked (once) and the text parsed again.
      const NumberScan number = scan_number(text, ok.Offset());
      if (!number.complete || masked) {
        const auto at = static_cast<std::uint32_t>(std::min(ok.Offset() + number.length, text.size()));
        report.add(Code::json_syntax, "", Span{at, at + 1}, {text_param("reason", "malformed number")});
        return std::nullopt;
      }
      scratch.buffer = masked_numbers(text);
      scratch.buffer.append(kPadding, '\0');
      masked = true;
      continue;
    }
    return finish_parse(text, ok, stream, builder, report);
  }
}

}  // namespace userapi::detail
