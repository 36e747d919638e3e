// Reads the benchmark bodies that tests/bench/bodies.mjs writes (scripts/bench passes the folder).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace bench {

inline std::string read_body(const std::string& dir, const char* name) {
  std::ifstream in(dir + "/" + name + ".json", std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s/%s.json (make it with: node tests/bench/bodies.mjs %s)\n",
                 dir.c_str(), name, dir.c_str());
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The arguments every benchmark passes to build_request.
inline constexpr const char* kBaseUrl = "https://api.mintlify.com";
inline constexpr const char* kToken = "dev-3f0c9a2b7d414e6f8a1c5b2e9d07f613";

}  // namespace bench
