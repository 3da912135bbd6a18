#include "io/scenario_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <sstream>

namespace firmsim::io {

namespace {

std::string json_quoted(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

std::string format_bound(long double bound, bool integral) {
  if (integral) {
    return bound < 0 ? std::to_string(static_cast<long long>(bound))
                     : std::to_string(static_cast<unsigned long long>(bound));
  }
  std::ostringstream out;
  out << std::setprecision(15) << static_cast<double>(bound);
  return out.str();
}

std::string range_text(const Range& range, std::string_view unit) {
  const bool has_min = std::isfinite(static_cast<double>(range.min));
  const bool has_max = std::isfinite(static_cast<double>(range.max));
  std::string text;
  if (has_min && has_max) {
    text = "in [" + format_bound(range.min, range.integral) + ", " +
           format_bound(range.max, range.integral) + "]";
  } else if (has_min) {
    text = ">= " + format_bound(range.min, range.integral);
  } else {
    text = "<= " + format_bound(range.max, range.integral);
  }
  if (!unit.empty()) text += " (unit: " + std::string(unit) + ")";
  return text;
}

/// Optimal-string-alignment distance (insertions, deletions, substitutions, transpositions),
/// ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string pointer_append(std::string_view path, std::string_view key) {
  std::string out(path);
  out += '/';
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_append(std::string_view path, std::size_t index) {
  return std::string(path) + "/" + std::to_string(index);
}

std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string describe_json_value(const nlohmann::json& json) {
  std::string shown = json.dump();
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  switch (json.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "a boolean (" + shown + ")";
    case nlohmann::json::value_t::string: return "a string (" + shown + ")";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    default: return "a number (" + shown + ")";
  }
}

JsonReader::JsonReader(const nlohmann::json& object, std::string path, Errors& errors)
    : object_(object), path_(std::move(path)), errors_(errors) {}

const nlohmann::json* JsonReader::find(std::string_view key) {
  known_.emplace_back(key);
  const auto it = object_.find(known_.back());
  return it == object_.end() ? nullptr : &*it;
}

bool JsonReader::expect_object(const nlohmann::json& json, const std::string& path,
                               Errors& errors) {
  if (json.is_object()) return true;
  errors.push_back({path, "wrong type: expected an object, got " + describe_json_value(json)});
  return false;
}

bool JsonReader::expect_array(const nlohmann::json& json, const std::string& path,
                              std::size_t min_items) {
  if (!json.is_array()) {
    errors_.push_back({path, "wrong type: expected an array, got " + describe_json_value(json)});
    return false;
  }
  if (json.size() < min_items) {
    errors_.push_back({path, "too few items: " + std::to_string(json.size()) +
                                 " given, at least " + std::to_string(min_items) + " needed"});
  }
  return true;
}

void JsonReader::read_bool(const nlohmann::json& json, const std::string& path, bool& value) {
  if (json.is_boolean()) {
    value = json.get<bool>();
  } else {
    errors_.push_back(
        {path, "wrong type: expected a boolean (true or false), got " + describe_json_value(json)});
  }
}

void JsonReader::read_string(const nlohmann::json& json, const std::string& path,
                             std::string& value) {
  if (json.is_string()) {
    value = json.get<std::string>();
  } else {
    errors_.push_back({path, "wrong type: expected a string, got " + describe_json_value(json)});
  }
}

std::optional<long double> JsonReader::read_number(const nlohmann::json& json,
                                                   const std::string& path, const Range& range,
                                                   std::string_view unit) {
  const char* expected = range.integral ? "an integer" : "a number";
  if (!json.is_number()) {
    errors_.push_back({path, std::string("wrong type: expected ") + expected + ", got " +
                                 describe_json_value(json)});
    return std::nullopt;
  }
  long double v = 0;
  if (json.is_number_unsigned()) {
    v = static_cast<long double>(json.get<std::uint64_t>());
  } else if (json.is_number_integer()) {
    v = static_cast<long double>(json.get<std::int64_t>());
  } else {
    const double d = json.get<double>();
    if (range.integral && d != std::floor(d)) {
      errors_.push_back({path, "wrong type: expected an integer, got a number with a fraction (" +
                                   json.dump() + ")"});
      return std::nullopt;
    }
    v = d;
  }
  if (v >= range.min && v <= range.max) return v;
  if (v < 0 && range.min == 0 && unit == "count") {
    errors_.push_back({path, "negative count (" + json.dump() + "): must be at least 0"});
  } else {
    errors_.push_back(
        {path, "out of range: " + json.dump() + " is not " + range_text(range, unit)});
  }
  return std::nullopt;
}

void JsonReader::numbers(std::string_view key, std::vector<double>& values, const Doc& doc) {
  const nlohmann::json* j = find(key);
  if (j == nullptr) return;
  const std::string path = pointer_append(path_, key);
  if (!j->is_array()) {
    errors_.push_back(
        {path, "wrong type: expected an array of numbers, got " + describe_json_value(*j)});
    return;
  }
  std::vector<double> read;
  for (std::size_t i = 0; i < j->size(); ++i) {
    const auto v = read_number((*j)[i], pointer_append(path, i), range_of<double>(doc), doc.unit);
    if (v) read.push_back(static_cast<double>(*v));
  }
  if (read.size() == j->size()) values = std::move(read);
}

void JsonReader::on_off_auto(std::string_view key, OnOffAuto& value, const Doc& /*doc*/) {
  const nlohmann::json* j = find(key);
  if (j == nullptr) return;
  if (j->is_boolean()) {
    value = j->get<bool>() ? OnOffAuto::on : OnOffAuto::off;
  } else if (j->is_string() && j->get<std::string>() == "auto") {
    value = OnOffAuto::automatic;
  } else {
    errors_.push_back({pointer_append(path_, key),
                       "wrong value: expected true, false or \"auto\", got " +
                           describe_json_value(*j)});
  }
}

void JsonReader::choice(std::string_view key, std::string& value,
                        std::initializer_list<const char*> options, const Doc& /*doc*/) {
  const nlohmann::json* j = find(key);
  if (j == nullptr) return;
  const std::string path = pointer_append(path_, key);
  if (!j->is_string()) {
    errors_.push_back({path, "wrong type: expected a string, got " + describe_json_value(*j)});
    return;
  }
  const std::string given = j->get<std::string>();
  std::vector<std::string> names(options.begin(), options.end());
  if (std::find(names.begin(), names.end(), given) != names.end()) {
    value = given;
    return;
  }
  std::string message = "not a choice: " + json_quoted(given) + " is not one of";
  for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : " ") + json_quoted(names[i]);
  if (const auto near = closest_name(given, names)) message += "; did you mean " + json_quoted(*near) + "?";
  errors_.push_back({path, message});
}

void JsonReader::report_unknown_keys() {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (std::find(known_.begin(), known_.end(), it.key()) != known_.end()) continue;
    std::string message = "unknown field " + json_quoted(it.key());
    if (const auto near = closest_name(it.key(), known_)) {
      message += "; did you mean " + json_quoted(*near) + "?";
    } else {
      message += "; fields here are:";
      for (std::size_t i = 0; i < known_.size(); ++i) message += (i ? ", " : " ") + known_[i];
    }
    errors_.push_back({pointer_append(path_, it.key()), message});
  }
}

}  // namespace firmsim::io
