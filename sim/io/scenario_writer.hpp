#pragma once
// Writes a struct with describe() as JSON (every field explicit, in describe() order) and
// writes its JSON Schema (draft 2020-12). Usable for any described struct, not only Scenario.
#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "firmsim/describe.hpp"
#include "io/scenario_reader.hpp"

namespace firmsim::io {

/// `true`, `false` or `"auto"`.
nlohmann::ordered_json on_off_auto_json(OnOffAuto value);

class JsonWriter {
 public:
  explicit JsonWriter(nlohmann::ordered_json& out) : out_(out) {}

  template <class T>
  void field(std::string_view key, T& value, const Doc& /*doc*/) {
    out_[std::string(key)] = value;
  }
  void numbers(std::string_view key, std::vector<double>& values, const Doc& /*doc*/) {
    out_[std::string(key)] = values;
  }
  void on_off_auto(std::string_view key, OnOffAuto& value, const Doc& /*doc*/) {
    out_[std::string(key)] = on_off_auto_json(value);
  }
  void choice(std::string_view key, std::string& value,
              std::initializer_list<const char*> /*options*/, const Doc& /*doc*/) {
    out_[std::string(key)] = value;
  }
  template <class T>
  void object(std::string_view key, T& value, const char* /*text*/) {
    out_[std::string(key)] = write(value);
  }
  template <class T>
  void list(std::string_view key, std::vector<T>& values, std::size_t /*min_items*/,
            const char* /*text*/) {
    out_[std::string(key)] = write_list(values);
  }

  /// The JSON object of `value`, every field explicit.
  template <class T>
  static nlohmann::ordered_json write(T value) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    JsonWriter writer(out);
    value.describe(writer);
    return out;
  }
  template <class T>
  static nlohmann::ordered_json write_list(const std::vector<T>& values) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const T& item : values) out.push_back(write(item));
    return out;
  }

 private:
  nlohmann::ordered_json& out_;
};

class SchemaWriter {
 public:
  /// Adds one entry to `properties` per described field.
  explicit SchemaWriter(nlohmann::ordered_json& properties) : properties_(properties) {}

  template <class T>
  void field(std::string_view key, T& value, const Doc& doc) {
    nlohmann::ordered_json s;
    if constexpr (std::is_same_v<T, bool>) {
      s = leaf("boolean", doc, nullptr);
    } else if constexpr (std::is_same_v<T, std::string>) {
      s = leaf("string", doc, nullptr);
    } else {
      static_assert(std::is_arithmetic_v<T>, "describe() field of an unsupported type");
      const Range range = range_of<T>(doc);
      s = leaf(std::is_integral_v<T> ? "integer" : "number", doc, &range);
    }
    s["default"] = value;
    properties_[std::string(key)] = std::move(s);
  }
  void numbers(std::string_view key, std::vector<double>& values, const Doc& doc);
  void on_off_auto(std::string_view key, OnOffAuto& value, const Doc& doc);
  void choice(std::string_view key, std::string& value,
              std::initializer_list<const char*> options, const Doc& doc);
  template <class T>
  void object(std::string_view key, T& value, const char* text) {
    properties_[std::string(key)] = schema_of(value, text);
  }
  template <class T>
  void list(std::string_view key, std::vector<T>& values, std::size_t min_items,
            const char* text) {
    nlohmann::ordered_json s;
    s["type"] = "array";
    s["description"] = text;
    s["minItems"] = min_items;
    T item{};
    s["items"] = schema_of(item, "");
    s["default"] = JsonWriter::write_list(values);
    properties_[std::string(key)] = std::move(s);
  }

  /// The schema of an object described by `defaults` (its values become the defaults).
  template <class T>
  static nlohmann::ordered_json schema_of(T& defaults, const char* text) {
    nlohmann::ordered_json s;
    s["type"] = "object";
    if (*text != '\0') s["description"] = text;
    nlohmann::ordered_json properties = nlohmann::ordered_json::object();
    SchemaWriter writer(properties);
    defaults.describe(writer);
    s["properties"] = std::move(properties);
    s["additionalProperties"] = false;
    return s;
  }

 private:
  /// type, description (with the unit) and, for numbers, minimum and maximum.
  static nlohmann::ordered_json leaf(const char* type, const Doc& doc, const Range* range);

  nlohmann::ordered_json& properties_;
};

}  // namespace firmsim::io
