// Collects violations for one input and turns them into a sorted Report with positions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "userapi/violation.h"

namespace userapi::detail {

/// Byte range of the offending key or value in the input.
struct Span {
  std::uint32_t offset;
  std::uint32_t end;
};

/// Builds a violation: looks up the code's severity and renders its message from the params.
Violation make_violation(Code code, Location location, std::string path, std::optional<Span> span,
                         std::vector<Param> params = {}, std::optional<Severity> severity = {});

Param number_param(std::string name, std::uint64_t value);
Param text_param(std::string name, std::string value);

class ReportBuilder {
 public:
  ReportBuilder(Location location, std::string_view input) : location_(location), input_(input) {}

  void add(Code code, std::string path, std::optional<Span> span, std::vector<Param> params = {},
           std::optional<Severity> severity = {}) {
    violations_.push_back(
        make_violation(code, location_, std::move(path), span, std::move(params), severity));
  }

  /// Fills line and column from the input, sorts, and sets `valid`.
  Report finish() &&;

 private:
  void fill_positions();
  Location location_;
  std::string_view input_;
  std::vector<Violation> violations_;
};

/// The contract's order: location, then path, then code (byte-wise), then offset.
void sort_violations(std::vector<Violation>& violations);

/// Appends `more` to `into`, re-sorts and recomputes `valid`.
void merge_into(Report& into, Report more);

}  // namespace userapi::detail
