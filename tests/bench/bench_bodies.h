// Reads the benchmark bodies that tests/bench/bodies.mjs writes (scripts/bench passes the folder).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bench {

inline std::string read_body(const std::string& dir, const std::string& name) {
  std::ifstream in(dir + "/" + name + ".json", std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s/%s.json (make it with: node tests/bench/bodies.mjs %s)\n",
                 dir.c_str(), name.c_str(), dir.c_str());
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shapes tests/bench/bodies.mjs wrote to `dir`, in its order (DIR/shapes.txt).
inline std::vector<std::string> read_shapes(const std::string& dir) {
  std::ifstream in(dir + "/shapes.txt");
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) names.push_back(line);
  if (names.empty()) {
    std::fprintf(stderr, "no shapes in %s/shapes.txt (make them with: node tests/bench/bodies.mjs %s)\n",
                 dir.c_str(), dir.c_str());
    std::exit(2);
  }
  return names;
}

// The arguments every benchmark passes to build_request.
inline constexpr const char* kBaseUrl = "https://api.mintlify.com";
inline constexpr const char* kToken = "dev-3f0c9a2b7d414e6f8a1c5b2e9d07f613";

}  // namespace bench
