#include "io.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "userapi/safe_text.h"

namespace cli {

using userapi::safe_text;

std::string& lang_option() {
  static std::string lang;
  return lang;
}

userapi::Locale messages_locale() {
  if (!lang_option().empty()) return userapi::match_locale(lang_option());
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* value = std::getenv(name); value && *value) return userapi::match_locale(value);
  return userapi::Locale::en;
}

std::optional<std::string> read_input(const std::string& path, std::string& error) {
  // Far above the contract's 1 MiB limit, so the limit is reported as a violation; the cap only
  // keeps an endless stream (a pipe from /dev/zero) from exhausting memory.
  constexpr std::size_t kReadCapMiB = 256;
  constexpr std::size_t kReadCap = kReadCapMiB << 20;
  const bool is_stdin = path == "-";
  std::FILE* f = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  std::string data;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    data.append(buf, n);
    if (data.size() > kReadCap) {
      error = (is_stdin ? std::string("standard input") : path) + " is larger than " +
              std::to_string(kReadCapMiB) + " MiB";
      if (!is_stdin) std::fclose(f);
      return std::nullopt;
    }
  }
  const bool failed = std::ferror(f);
  const int err = errno;
  if (!is_stdin) std::fclose(f);
  if (failed) {
    error = "cannot read " + (is_stdin ? std::string("standard input") : path) + ": " + std::strerror(err);
    return std::nullopt;
  }
  return data;
}

int fail(std::string_view message) {
  std::cerr << "userapi: " << message << "\n";
  return kUsage;
}

void print_text(const userapi::Report& report, std::string_view file_name, std::ostream& out) {
  using userapi::Location;
  for (const auto& v : report.violations) {
    const bool in_file = v.location == Location::body || v.location == Location::response;
    // A response's paths (a duplicate key) and messages can quote what the server sent.
    const bool from_server = v.location == Location::response;
    const std::string path = from_server ? safe_text(v.path) : v.path;
    out << (in_file ? file_name : userapi::to_string(v.location));
    if (v.position) out << ':' << v.position->line << ':' << v.position->column;
    out << ": " << userapi::to_string(v.severity) << ": " << (path.empty() ? "(root)" : path) << ": "
        << (from_server ? safe_text(v.message) : v.message) << " [" << userapi::code_id(v.code) << "]\n";
  }
}

}  // namespace cli
