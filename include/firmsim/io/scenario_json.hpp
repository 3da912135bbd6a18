#pragma once
/// Scenario files: JSON in, a typed Scenario out, with every mistake named by its JSON path.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmsim/scenario.hpp"

namespace firmsim::io {

/// One mistake in a scenario: where (a JSON path such as `/world/regions/3/country`) and why.
struct ScenarioError {
  std::string path;
  std::string message;
};

struct ParseResult {
  std::optional<Scenario> scenario;  ///< set only when there are no errors
  std::vector<ScenarioError> errors;  ///< all mistakes at once, in document order
  bool ok() const { return errors.empty(); }
};

/// Parses JSON text (reports "not JSON" with line and column on a syntax error).
ParseResult parse_scenario(std::string_view json_text);
/// Parses an already-parsed JSON document; fields left out take their documented defaults.
ParseResult parse_scenario(const nlohmann::json& doc);
/// Reads and parses a file; an unreadable file is one error with path "".
ParseResult load_scenario_file(const std::filesystem::path& file);

/// The scenario with every field explicit (what `firmsim init` writes).
nlohmann::json scenario_to_json(const Scenario& scenario);
/// The JSON Schema (draft 2020-12) of scenario files, generated from the field descriptions.
nlohmann::json scenario_schema();

/// The default scenario embedded in the program (scenarios/default.json at build time).
extern const std::string_view kDefaultScenarioJson;
const Scenario& default_scenario();

/// "path: message" lines, one per error.
std::string format_errors(const std::vector<ScenarioError>& errors);

}  // namespace firmsim::io
