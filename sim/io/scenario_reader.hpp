#pragma once
// Reads JSON into a struct with describe(): starts from the struct's defaults, overrides what
// the document gives, and collects every mistake (wrong type, out of range, unknown field, too
// few items) with its JSON pointer. Usable for any described struct, not only Scenario.
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "firmsim/describe.hpp"
#include "firmsim/io/scenario_json.hpp"

namespace firmsim::io {

using Errors = std::vector<ScenarioError>;

/// `path` + "/" + `key`, escaping `~` and `/` as JSON pointers require.
std::string pointer_append(std::string_view path, std::string_view key);
std::string pointer_append(std::string_view path, std::size_t index);

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// The inclusive range a numeric field accepts: its Doc's, narrowed to what the C++ type holds.
struct Range {
  long double min;
  long double max;
  bool integral;
};

template <class T>
Range range_of(const Doc& doc) {
  Range range{doc.min, doc.max, std::is_integral_v<T>};
  if constexpr (std::is_integral_v<T>) {
    range.min = std::max<long double>(range.min, std::numeric_limits<T>::lowest());
    range.max = std::min<long double>(range.max, std::numeric_limits<T>::max());
  }
  return range;
}

class JsonReader {
 public:
  /// Reads the fields of `object` (a JSON object found at `path`); appends mistakes to `errors`.
  JsonReader(const nlohmann::json& object, std::string path, Errors& errors);

  template <class T>
  void field(std::string_view key, T& value, const Doc& doc) {
    const nlohmann::json* j = find(key);
    if (j == nullptr) return;
    const std::string path = pointer_append(path_, key);
    if constexpr (std::is_same_v<T, bool>) {
      read_bool(*j, path, value);
    } else if constexpr (std::is_same_v<T, std::string>) {
      read_string(*j, path, value);
    } else {
      static_assert(std::is_arithmetic_v<T>, "describe() field of an unsupported type");
      if (const auto v = read_number(*j, path, range_of<T>(doc), doc.unit)) {
        value = static_cast<T>(*v);
      }
    }
  }

  void numbers(std::string_view key, std::vector<double>& values, const Doc& doc);
  /// true, false or "auto".
  void on_off_auto(std::string_view key, OnOffAuto& value, const Doc& doc);
  void choice(std::string_view key, std::string& value,
              std::initializer_list<const char*> options, const Doc& doc);

  template <class T>
  void object(std::string_view key, T& value, const char* /*text*/) {
    const nlohmann::json* j = find(key);
    if (j == nullptr) return;
    read_object(*j, pointer_append(path_, key), value, errors_);
  }

  template <class T>
  void list(std::string_view key, std::vector<T>& values, std::size_t min_items,
            const char* /*text*/) {
    const nlohmann::json* j = find(key);
    if (j == nullptr) return;
    const std::string path = pointer_append(path_, key);
    if (!expect_array(*j, path, min_items)) return;
    std::vector<T> items(j->size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      read_object((*j)[i], pointer_append(path, i), items[i], errors_);
    }
    values = std::move(items);
  }

  /// Reports every key of the object that no describe() call named, with a "did you mean".
  void report_unknown_keys();

  /// Reads `json` (found at `path`) into `value`, which keeps its defaults where `json` is
  /// silent.
  template <class T>
  static void read_object(const nlohmann::json& json, const std::string& path, T& value,
                          Errors& errors) {
    if (!expect_object(json, path, errors)) return;
    JsonReader reader(json, path, errors);
    value.describe(reader);
    reader.report_unknown_keys();
  }

 private:
  const nlohmann::json* find(std::string_view key);
  static bool expect_object(const nlohmann::json& json, const std::string& path, Errors& errors);
  bool expect_array(const nlohmann::json& json, const std::string& path, std::size_t min_items);
  void read_bool(const nlohmann::json& json, const std::string& path, bool& value);
  void read_string(const nlohmann::json& json, const std::string& path, std::string& value);
  std::optional<long double> read_number(const nlohmann::json& json, const std::string& path,
                                         const Range& range, std::string_view unit);

  const nlohmann::json& object_;
  std::string path_;
  Errors& errors_;
  std::vector<std::string> known_;
};

/// "a string (\"abc\")", "a number (2.5)", "an array", ...: what a wrong value was.
std::string describe_json_value(const nlohmann::json& json);

}  // namespace firmsim::io
