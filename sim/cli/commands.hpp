#pragma once
// Subcommands of the firmsim program, one file each (cmd_<name>.cpp). Each registers itself on
// the app; its callback stores the process exit code (0 ok, 2 bad input, 1 run failure).
#include <CLI/CLI.hpp>

namespace firmsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

void add_run(CLI::App& app, int& exit_code);
void add_check(CLI::App& app, int& exit_code);
void add_init(CLI::App& app, int& exit_code);
void add_experiment(CLI::App& app, int& exit_code);
void add_report(CLI::App& app, int& exit_code);
void add_serve(CLI::App& app, int& exit_code);

}  // namespace firmsim::cli
