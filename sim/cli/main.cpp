// The firmsim program: one subcommand per file (cmd_<name>.cpp), registered here.
#include <exception>
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "firmsim: an agent-based simulation of firm clusters and networks (countries, regions,\n"
      "value-chain stages, firms and the typed ties between them).",
      "firmsim"};
  app.set_version_flag("--version", std::string("firmsim ") + FIRMSIM_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  firmsim run                         run the default scenario into firmsim-out/\n"
      "  firmsim init my.json                write the default scenario, every field explicit\n"
      "  firmsim check my.json               check a scenario; every mistake named by its path\n"
      "  firmsim run my.json --out results   run your scenario\n"
      "  firmsim run my.json --seed 2 --set /world/countries/1/institutional_quality=0.8\n"
      "  firmsim experiment exp.json --out sweep   replications, sweeps, counterfactuals\n"
      "Run 'firmsim COMMAND --help' for the options and examples of a command.\n"
      "Exit codes: 0 success, 2 bad input (usage, scenario, unreadable file, results folder\n"
      "not writable or not empty), 1 failure during a run.");
  int exit_code = firmsim::cli::kExitOk;
  firmsim::cli::add_run(app, exit_code);
  firmsim::cli::add_check(app, exit_code);
  firmsim::cli::add_init(app, exit_code);
  firmsim::cli::add_experiment(app, exit_code);
  firmsim::cli::add_report(app, exit_code);
  firmsim::cli::add_serve(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? firmsim::cli::kExitOk : firmsim::cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "firmsim: error: " << e.what() << "\n";
    return firmsim::cli::kExitFailure;
  }
  return exit_code;
}
