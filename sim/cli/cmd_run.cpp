#include "cli/commands.hpp"

namespace firmsim::cli {

void add_run(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "placeholder");
  cmd->callback([&exit_code] { exit_code = kExitFailure; });
}

}  // namespace firmsim::cli
