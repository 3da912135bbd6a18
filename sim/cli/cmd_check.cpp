// `firmsim check SCENARIO.json`: validate a scenario without running it.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "firmsim/io/scenario_json.hpp"

namespace firmsim::cli {

namespace {

std::string summary_line(const Scenario& s) {
  long long firms = 0;
  for (const RegionSpec& region : s.world.regions) firms += region.firms;
  return "OK: scenario \"" + s.name + "\": " + std::to_string(firms) + " firms in " +
         std::to_string(s.world.regions.size()) + " regions of " +
         std::to_string(s.world.countries.size()) + " countries, " +
         std::to_string(s.world.stages) + " stages, " + std::to_string(s.steps) + " steps";
}

}  // namespace

void add_check(CLI::App& app, int& exit_code) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "check",
      "Validate a scenario file without running it. Every mistake is reported at once, each "
      "with its JSON path and the reason: not JSON, wrong type, out of range, unknown field "
      "(with a \"did you mean\"), a region in a country that does not exist, shares that do not "
      "sum to 1, ...");
  cmd->add_option("SCENARIO", *file, "scenario file (JSON) to validate")->required();
  cmd->footer(
      "Exit status: 0 when the scenario is valid (one OK line with its firm, region and country\n"
      "counts on standard output), 2 when it is not or cannot be read (one line per mistake\n"
      "on standard error, in the form PATH: REASON).\n"
      "\n"
      "Examples:\n"
      "  firmsim check scenarios/default.json\n"
      "  firmsim init my.json && firmsim check my.json\n"
      "\n"
      "A mistake reads like:\n"
      "  /world/regions/3/country: no country named \"nrth\"; did you mean \"north\"?\n"
      "Fields and their units and ranges are documented in scenarios/schema.json.");
  cmd->callback([file, &exit_code] {
    const io::ParseResult result = io::load_scenario_file(*file);
    if (!result.ok()) {
      std::cerr << *file << ": " << result.errors.size()
                << (result.errors.size() == 1 ? " mistake" : " mistakes") << "\n"
                << io::format_errors(result.errors);
      exit_code = kExitBadInput;
      return;
    }
    std::cout << *file << ": " << summary_line(*result.scenario) << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace firmsim::cli
