#include "vectors.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include "detail/json_escape.h"

namespace vectors {
namespace {

std::string base64_decode(const std::string& in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : in) {
    const auto pos = alphabet.find(c);
    if (pos == std::string::npos) continue;  // '=' padding and line breaks
    bits = (bits << 6) | static_cast<unsigned>(pos);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// A JSON string's text, NUL bytes included.
std::string str(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

std::string expand_parts(const rapidjson::Value& parts) {
  std::string out;
  for (const auto& part : parts.GetArray()) {
    const std::string text = str(part["text"]);
    const long repeat = part.HasMember("repeat") ? part["repeat"].GetInt64() : 1;
    const std::string sep = part.HasMember("sep") ? str(part["sep"]) : "";
    const bool indexed = text.find("{i}") != std::string::npos;
    for (long i = 0; i < repeat; ++i) {
      if (i) out += sep;
      out += indexed ? replace_all(text, "{i}", std::to_string(i)) : text;
    }
  }
  return out;
}

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

// The sorted *.json files of one corpus folder.
std::vector<std::filesystem::path> corpus_files(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code error;  // a missing folder is no cases (the size tests then fail), not a crash
  for (std::filesystem::directory_iterator it(std::string(USERAPI_VECTORS_DIR "/") + folder, error), end;
       !error && it != end; it.increment(error))
    if (it->path().extension() == ".json") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

Expected parse_expected(const rapidjson::Value& v) {
  Expected e;
  e.location = v["location"].GetString();
  e.path = str(v["path"]);
  e.code = v["code"].GetString();
  e.severity = v["severity"].GetString();
  if (v.HasMember("line")) e.line = v["line"].GetInt();
  if (v.HasMember("column")) e.column = v["column"].GetInt();
  if (v.HasMember("offset")) e.offset = v["offset"].GetInt64();
  if (v.HasMember("from")) e.from = v["from"].GetInt64();
  if (v.HasMember("to")) e.to = v["to"].GetInt64();
  if (v.HasMember("params"))
    for (const auto& p : v["params"].GetObject()) e.params.emplace_back(p.name.GetString(), compact(p.value));
  return e;
}

// Reads every case of one corpus folder: `read` fills a case from its JSON object. A file that is
// not a JSON array becomes one case named "unreadable corpus file".
template <typename Case, typename Read>
std::vector<Case> load_cases(const std::string& folder, Read read) {
  std::vector<Case> cases;
  for (const auto& file : corpus_files(folder)) {
    rapidjson::Document doc;
    const std::string text = read_file(file.string());
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError() || !doc.IsArray()) {
      Case broken;
      broken.file = file.filename().string();
      broken.name = "unreadable corpus file";
      cases.push_back(broken);
      continue;
    }
    for (const auto& c : doc.GetArray()) {
      Case one;
      one.file = file.filename().string();
      one.name = c["name"].GetString();
      one.valid = c["valid"].GetBool();
      for (const auto& v : c["violations"].GetArray()) one.violations.push_back(parse_expected(v));
      read(c, one);
      cases.push_back(std::move(one));
    }
  }
  return cases;
}

std::string param_json(const userapi::Param& p) {
  if (p.numeric) return p.value;
  std::string out;
  userapi::detail::append_json_string(out, p.value);
  return out;
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<BodyCase> load_body_cases() {
  return load_cases<BodyCase>("body", [](const rapidjson::Value& c, BodyCase& bc) {
    if (c.HasMember("body"))
      bc.body = str(c["body"]);
    else if (c.HasMember("body_base64"))
      bc.body = base64_decode(c["body_base64"].GetString());
    else
      bc.body = expand_parts(c["body_parts"]);
  });
}

std::vector<BuildCase> load_build_cases() {
  return load_cases<BuildCase>("build", [](const rapidjson::Value& c, BuildCase& bc) {
    if (c.HasMember("body"))
      bc.body = str(c["body"]);
    else
      bc.body = base64_decode(c["body_base64"].GetString());
    if (c.HasMember("base_url")) bc.base_url = str(c["base_url"]);
    bc.token = str(c["token"]);
    if (c.HasMember("request")) {
      const auto& r = c["request"];
      bc.has_request = true;
      bc.method = str(r["method"]);
      bc.url = str(r["url"]);
      for (const auto& h : r["headers"].GetArray()) bc.headers.emplace_back(str(h[0]), str(h[1]));
      bc.request_body = str(r["body"]);
    }
  });
}

std::vector<ResponseCase> load_response_cases() {
  return load_cases<ResponseCase>("response", [](const rapidjson::Value& c, ResponseCase& rc) {
    rc.status = c["status"].GetInt();
    if (c.HasMember("text"))
      rc.text = str(c["text"]);
    else
      rc.text = base64_decode(c["text_base64"].GetString());
    if (c.HasMember("sent_body")) rc.sent_body = str(c["sent_body"]);
    rc.outcome = c["outcome"].GetString();
    if (c.HasMember("server")) {
      const auto& s = c["server"];
      if (s.HasMember("message")) rc.server_message = str(s["message"]);
      if (s.HasMember("violations")) rc.server_violations = str(s["violations"]);
    }
  });
}

std::string describe_record(std::uint32_t line, const std::vector<std::string>& cells) {
  std::string out = "line " + std::to_string(line) + ": [";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    userapi::detail::append_json_string(out, cells[i]);
  }
  return out + ']';
}

std::string describe_error(std::uint32_t line, const std::string& reason) {
  return "line " + std::to_string(line) + ": error: " + reason;
}

std::vector<CsvCase> load_csv_cases() {
  std::vector<CsvCase> cases;
  for (const auto& file : corpus_files("csv")) {
    rapidjson::Document doc;
    const std::string text = read_file(file.string());
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError() || !doc.IsArray()) {
      cases.push_back({file.filename().string(), "unreadable corpus file", "", {}});
      continue;
    }
    for (const auto& c : doc.GetArray()) {
      CsvCase one{file.filename().string(), c["name"].GetString(), str(c["csv"]), {}};
      if (c.HasMember("error"))
        one.expected.push_back(describe_error(c["error"]["line"].GetUint(), str(c["error"]["reason"])));
      else
        for (const auto& r : c["records"].GetArray()) {
          std::vector<std::string> cells;
          for (const auto& cell : r["cells"].GetArray()) cells.push_back(str(cell));
          one.expected.push_back(describe_record(r["line"].GetUint(), cells));
        }
      cases.push_back(std::move(one));
    }
  }
  return cases;
}

void PrintTo(const BodyCase& c, std::ostream* out) { *out << c.file << ": " << c.name; }
void PrintTo(const BuildCase& c, std::ostream* out) { *out << c.file << ": " << c.name; }
void PrintTo(const ResponseCase& c, std::ostream* out) { *out << c.file << ": " << c.name; }
void PrintTo(const CsvCase& c, std::ostream* out) { *out << c.file << ": " << c.name; }

std::string expected_line(const Expected& e) {
  std::ostringstream out;
  out << e.location << ' ' << (e.path.empty() ? "\"\"" : e.path) << ' ' << e.code << ' ' << e.severity;
  if (e.offset >= 0) out << " offset=" << e.offset;
  if (e.line) out << " at " << e.line << ':' << e.column;
  if (e.from >= 0) out << " utf16=[" << e.from << ',' << e.to << ')';
  for (const auto& [name, value] : e.params) out << ' ' << name << '=' << value;
  return out.str();
}

std::string actual_line(const userapi::Violation& v, const Expected& like) {
  Expected e;
  e.location = std::string(userapi::to_string(v.location));
  e.path = v.path;
  e.code = std::string(userapi::code_id(v.code));
  e.severity = std::string(userapi::to_string(v.severity));
  if (like.offset >= 0) e.offset = v.position ? v.position->offset : -2;
  if (like.from >= 0) {
    e.from = v.position ? static_cast<long>(v.position->from) : -2;
    e.to = v.position ? static_cast<long>(v.position->to) : -2;
  }
  if (like.line) {
    e.line = v.position ? static_cast<int>(v.position->line) : -1;
    e.column = v.position ? static_cast<int>(v.position->column) : -1;
  }
  for (const auto& [name, value] : like.params) {
    std::string actual = "(absent)";
    for (const auto& p : v.params)
      if (p.name == name) actual = param_json(p);
    e.params.emplace_back(name, actual);
  }
  return expected_line(e);
}

std::pair<std::vector<std::string>, std::vector<std::string>> describe_all(
    const std::vector<Expected>& expected, const std::vector<userapi::Violation>& actual) {
  std::pair<std::vector<std::string>, std::vector<std::string>> out;
  for (const auto& e : expected) out.first.push_back(expected_line(e));
  for (std::size_t i = 0; i < actual.size(); ++i)
    out.second.push_back(actual_line(actual[i], i < expected.size() ? expected[i] : Expected{}));
  return out;
}

}  // namespace vectors
