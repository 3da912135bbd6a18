// Scenario parsing: defaults, and one test per kind of mistake a user makes in a scenario file,
// each reported with its JSON path and reason, all at once.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "firmsim/io/scenario_json.hpp"
#include "test_cli_support.hpp"

using firmsim::Scenario;
using firmsim::io::ParseResult;
using firmsim::io::ScenarioError;
using nlohmann::json;

namespace {

/// The default scenario as a JSON document, every field explicit (what `firmsim init` writes).
json default_doc() { return json(firmsim::io::scenario_to_json(Scenario{})); }

json::json_pointer ptr(const std::string& path) { return json::json_pointer(path); }

/// The errors reported at `path` (exactly).
std::vector<ScenarioError> errors_at(const ParseResult& result, const std::string& path) {
  std::vector<ScenarioError> found;
  for (const ScenarioError& e : result.errors) {
    if (e.path == path) found.push_back(e);
  }
  return found;
}

/// Exactly one error, at `path`, whose message contains each of `parts`.
void require_one_error(const ParseResult& result, const std::string& path,
                       std::initializer_list<const char*> parts) {
  INFO(firmsim::io::format_errors(result.errors));
  REQUIRE_FALSE(result.ok());
  REQUIRE_FALSE(result.scenario.has_value());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].path == path);
  for (const char* part : parts) CHECK_THAT(result.errors[0].message, Catch::Contains(part));
}

}  // namespace

TEST_CASE("an empty object is the default scenario", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario("{}");
  INFO(firmsim::io::format_errors(result.errors));
  REQUIRE(result.ok());
  CHECK(firmsim::io::scenario_to_json(*result.scenario) ==
        firmsim::io::scenario_to_json(Scenario{}));
}

TEST_CASE("the default scenario with every field explicit reads back unchanged", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario(default_doc());
  INFO(firmsim::io::format_errors(result.errors));
  REQUIRE(result.ok());
  CHECK(json(firmsim::io::scenario_to_json(*result.scenario)) == default_doc());
}

TEST_CASE("fields given override the defaults and the rest keep them", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario(
      R"({"name": "small", "steps": 12, "world": {"stages": 4, "regions": [
          {"name": "a", "country": "north", "firms": 7}]}})");
  INFO(firmsim::io::format_errors(result.errors));
  REQUIRE(result.ok());
  const Scenario& s = *result.scenario;
  CHECK(s.name == "small");
  CHECK(s.steps == 12);
  REQUIRE(s.world.regions.size() == 1);
  CHECK(s.world.regions[0].firms == 7);
  CHECK(s.world.regions[0].infrastructure == firmsim::RegionSpec{}.infrastructure);
  CHECK(s.world.countries.size() == Scenario{}.world.countries.size());
  CHECK(s.seed == Scenario{}.seed);
}

TEST_CASE("not JSON: the error gives line and column", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario("{\n  \"steps\": 5,\n  oops\n}\n");
  require_one_error(result, "", {"not JSON", "line 3, column"});
}

TEST_CASE("not JSON: a truncated file", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario("{\"steps\": ");
  require_one_error(result, "", {"not JSON", "line 1"});
}

TEST_CASE("wrong type: a string where a number belongs", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario(R"({"steps": "ten"})");
  require_one_error(result, "/steps", {"wrong type", "integer", "\"ten\""});
}

TEST_CASE("wrong type: a fraction where an integer belongs", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario(R"({"world": {"stages": 2.5}})");
  require_one_error(result, "/world/stages", {"wrong type", "integer"});
}

TEST_CASE("wrong type: a number where an object belongs", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario(R"({"market": 3})");
  require_one_error(result, "/market", {"wrong type", "object"});
}

TEST_CASE("wrong type: the document is not an object", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario("[1, 2]");
  require_one_error(result, "", {"wrong type", "object"});
}

TEST_CASE("output.graphml: true, false or auto, and auto by default", "[scenario][outputs]") {
  CHECK(Scenario{}.output.graphml == firmsim::OnOffAuto::automatic);
  const auto graphml_of = [](const char* text) {
    const ParseResult result = firmsim::io::parse_scenario(text);
    INFO(text << "\n" << firmsim::io::format_errors(result.errors));
    REQUIRE(result.ok());
    return result.scenario->output.graphml;
  };
  CHECK(graphml_of(R"({})") == firmsim::OnOffAuto::automatic);
  CHECK(graphml_of(R"({"output": {"graphml": "auto"}})") == firmsim::OnOffAuto::automatic);
  CHECK(graphml_of(R"({"output": {"graphml": true}})") == firmsim::OnOffAuto::on);
  CHECK(graphml_of(R"({"output": {"graphml": false}})") == firmsim::OnOffAuto::off);
  // Written back as it was given.
  for (const auto v : {firmsim::OnOffAuto::automatic, firmsim::OnOffAuto::on,
                       firmsim::OnOffAuto::off}) {
    Scenario sc;
    sc.output.graphml = v;
    const ParseResult back = firmsim::io::parse_scenario(firmsim::io::scenario_to_json(sc));
    REQUIRE(back.ok());
    CHECK(back.scenario->output.graphml == v);
  }
  CHECK(default_doc()["output"]["graphml"] == "auto");
}

TEST_CASE("wrong value: output.graphml neither a boolean nor auto", "[scenario][outputs]") {
  require_one_error(firmsim::io::parse_scenario(R"({"output": {"graphml": "sometimes"}})"),
                    "/output/graphml", {"wrong value", "true, false or \"auto\"", "sometimes"});
  require_one_error(firmsim::io::parse_scenario(R"({"output": {"graphml": 1}})"),
                    "/output/graphml", {"wrong value", "true, false or \"auto\""});
}

TEST_CASE("out of range: the message gives the range and the unit", "[scenario]") {
  json doc = default_doc();
  doc[ptr("/world/countries/0/institutional_quality")] = 1.5;
  require_one_error(firmsim::io::parse_scenario(doc), "/world/countries/0/institutional_quality",
                    {"out of range", "1.5", "[0, 1]"});
  doc = default_doc();
  doc[ptr("/world/regions/1/x_km")] = 2e5;
  require_one_error(firmsim::io::parse_scenario(doc), "/world/regions/1/x_km",
                    {"out of range", "unit: km"});
}

TEST_CASE("out of range: an item of a list of numbers", "[scenario]") {
  json doc = default_doc();
  doc[ptr("/innovation/rd_intensity/2")] = -0.1;
  require_one_error(firmsim::io::parse_scenario(doc), "/innovation/rd_intensity/2",
                    {"out of range"});
}

TEST_CASE("negative count", "[scenario]") {
  json doc = default_doc();
  doc[ptr("/world/regions/0/firms")] = -3;
  require_one_error(firmsim::io::parse_scenario(doc), "/world/regions/0/firms",
                    {"negative count", "-3"});
}

TEST_CASE("unknown field: a near miss gets a did you mean", "[scenario]") {
  require_one_error(firmsim::io::parse_scenario(R"({"stpes": 10})"), "/stpes",
                    {"unknown field", "did you mean \"steps\""});
  require_one_error(
      firmsim::io::parse_scenario(R"({"world": {"regions": [{"firm": 3, "country": "north"}]}})"),
      "/world/regions/0/firm", {"unknown field", "did you mean \"firms\""});
}

TEST_CASE("unknown field: far from every name the known names are listed", "[scenario]") {
  require_one_error(firmsim::io::parse_scenario(R"({"output": {"qqqqqqqq": 1}})"),
                    "/output/qqqqqqqq", {"unknown field", "snapshot_every", "graphml"});
}

TEST_CASE("a region in a country that does not exist", "[scenario]") {
  json doc = default_doc();
  doc[ptr("/world/regions/1/country")] = "nrth";
  require_one_error(firmsim::io::parse_scenario(doc), "/world/regions/1/country",
                    {"no country named \"nrth\"", "did you mean \"north\""});
  doc[ptr("/world/regions/1/country")] = "atlantis";
  require_one_error(firmsim::io::parse_scenario(doc), "/world/regions/1/country",
                    {"no country named \"atlantis\"", "north", "south"});
}

TEST_CASE("duplicate names and duplicate keys", "[scenario]") {
  json doc = default_doc();
  doc[ptr("/world/regions/1/name")] = doc[ptr("/world/regions/0/name")];
  require_one_error(firmsim::io::parse_scenario(doc), "/world/regions/1/name",
                    {"duplicate name", "/world/regions/0"});
  require_one_error(firmsim::io::parse_scenario(R"({"steps": 3, "steps": 4})"), "/steps",
                    {"duplicate key"});
}

TEST_CASE("shares that do not match the stages or do not sum to one", "[scenario]") {
  json doc = default_doc();
  doc[ptr("/world/stages")] = 3;
  require_one_error(firmsim::io::parse_scenario(doc), "/population/stage_shares",
                    {"wrong length", "/world/stages is 3"});
  doc = default_doc();
  doc[ptr("/population/size_class_shares/0")] = 0.5;  // the others sum to 0.1
  require_one_error(firmsim::io::parse_scenario(doc), "/population/size_class_shares", {"sum to"});
}

TEST_CASE("too few items in a list of objects", "[scenario]") {
  const ParseResult result = firmsim::io::parse_scenario(R"({"world": {"countries": []}})");
  INFO(firmsim::io::format_errors(result.errors));
  REQUIRE_FALSE(result.ok());
  CHECK(errors_at(result, "/world/countries").size() == 1);
  CHECK_THAT(errors_at(result, "/world/countries")[0].message, Catch::Contains("too few items"));
}

TEST_CASE("every mistake in a file is reported at once", "[scenario]") {
  json doc = default_doc();
  doc[ptr("/steps")] = "many";                       // wrong type
  doc[ptr("/world/countries/1/tax_rate")] = 3;       // out of range
  doc[ptr("/world/regions/2/firms")] = -1;           // negative count
  doc[ptr("/market/selecton")] = 0.5;                // unknown field
  doc[ptr("/world/regions/0/country")] = "nowhere";  // bad reference
  doc[ptr("/innovation/tie_learning/0")] = true;     // wrong type in a list
  const ParseResult result = firmsim::io::parse_scenario(doc);
  INFO(firmsim::io::format_errors(result.errors));
  REQUIRE_FALSE(result.scenario.has_value());
  CHECK(result.errors.size() == 6);
  CHECK_THAT(errors_at(result, "/steps").at(0).message, Catch::Contains("wrong type"));
  CHECK_THAT(errors_at(result, "/world/countries/1/tax_rate").at(0).message,
             Catch::Contains("out of range"));
  CHECK_THAT(errors_at(result, "/world/regions/2/firms").at(0).message,
             Catch::Contains("negative count"));
  CHECK_THAT(errors_at(result, "/market/selecton").at(0).message,
             Catch::Contains("did you mean \"selection\""));
  CHECK_THAT(errors_at(result, "/world/regions/0/country").at(0).message,
             Catch::Contains("no country named"));
  CHECK_THAT(errors_at(result, "/innovation/tie_learning/0").at(0).message,
             Catch::Contains("wrong type"));
  // format_errors gives one "PATH: REASON" line per mistake.
  const std::string text = firmsim::io::format_errors(result.errors);
  CHECK(std::count(text.begin(), text.end(), '\n') == 6);
  CHECK_THAT(text, Catch::Contains("/world/regions/2/firms: negative count"));
}

TEST_CASE("syntax mistakes (duplicate keys) and field mistakes are reported together",
          "[scenario]") {
  const ParseResult result =
      firmsim::io::parse_scenario(R"({"seed": 1, "seed": 2, "steps": -5, "colour": "red"})");
  INFO(firmsim::io::format_errors(result.errors));
  CHECK(result.errors.size() == 3);
  CHECK(errors_at(result, "/seed").size() == 1);
  CHECK(errors_at(result, "/steps").size() == 1);
  CHECK(errors_at(result, "/colour").size() == 1);
}

TEST_CASE("an unreadable file is one error without a path", "[scenario]") {
  const firmsim::test::TempDir dir;
  const ParseResult missing = firmsim::io::load_scenario_file(dir / "missing.json");
  require_one_error(missing, "", {"cannot read", "missing.json"});
  const ParseResult folder = firmsim::io::load_scenario_file(dir.path());
  require_one_error(folder, "", {"cannot read", "directory"});
}

TEST_CASE("a file with mistakes reads like a string with them", "[scenario]") {
  const firmsim::test::TempDir dir;
  firmsim::test::write_text(dir / "bad.json", "{\"steps\": -1,\n \"wrld\": {}}\n");
  const ParseResult result = firmsim::io::load_scenario_file(dir / "bad.json");
  INFO(firmsim::io::format_errors(result.errors));
  CHECK(result.errors.size() == 2);
  CHECK(errors_at(result, "/wrld").size() == 1);
}

TEST_CASE("firmsim run on a bad scenario exits 2 and creates no results folder",
          "[scenario][cli]") {
  const firmsim::test::TempDir dir;
  firmsim::test::write_text(dir / "bad.json",
                            R"({"steps": 2, "world": {"regions": [{"country": "nowhere"}]}})");
  const firmsim::test::Outcome outcome =
      firmsim::test::run_firmsim({"run", "bad.json", "--out", "results"}, dir);
  INFO(outcome.err);
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Catch::Contains("/world/regions/0/country"));
  CHECK_FALSE(std::filesystem::exists(dir / "results"));
  // Nothing else appeared next to it either (no staging folder left behind).
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  CHECK(names == std::vector<std::string>{"bad.json"});
}

// ---------------------------------------------------------------------------------------------
// The policy section (interventions and shocks): each mistake named by its JSON path.

TEST_CASE("policy: a target region that does not exist", "[scenario][policy]") {
  const ParseResult result = firmsim::io::parse_scenario(
      R"({"policy": {"interventions": [{"type": "training"}, {"type": "training"},
                                        {"type": "training", "regions": [3, 40]}]}})");
  require_one_error(result, "/policy/interventions/2/regions/1",
                    {"region 40 does not exist (12 regions)"});
}

TEST_CASE("policy: targets out of range or not whole", "[scenario][policy]") {
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"countries": [2]}]}})"),
                    "/policy/interventions/0/countries/0", {"country 2 does not exist (2 "
                                                            "countries)"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"stages": [1.5]}]}})"),
                    "/policy/interventions/0/stages/0", {"not a whole number"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"size_classes": [4]}]}})"),
                    "/policy/interventions/0/size_classes/0", {"out of range"});
}

TEST_CASE("policy: an unknown intervention or shock type", "[scenario][policy]") {
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"type": "rd_subsdy"}]}})"),
                    "/policy/interventions/0/type",
                    {"unknown intervention \"rd_subsdy\"", "rd_subsidy", "multinational_buyer"});
  require_one_error(firmsim::io::parse_scenario(R"({"policy": {"shocks": [{"type": "flood"}]}})"),
                    "/policy/shocks/0/type", {"unknown shock \"flood\"", "regional_disaster"});
}

TEST_CASE("policy: a sunset before the start, duplicate names, a bad selection",
          "[scenario][policy]") {
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"start": 10, "sunset": 5}]}})"),
                    "/policy/interventions/0/sunset", {"not after start 10"});
  require_one_error(
      firmsim::io::parse_scenario(
          R"({"policy": {"interventions": [{"name": "a"}, {"name": "a", "type": "training"}]}})"),
      "/policy/interventions/1/name", {"duplicate name \"a\"", "/policy/interventions/0"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"selection": "friends"}]}})"),
                    "/policy/interventions/0/selection", {"not a choice", "connections"});
}

TEST_CASE("policy: type-specific checks", "[scenario][policy]") {
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"type": "multinational_buyer"}]}})"),
                    "/policy/interventions/0/regions", {"exactly one region"});
  require_one_error(
      firmsim::io::parse_scenario(
          R"({"policy": {"interventions": [{"type": "export_promotion", "stages": [0]}]}})"),
      "/policy/interventions/0/stages", {"final-stage"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"shocks": [{"type": "regional_disaster"}]}})"),
                    "/policy/shocks/0/region", {"needs a region"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"shocks": [{"type": "demand", "market": 3}]}})"),
                    "/policy/shocks/0/market", {"market 3 does not exist (3 markets"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"shocks": [{"type": "firm_failure", "stage": 4}]}})"),
                    "/policy/shocks/0/stage", {"stage 4 does not exist (4 stages)"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"share": 0.99}]}})"),
                    "/policy/interventions/0/share", {"out of range"});
}

TEST_CASE("policy: a parameter of the wrong JSON type is rejected at its path",
          "[scenario][policy]") {
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"type": "training", "budget": "100"}]}})"),
                    "/policy/interventions/0/budget",
                    {"wrong type: expected a number", "a string (\"100\")"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"type": "training", "start": 1.5}]}})"),
                    "/policy/interventions/0/start",
                    {"wrong type: expected an integer", "fraction (1.5)"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"type": "training", "regions": 1}]}})"),
                    "/policy/interventions/0/regions",
                    {"wrong type: expected an array of numbers"});
  require_one_error(
      firmsim::io::parse_scenario(
          R"({"policy": {"interventions": [{"type": "brokerage", "cost_per_contact": null}]}})"),
      "/policy/interventions/0/cost_per_contact", {"wrong type: expected a number", "null"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"type": "training", "max_firms": true}]}})"),
                    "/policy/interventions/0/max_firms", {"wrong type: expected an integer"});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"shocks": [{"type": "demand", "factor": [0.5]}]}})"),
                    "/policy/shocks/0/factor", {"wrong type: expected a number", "an array"});
  require_one_error(firmsim::io::parse_scenario(R"({"policy": {"shocks": [3]}})"),
                    "/policy/shocks/0", {"wrong type: expected an object"});
  require_one_error(firmsim::io::parse_scenario(R"({"policy": {"interventions": {}}})"),
                    "/policy/interventions", {"wrong type: expected an array"});
}

TEST_CASE("policy: an unknown key inside an intervention or a shock is rejected at its path",
          "[scenario][policy]") {
  require_one_error(
      firmsim::io::parse_scenario(
          R"({"policy": {"interventions": [{"type": "training", "target": {"region": "x"}}]}})"),
      "/policy/interventions/0/target", {"unknown field \"target\""});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"interventions": [{"type": "training", "budjet": 5}]}})"),
                    "/policy/interventions/0/budjet",
                    {"unknown field \"budjet\"", "did you mean \"budget\""});
  require_one_error(firmsim::io::parse_scenario(
                        R"({"policy": {"shocks": [{"type": "firm_failure", "hubs": 3}]}})"),
                    "/policy/shocks/0/hubs", {"unknown field \"hubs\""});
}

TEST_CASE("policy: a valid section reads back", "[scenario][policy]") {
  const ParseResult result = firmsim::io::parse_scenario(
      R"({"policy": {"interventions": [{"type": "rd_subsidy", "name": "rd", "start": 4,
                                         "sunset": 40, "regions": [0, 1], "budget": 100,
                                         "selection": "connections", "performance_steps": 8}],
                     "shocks": [{"type": "demand", "start": 100, "factor": 0.7,
                                 "duration": 8}]}})");
  INFO(firmsim::io::format_errors(result.errors));
  REQUIRE(result.ok());
  const firmsim::InterventionSpec& rd = result.scenario->policy.interventions.at(0);
  CHECK(rd.name == "rd");
  CHECK(rd.regions == std::vector<double>{0, 1});
  CHECK(rd.selection == "connections");
  CHECK(result.scenario->policy.shocks.at(0).factor == 0.7);
}
