// Runs the fuzz targets, with all their invariants, outside libFuzzer: over every committed
// regression input (tests/vectors/fuzz-regressions/<target>/) and over every case of the
// conformance corpus (the same inputs the fuzzers' seed corpora start from). Part of the normal
// native test, so a fixed crash stays fixed; under build/asan it runs with the sanitizers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "userapi/request.h"
#include "vectors.h"

namespace {

namespace fs = std::filesystem;
using Target = int (*)(const std::uint8_t*, std::size_t);

struct Broken : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// 0 when every invariant holds; else the test fails with the broken invariant and the input.
int run(Target target, const std::string& input, const std::string& name) {
  userapi_fuzz::set_input_name(name);
  userapi_fuzz::set_failure_handler([](const std::string& message) { throw Broken(message); });
  try {
    return target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  } catch (const Broken& broken) {
    ADD_FAILURE() << "invariant broken: " << broken.what() << "\n  input: " << name;
    return 1;
  }
}

// Every regular file below the folder except README*, sorted.
std::vector<fs::path> regression_files(const std::string& target) {
  std::vector<fs::path> files;
  std::error_code error;
  const fs::path dir = fs::path(USERAPI_FUZZ_REGRESSIONS_DIR) / target;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
    if (it->is_regular_file() && it->path().filename().string().rfind("README", 0) != 0)
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

void replay_folder(const std::string& target_name, Target target) {
  for (const auto& file : regression_files(target_name))
    EXPECT_EQ(0, run(target, vectors::read_file(file.string()), file.string()));
}

TEST(FuzzRegressions, Validate) { replay_folder("validate", userapi_fuzz::fuzz_validate); }
TEST(FuzzRegressions, Build) { replay_folder("build", userapi_fuzz::fuzz_build); }
TEST(FuzzRegressions, Response) { replay_folder("response", userapi_fuzz::fuzz_response); }

TEST(FuzzInvariantsOnCorpus, EveryBodyCase) {
  const auto cases = vectors::load_body_cases();
  ASSERT_GE(cases.size(), 150u);
  for (const auto& c : cases) EXPECT_EQ(0, run(userapi_fuzz::fuzz_validate, c.body, c.file + ": " + c.name));
}

TEST(FuzzInvariantsOnCorpus, EveryBuildCase) {
  const auto cases = vectors::load_build_cases();
  ASSERT_GE(cases.size(), 60u);
  for (const auto& c : cases) {
    const std::string base = c.base_url.value_or(std::string(userapi::contract::kDefaultBaseUrl));
    const std::string input = userapi_fuzz::encode_build_input(c.body, base, c.token);
    const bool splits = base.find('\0') == std::string::npos && c.token.find('\0') == std::string::npos;
    if (splits) {
      EXPECT_EQ(0, run(userapi_fuzz::fuzz_build, input, c.file + ": " + c.name));
    }
    EXPECT_EQ(0, run(userapi_fuzz::fuzz_validate, c.body, c.file + ": " + c.name + " (body)"));
  }
}

TEST(FuzzInvariantsOnCorpus, EveryResponseCase) {
  const auto cases = vectors::load_response_cases();
  ASSERT_GE(cases.size(), 60u);
  for (const auto& c : cases) {
    const std::optional<std::string_view> sent =
        c.sent_body ? std::optional<std::string_view>(*c.sent_body) : std::nullopt;
    const std::string input = userapi_fuzz::encode_response_input(c.status, c.text, sent);
    EXPECT_EQ(0, run(userapi_fuzz::fuzz_response, input, c.file + ": " + c.name));
  }
}

// The input formats round-trip (the JavaScript seed writer, tests/fuzz/seeds.mjs, uses them too).
TEST(FuzzInputFormat, RoundTrips) {
  const std::string b = userapi_fuzz::encode_build_input(std::string("{\"a\":\"\0\"}", 10), "https://h", "t");
  const auto in = userapi_fuzz::split_build_input(reinterpret_cast<const std::uint8_t*>(b.data()), b.size());
  EXPECT_EQ(in.body, std::string_view("{\"a\":\"\0\"}", 10));
  EXPECT_EQ(in.base_url, "https://h");
  EXPECT_EQ(in.token, "t");
  const std::string r = userapi_fuzz::encode_response_input(404, "{\"success\":0}", std::string_view("{}"));
  const auto out =
      userapi_fuzz::split_response_input(reinterpret_cast<const std::uint8_t*>(r.data()), r.size());
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(out.sent_body, std::optional<std::string_view>("{}"));
  EXPECT_EQ(out.text, "{\"success\":0}");
}

}  // namespace
