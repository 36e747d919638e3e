// Loads the language-neutral corpus in tests/vectors (format: tests/vectors/README.md).
#pragma once

#include <string>
#include <vector>

namespace vectors {

struct Expected {
  std::string location, path, code, severity;
  int line = 0, column = 0;  // 0: not given
  long offset = -1;          // -1: not given
  std::vector<std::pair<std::string, std::string>> params;  // name -> value as compact JSON
};

struct BodyCase {
  std::string file, name, body;
  bool valid = false;
  std::vector<Expected> violations;
};

/// Every case of tests/vectors/body/*.json, in file and array order.
std::vector<BodyCase> load_body_cases();

/// Reads a whole file; an empty string when it cannot.
std::string read_file(const std::string& path);

}  // namespace vectors
