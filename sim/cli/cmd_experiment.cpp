#include "cli/commands.hpp"

namespace firmsim::cli {

void add_experiment(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("experiment", "placeholder");
  cmd->callback([&exit_code] { exit_code = kExitFailure; });
}

}  // namespace firmsim::cli
