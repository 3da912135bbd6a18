#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"firmsim: agent-based simulation of firm clusters and networks"};
  app.set_version_flag("--version", std::string("firmsim ") + FIRMSIM_VERSION);
  app.require_subcommand(1);
  int exit_code = firmsim::cli::kExitOk;
  firmsim::cli::add_run(app, exit_code);
  firmsim::cli::add_check(app, exit_code);
  firmsim::cli::add_init(app, exit_code);
  firmsim::cli::add_experiment(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? firmsim::cli::kExitOk : firmsim::cli::kExitBadInput;
  }
  return exit_code;
}
