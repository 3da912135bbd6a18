// `firmsim init [FILE]`: write the default scenario (or, for maintenance, the schema).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "firmsim/io/scenario_json.hpp"

namespace firmsim::cli {

namespace {

struct InitOptions {
  std::string file;
  bool force = false;
  bool schema = false;
};

/// Writes `text` to `file` through a temporary name and a rename, so no half-written file is
/// ever seen; refuses an existing file unless `force`.
bool write_file(const std::filesystem::path& file, const std::string& text, bool force) {
  std::error_code ec;
  if (!force && std::filesystem::exists(file, ec)) {
    std::cerr << "firmsim init: " << file.string()
              << " already exists; use --force to overwrite it\n";
    return false;
  }
  std::filesystem::path temporary = file;
  temporary += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::filesystem::remove(temporary, ec);
      std::cerr << "firmsim init: cannot write " << file.string() << "\n";
      return false;
    }
  }
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    std::cerr << "firmsim init: cannot write " << file.string() << ": " << ec.message() << "\n";
    return false;
  }
  return true;
}

}  // namespace

void add_init(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InitOptions>();
  auto* cmd = app.add_subcommand(
      "init",
      "Write the default scenario with every field explicit, as a starting point for your own. "
      "A field left out of a scenario takes the default shown here.");
  cmd->add_option("FILE", options->file,
                  "where to write the scenario (standard output when left out)");
  cmd->add_flag("--force", options->force, "overwrite FILE if it exists");
  cmd->add_flag("--schema", options->schema,
                "maintenance: write the JSON Schema of scenario files (scenarios/schema.json) "
                "instead of the default scenario");
  cmd->footer(
      "Examples:\n"
      "  firmsim init my.json              # then edit my.json\n"
      "  firmsim check my.json && firmsim run my.json --out results\n"
      "  firmsim init > my.json\n"
      "\n"
      "Each field's unit, range and meaning are documented in scenarios/schema.json, which\n"
      "editors can use to complete and check scenario files. After adding or changing scenario\n"
      "parameters in the code, tools/regen-scenarios rewrites scenarios/default.json and\n"
      "scenarios/schema.json (with `firmsim init --force FILE` and\n"
      "`firmsim init --schema --force FILE`).");
  cmd->callback([options, &exit_code] {
    const nlohmann::ordered_json doc =
        options->schema ? io::scenario_schema() : io::scenario_to_json(Scenario{});
    const std::string text = doc.dump(2) + "\n";
    if (options->file.empty()) {
      std::cout << text;
      exit_code = kExitOk;
      return;
    }
    exit_code = write_file(options->file, text, options->force) ? kExitOk : kExitBadInput;
  });
}

}  // namespace firmsim::cli
