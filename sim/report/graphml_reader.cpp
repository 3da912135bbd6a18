#include "report/graphml_reader.hpp"

#include <charconv>
#include <fstream>
#include <stdexcept>
#include <unordered_map>

namespace firmsim::report {

namespace {

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const std::size_t end = s.find(';', i);
    if (end == std::string_view::npos) {
      out.push_back('&');
      continue;
    }
    const std::string_view ent = s.substr(i + 1, end - i - 1);
    if (ent == "amp") out.push_back('&');
    else if (ent == "lt") out.push_back('<');
    else if (ent == "gt") out.push_back('>');
    else if (ent == "quot") out.push_back('"');
    else if (ent == "apos") out.push_back('\'');
    else if (!ent.empty() && ent[0] == '#') {
      const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      const std::string_view digits = ent.substr(hex ? 2 : 1);
      unsigned code = 0;
      std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
      if (code > 0 && code < 0x80) out.push_back(static_cast<char>(code));
    } else {
      out.append(s.substr(i, end - i + 1));
    }
    i = end;
  }
  return out;
}

// One tag: its name, whether it closes (</x>) or is empty (<x/>), and its attributes.
struct Tag {
  std::string name;
  bool closing = false;
  bool empty = false;
  std::vector<std::pair<std::string, std::string>> attrs;

  std::string attr(std::string_view key) const {
    for (const auto& [k, v] : attrs)
      if (k == key) return v;
    return {};
  }
};

Tag parse_tag(std::string_view body) {
  Tag tag;
  std::size_t i = 0;
  if (i < body.size() && body[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (!body.empty() && body.back() == '/') {
    tag.empty = true;
    body.remove_suffix(1);
  }
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  const std::size_t name_start = i;
  while (i < body.size() && !is_space(body[i])) ++i;
  tag.name = std::string(body.substr(name_start, i - name_start));
  if (const std::size_t colon = tag.name.find(':'); colon != std::string::npos)
    tag.name.erase(0, colon + 1);
  while (i < body.size()) {
    while (i < body.size() && is_space(body[i])) ++i;
    const std::size_t key_start = i;
    while (i < body.size() && body[i] != '=' && !is_space(body[i])) ++i;
    const std::string key(body.substr(key_start, i - key_start));
    while (i < body.size() && body[i] != '"' && body[i] != '\'') ++i;
    if (i >= body.size()) break;
    const char quote = body[i++];
    const std::size_t value_start = i;
    while (i < body.size() && body[i] != quote) ++i;
    tag.attrs.emplace_back(key, unescape(body.substr(value_start, i - value_start)));
    ++i;
  }
  return tag;
}

}  // namespace

const std::string* GraphmlElement::find(std::string_view name) const {
  for (const auto& [k, v] : data)
    if (k == name) return &v;
  return nullptr;
}

void read_graphml(const std::filesystem::path& file, const GraphmlCallbacks& callbacks) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::streambuf& buf = *in.rdbuf();
  std::unordered_map<std::string, std::string> key_names;  // key id -> attr.name
  GraphmlElement element;
  enum class In { none, node, edge } inside = In::none;
  std::string data_key, text, body;
  bool in_data = false, seen_graphml = false;

  auto finish = [&](In kind) {
    if (kind == In::node && callbacks.node) callbacks.node(element);
    if (kind == In::edge && callbacks.edge) callbacks.edge(element);
    inside = In::none;
  };

  for (int c = buf.sbumpc(); c != std::char_traits<char>::eof(); c = buf.sbumpc()) {
    if (c != '<') {
      if (in_data) text.push_back(static_cast<char>(c));
      continue;
    }
    body.clear();
    for (c = buf.sbumpc(); c != std::char_traits<char>::eof() && c != '>'; c = buf.sbumpc())
      body.push_back(static_cast<char>(c));
    if (body.empty() || body[0] == '?' || body[0] == '!') continue;
    const Tag tag = parse_tag(body);
    if (tag.name == "graphml") {
      seen_graphml = true;
    } else if (tag.name == "key" && !tag.closing) {
      key_names[tag.attr("id")] = tag.attr("attr.name").empty() ? tag.attr("id")
                                                                 : tag.attr("attr.name");
    } else if (tag.name == "node" || tag.name == "edge") {
      const In kind = tag.name == "node" ? In::node : In::edge;
      if (tag.closing) {
        if (inside == kind) finish(kind);
        continue;
      }
      element = GraphmlElement{};
      element.id = tag.attr("id");
      element.source = tag.attr("source");
      element.target = tag.attr("target");
      inside = kind;
      if (tag.empty) finish(kind);
    } else if (tag.name == "data" && inside != In::none) {
      if (!tag.closing) {
        data_key = tag.attr("key");
        text.clear();
        in_data = !tag.empty;
        if (tag.empty) element.data.emplace_back(key_names.count(data_key) ? key_names[data_key] : data_key, "");
      } else if (in_data) {
        const auto it = key_names.find(data_key);
        element.data.emplace_back(it != key_names.end() ? it->second : data_key, unescape(text));
        in_data = false;
      }
    }
  }
  if (!seen_graphml) throw std::runtime_error(file.string() + " is not a GraphML file");
}

}  // namespace firmsim::report
