#include "userapi/json.h"
#include "userapi/violation.h"

namespace userapi {

void write_json(JsonWriter& out, const Violation& v) {
  out.begin_object();
  out.key("location").string(to_string(v.location));
  out.key("path").string(v.path);
  out.key("code").string(code_id(v.code));
  out.key("severity").string(to_string(v.severity));
  out.key("message").string(v.message);
  if (!v.params.empty()) {
    out.key("params").begin_object();
    for (const Param& p : v.params) {
      out.key(p.name);
      if (p.numeric)
        out.raw(p.value);
      else
        out.string(p.value);
    }
    out.end_object();
  }
  if (v.position) {
    out.key("offset").number(std::uint64_t{v.position->offset});
    out.key("line").number(std::uint64_t{v.position->line});
    out.key("column").number(std::uint64_t{v.position->column});
    out.key("from").number(std::uint64_t{v.position->from});
    out.key("to").number(std::uint64_t{v.position->to});
  }
  out.end_object();
}

void write_json(JsonWriter& out, const std::vector<Violation>& violations) {
  out.begin_array();
  for (const Violation& v : violations) write_json(out, v);
  out.end_array();
}

void write_members(JsonWriter& out, const Report& report) {
  out.key("valid").boolean(report.valid);
  out.key("violations");
  write_json(out, report.violations);
}

std::string to_json(const Report& report) {
  JsonWriter out;
  out.begin_object();
  write_members(out, report);
  out.end_object();
  return std::move(out).take();
}

}  // namespace userapi
