#include "detail/json_write.h"

#include "detail/json_escape.h"

namespace userapi::detail {

void write_compact(const Node& node, std::string& out) {
  switch (node.kind) {
    case Node::Kind::null: out += "null"; return;
    case Node::Kind::boolean: out += node.boolean ? "true" : "false"; return;
    case Node::Kind::number: out += node.text; return;
    case Node::Kind::string: append_json_string(out, node.text); return;
    case Node::Kind::object:
      if (node.folded) {  // written during the parse (Limits::fold_text)
        out += node.text;
        return;
      }
      out.push_back('{');
      for (std::size_t i = 0; i < node.members.size(); ++i) {
        if (i) out.push_back(',');
        append_json_string(out, node.members[i].key);
        out.push_back(':');
        write_compact(node.members[i].value, out);
      }
      out.push_back('}');
      return;
    case Node::Kind::array:
      if (node.folded) {
        out += node.text;
        return;
      }
      out.push_back('[');
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i) out.push_back(',');
        write_compact(node.items[i], out);
      }
      out.push_back(']');
      return;
  }
}

}  // namespace userapi::detail
