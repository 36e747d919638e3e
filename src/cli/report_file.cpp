#include "report_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cli {
namespace {

bool is_csv(const std::string& path) {
  if (path.size() < 4) return false;
  std::string ext = path.substr(path.size() - 4);
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == ".csv";
}

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  const std::string temporary = path + ".part";
  std::FILE* f = std::fopen(temporary.c_str(), "wb");
  if (!f) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int err = errno;
  if (std::fclose(f) != 0 || !written) {
    error = "cannot write " + path + ": " + std::strerror(written ? errno : err);
    std::remove(temporary.c_str());
    return false;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace

bool write_reports(const std::vector<std::string>& paths, const userapi::batch::BatchReport& report,
                   std::string& error) {
  std::string json, csv;
  for (const std::string& path : paths) {
    std::string& text = is_csv(path) ? csv : json;
    if (text.empty())
      text = is_csv(path) ? userapi::batch::report_csv(report) : userapi::batch::report_json(report);
    if (!write_file(path, text, error)) return false;
  }
  return true;
}

}  // namespace cli
