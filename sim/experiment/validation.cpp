// Checks shared by the experiment parser: keys, numbers, JSON pointers and scenario validity.
#include "experiment/validation.hpp"

#include <algorithm>
#include <cmath>

#include "firmsim/io/experiment.hpp"
#include "firmsim/io/results.hpp"

namespace firmsim::io::experiment_detail {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

template <class Json>
std::string type_name(const Json& v) {
  return v.type_name();
}

}  // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string number_text(double x) {
  std::string out;
  append_number(out, x);
  return out;
}

std::string child_path(const std::string& path, std::string_view key) {
  std::string out = path + "/";
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void Checker::known_keys(const nlohmann::json& obj, const std::string& path,
                         std::initializer_list<std::string_view> allowed) {
  const std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& [key, value] : obj.items()) {
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    std::string message = "unknown field";
    const std::string guess = closest(key, names);
    if (!guess.empty()) message += " (did you mean \"" + guess + "\"?)";
    error(child_path(path, key), message);
  }
}

std::optional<long long> Checker::integer(const nlohmann::json& obj, const std::string& path,
                                          const char* key, long long min, long long max,
                                          std::optional<long long> fallback) {
  const std::string where = child_path(path, key);
  if (!obj.contains(key)) {
    if (!fallback) error(where, "missing (required)");
    return fallback;
  }
  const nlohmann::json& v = obj[key];
  long long x = 0;
  if (v.is_number_unsigned() && v.get<unsigned long long>() > 9.0e18) {
    error(where, "out of range: must be at most " + std::to_string(max));
    return std::nullopt;
  } else if (v.is_number_integer()) {
    x = v.get<long long>();
  } else if (v.is_number_float() && std::isfinite(v.get<double>()) &&
             std::floor(v.get<double>()) == v.get<double>() && std::fabs(v.get<double>()) < 9e18) {
    x = static_cast<long long>(v.get<double>());
  } else {
    error(where, "wrong type: expected an integer, got " + type_name(v));
    return std::nullopt;
  }
  if (x < min || x > max) {
    error(where, "out of range: " + std::to_string(x) + " is not in [" + std::to_string(min) +
                     ", " + std::to_string(max) + "]");
    return std::nullopt;
  }
  return x;
}

std::optional<double> Checker::number(const nlohmann::json& obj, const std::string& path,
                                      const char* key) {
  const std::string where = child_path(path, key);
  if (!obj.contains(key)) {
    error(where, "missing (required)");
    return std::nullopt;
  }
  const nlohmann::json& v = obj[key];
  if (!v.is_number()) {
    error(where, "wrong type: expected a number, got " + type_name(v));
    return std::nullopt;
  }
  return v.get<double>();
}

std::optional<std::string> Checker::string(const nlohmann::json& obj, const std::string& path,
                                           const char* key, std::optional<std::string> fallback) {
  const std::string where = child_path(path, key);
  if (!obj.contains(key)) {
    if (!fallback) error(where, "missing (required)");
    return fallback;
  }
  if (!obj[key].is_string()) {
    error(where, "wrong type: expected a string, got " + type_name(obj[key]));
    return std::nullopt;
  }
  return obj[key].get<std::string>();
}

bool Checker::pointer(const nlohmann::ordered_json& scenario, const std::string& path,
                      const std::string& text) {
  if (text.empty() || text[0] != '/') {
    error(path, "\"" + text + "\" is not a JSON pointer into the scenario (it must start with /)");
    return false;
  }
  nlohmann::json::json_pointer ptr;
  try {
    ptr = nlohmann::json::json_pointer(text);
  } catch (const nlohmann::json::exception&) {
    error(path, "\"" + text + "\" is not a valid JSON pointer (escape ~ as ~0 and / as ~1)");
    return false;
  }
  if (text == "/seed" || text == "/steps") {
    error(path, text + " is set by the experiment itself: use its \"seed\" and \"steps\" fields");
    return false;
  }
  // Walk the pointer one token at a time to name the first part that does not exist.
  const nlohmann::ordered_json* node = &scenario;
  std::string walked;
  for (std::size_t start = 1; start <= text.size();) {
    std::size_t end = text.find('/', start);
    if (end == std::string::npos) end = text.size();
    const std::string raw = text.substr(start, end - start);
    const std::string token = nlohmann::json::json_pointer("/" + raw).back();
    if (node->is_object()) {
      if (!node->contains(token)) {
        std::vector<std::string> keys;
        for (const auto& item : node->items()) keys.push_back(item.key());
        std::string message = "\"" + text + "\" does not exist in the scenario: no field \"" +
                              token + "\" in " + (walked.empty() ? "/" : walked);
        const std::string guess = closest(token, keys);
        if (!guess.empty()) message += " (did you mean \"" + guess + "\"?)";
        error(path, message);
        return false;
      }
      node = &(*node)[token];
    } else if (node->is_array()) {
      const bool digits = !token.empty() && std::all_of(token.begin(), token.end(), [](char ch) {
                            return ch >= '0' && ch <= '9';
                          });
      if (!digits || (token.size() > 1 && token[0] == '0') || token.size() > 9 ||
          std::stoul(token) >= node->size()) {
        error(path, "\"" + text + "\" does not exist in the scenario: " + walked + " has " +
                        std::to_string(node->size()) + " elements, indexed 0.." +
                        std::to_string(node->size() == 0 ? 0 : node->size() - 1));
        return false;
      }
      node = &(*node)[std::stoul(token)];
    } else {
      error(path, "\"" + text + "\" does not exist in the scenario: " + walked + " is a " +
                      type_name(*node) + ", not an object or an array");
      return false;
    }
    walked += "/" + raw;
    start = end + 1;
  }
  return true;
}

bool Checker::scenario_with(const nlohmann::ordered_json& base, const std::string& path,
                            const std::vector<std::pair<std::string, nlohmann::json>>& overrides) {
  nlohmann::ordered_json doc = base;
  for (const auto& [pointer, value] : overrides)
    doc[nlohmann::ordered_json::json_pointer(pointer)] = nlohmann::ordered_json(value);
  const ParseResult parsed = parse_scenario(doc);
  if (parsed.ok()) return true;
  for (const ScenarioError& e : parsed.errors)
    error(path, "makes the scenario invalid: " + (e.path.empty() ? "" : e.path + ": ") + e.message);
  return false;
}

}  // namespace firmsim::io::experiment_detail
