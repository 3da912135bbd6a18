#include "firmsim/io/scenario_json.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/scenario_checks.hpp"
#include "io/scenario_reader.hpp"
#include "io/scenario_syntax.hpp"
#include "io/scenario_writer.hpp"

namespace firmsim::io {

namespace {

/// True when one JSON pointer is the other or lies inside it.
bool overlaps(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  return longer.compare(0, shorter.size(), shorter) == 0 &&
         (longer.size() == shorter.size() || longer[shorter.size()] == '/');
}

}  // namespace

ParseResult parse_scenario(const nlohmann::json& doc) {
  ParseResult result;
  if (!doc.is_object()) {
    result.errors.push_back(
        {"", "wrong type: a scenario is a JSON object, got " + describe_json_value(doc)});
    return result;
  }
  Scenario scenario;
  JsonReader::read_object(doc, "", scenario, result.errors);
  // Cross-field checks run on what could be read; a field that already has a mistake (or lies
  // inside one) is not blamed twice.
  Errors cross;
  for (const ConsistencyCheck& check : consistency_checks()) check.check(scenario, cross);
  const std::size_t field_errors = result.errors.size();
  for (ScenarioError& error : cross) {
    bool blamed = false;
    for (std::size_t i = 0; i < field_errors && !blamed; ++i) {
      blamed = overlaps(result.errors[i].path, error.path);
    }
    if (!blamed) result.errors.push_back(std::move(error));
  }
  if (result.errors.empty()) result.scenario = std::move(scenario);
  return result;
}

ParseResult parse_scenario(const nlohmann::ordered_json& doc) {
  return parse_scenario(nlohmann::json(doc));
}

ParseResult parse_scenario(std::string_view json_text) {
  Errors syntax;
  const std::optional<nlohmann::json> doc = parse_json_text(json_text, syntax);
  if (!doc) return ParseResult{std::nullopt, std::move(syntax)};
  ParseResult result = parse_scenario(*doc);
  if (!syntax.empty()) {
    result.errors.insert(result.errors.begin(), syntax.begin(), syntax.end());
    result.scenario.reset();
  }
  return result;
}

ParseResult parse_scenario(const std::string& json_text) {
  return parse_scenario(std::string_view(json_text));
}

ParseResult parse_scenario(const char* json_text) {
  return parse_scenario(std::string_view(json_text));
}

ParseResult load_scenario_file(const std::filesystem::path& file) {
  const auto unreadable = [&file](const std::string& why) {
    return ParseResult{std::nullopt, {{"", "cannot read " + file.string() + ": " + why}}};
  };
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) return unreadable("it is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) return unreadable(std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return unreadable(std::strerror(errno));
  return parse_scenario(text.str());
}

nlohmann::ordered_json scenario_to_json(const Scenario& scenario) {
  return JsonWriter::write(scenario);
}

nlohmann::ordered_json scenario_schema() {
  Scenario defaults;
  nlohmann::ordered_json body = SchemaWriter::schema_of(
      defaults,
      "A firmsim scenario: the world, the initial firm population, the behavioural parameters "
      "and what to write. Every field is optional and takes the default shown; `firmsim init` "
      "writes them all.");
  nlohmann::ordered_json schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["title"] = "firmsim scenario";
  for (auto it = body.begin(); it != body.end(); ++it) schema[it.key()] = it.value();
  return schema;
}

const Scenario& default_scenario() {
  static const Scenario scenario = [] {
    ParseResult result = parse_scenario(kDefaultScenarioJson);
    if (!result.ok()) {
      throw std::logic_error(
          "the embedded default scenario is invalid (run tools/regen-scenarios):\n" +
          format_errors(result.errors));
    }
    return std::move(*result.scenario);
  }();
  return scenario;
}

std::string format_errors(const std::vector<ScenarioError>& errors) {
  std::string out;
  for (const ScenarioError& error : errors) {
    out += error.path.empty() ? error.message : error.path + ": " + error.message;
    out += '\n';
  }
  return out;
}

}  // namespace firmsim::io
