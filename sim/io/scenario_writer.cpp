#include "io/scenario_writer.hpp"

#include <cmath>
#include <cstdint>

namespace firmsim::io {

namespace {

nlohmann::ordered_json bound_json(long double bound, bool integral) {
  if (!integral) return static_cast<double>(bound);
  if (bound < 0) return static_cast<std::int64_t>(bound);
  return static_cast<std::uint64_t>(bound);
}

}  // namespace

nlohmann::ordered_json SchemaWriter::leaf(const char* type, const Doc& doc, const Range* range) {
  nlohmann::ordered_json s;
  s["type"] = type;
  // Every number names its unit; an empty unit means a pure number.
  std::string description = doc.text;
  const char* unit = *doc.unit == '\0' && range != nullptr ? "dimensionless" : doc.unit;
  if (*unit != '\0') description += std::string(description.empty() ? "[" : " [") + unit + "]";
  s["description"] = description;
  if (range != nullptr) {
    if (std::isfinite(static_cast<double>(range->min))) {
      s["minimum"] = bound_json(range->min, range->integral);
    }
    if (std::isfinite(static_cast<double>(range->max))) {
      s["maximum"] = bound_json(range->max, range->integral);
    }
  }
  return s;
}

void SchemaWriter::numbers(std::string_view key, std::vector<double>& values, const Doc& doc) {
  nlohmann::ordered_json s;
  s["type"] = "array";
  const Range range = range_of<double>(doc);
  nlohmann::ordered_json item = leaf("number", doc, &range);
  s["description"] = item["description"];
  item.erase("description");
  s["items"] = std::move(item);
  s["default"] = values;
  properties_[std::string(key)] = std::move(s);
}

void SchemaWriter::choice(std::string_view key, std::string& value,
                          std::initializer_list<const char*> options, const Doc& doc) {
  nlohmann::ordered_json s = leaf("string", doc, nullptr);
  s["enum"] = nlohmann::ordered_json::array();
  for (const char* option : options) s["enum"].push_back(option);
  s["default"] = value;
  properties_[std::string(key)] = std::move(s);
}

nlohmann::ordered_json on_off_auto_json(OnOffAuto value) {
  if (value == OnOffAuto::automatic) return "auto";
  return value == OnOffAuto::on;
}

void SchemaWriter::on_off_auto(std::string_view key, OnOffAuto& value, const Doc& doc) {
  // No "type": the enum mixes booleans and a string.
  nlohmann::ordered_json s = leaf("string", doc, nullptr);
  s.erase("type");
  s["enum"] = {true, false, "auto"};
  s["default"] = on_off_auto_json(value);
  properties_[std::string(key)] = std::move(s);
}

}  // namespace firmsim::io
