#pragma once
// Error collection shared by the experiment parser's pieces: every mistake with its JSON path.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmsim/io/scenario_json.hpp"

namespace firmsim::io::experiment_detail {

class Checker {
 public:
  void error(std::string path, std::string message) {
    errors_.push_back({std::move(path), std::move(message)});
  }
  /// Reports every key of `obj` not in `allowed`, with a "did you mean" for near misses.
  void known_keys(const nlohmann::json& obj, const std::string& path,
                  std::initializer_list<std::string_view> allowed);
  /// Reads an integer in [min, max]; a missing key gives `fallback`, a bad one an error.
  std::optional<long long> integer(const nlohmann::json& obj, const std::string& path,
                                   const char* key, long long min, long long max,
                                   std::optional<long long> fallback);
  std::optional<double> number(const nlohmann::json& obj, const std::string& path,
                               const char* key);
  std::optional<std::string> string(const nlohmann::json& obj, const std::string& path,
                                    const char* key, std::optional<std::string> fallback);
  /// Checks that `pointer` names an existing field of `scenario` that the design may change.
  bool pointer(const nlohmann::ordered_json& scenario, const std::string& path,
               const std::string& pointer);
  /// Checks that the scenario with `overrides` applied is valid; names `path` on failure.
  bool scenario_with(const nlohmann::ordered_json& base, const std::string& path,
                     const std::vector<std::pair<std::string, nlohmann::json>>& overrides);

  const std::vector<ScenarioError>& errors() const { return errors_; }
  std::vector<ScenarioError> take() { return std::move(errors_); }
  std::size_t count() const { return errors_.size(); }

 private:
  std::vector<ScenarioError> errors_;
};

/// The closest of `candidates` to `word` when it is a plausible typo, else "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

/// Shortest text of a number, for messages.
std::string number_text(double x);

/// JSON path of a child: path + "/" + key with `~` and `/` escaped.
std::string child_path(const std::string& path, std::string_view key);

}  // namespace firmsim::io::experiment_detail
