#pragma once
/// Scenario files: JSON in, a typed Scenario out, with every mistake named by its JSON path.
///
/// The parser, the writer (`firmsim init`) and the schema (`scenarios/schema.json`) all walk the
/// scenario structs' `describe()`, so they cannot disagree about a field.
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
  /// All mistakes at once: syntax, then field by field in describe() order, then cross-field.
  std::vector<ScenarioError> errors;
  bool ok() const { return errors.empty(); }
};

/// Parses JSON text (reports "not JSON" with line and column on a syntax error, and duplicate
/// keys).
ParseResult parse_scenario(std::string_view json_text);
ParseResult parse_scenario(const std::string& json_text);
ParseResult parse_scenario(const char* json_text);
/// Parses an already-parsed JSON document; fields left out take their documented defaults.
ParseResult parse_scenario(const nlohmann::json& doc);
ParseResult parse_scenario(const nlohmann::ordered_json& doc);
/// Reads and parses a file; an unreadable file is one error with path "".
ParseResult load_scenario_file(const std::filesystem::path& file);

/// The scenario with every field explicit, in describe() order (what `firmsim init` writes).
/// Edit it with json pointers and hand it back to parse_scenario().
nlohmann::ordered_json scenario_to_json(const Scenario& scenario);
/// The JSON Schema (draft 2020-12) of scenario files, generated from the field descriptions.
nlohmann::ordered_json scenario_schema();

/// The default scenario embedded in the program (scenarios/default.json at build time).
extern const std::string_view kDefaultScenarioJson;
/// The embedded default, parsed once; throws std::logic_error if the embedded file is invalid.
const Scenario& default_scenario();

/// "path: message" lines, one per error (just the message when the path is "").
std::string format_errors(const std::vector<ScenarioError>& errors);

}  // namespace firmsim::io
