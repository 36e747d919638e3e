#include "vectors.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

namespace vectors {
namespace {

std::string base64_decode(const std::string& in) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
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

std::string expand_parts(const rapidjson::Value& parts) {
  std::string out;
  for (const auto& part : parts.GetArray()) {
    const std::string text = part["text"].GetString();
    const long repeat = part.HasMember("repeat") ? part["repeat"].GetInt64() : 1;
    const std::string sep = part.HasMember("sep") ? part["sep"].GetString() : "";
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

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<BodyCase> load_body_cases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(USERAPI_VECTORS_DIR "/body"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  std::vector<BodyCase> cases;
  for (const auto& file : files) {
    rapidjson::Document doc;
    doc.Parse(read_file(file.string()).c_str());
    if (doc.HasParseError() || !doc.IsArray()) {
      BodyCase broken;
      broken.file = file.filename().string();
      broken.name = "unreadable corpus file";
      cases.push_back(broken);
      continue;
    }
    for (const auto& c : doc.GetArray()) {
      BodyCase bc;
      bc.file = file.filename().string();
      bc.name = c["name"].GetString();
      if (c.HasMember("body")) bc.body.assign(c["body"].GetString(), c["body"].GetStringLength());
      else if (c.HasMember("body_base64")) bc.body = base64_decode(c["body_base64"].GetString());
      else bc.body = expand_parts(c["body_parts"]);
      bc.valid = c["valid"].GetBool();
      for (const auto& v : c["violations"].GetArray()) {
        Expected e;
        e.location = v["location"].GetString();
        e.path = v["path"].GetString();
        e.code = v["code"].GetString();
        e.severity = v["severity"].GetString();
        if (v.HasMember("line")) e.line = v["line"].GetInt();
        if (v.HasMember("column")) e.column = v["column"].GetInt();
        if (v.HasMember("offset")) e.offset = v["offset"].GetInt64();
        if (v.HasMember("params"))
          for (const auto& p : v["params"].GetObject()) e.params.emplace_back(p.name.GetString(), compact(p.value));
        bc.violations.push_back(e);
      }
      cases.push_back(std::move(bc));
    }
  }
  return cases;
}

}  // namespace vectors
