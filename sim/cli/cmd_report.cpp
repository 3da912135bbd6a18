// `firmsim report DIR`: writes DIR/report.html, the self-contained results page.
#include <iostream>

#include "cli/commands.hpp"
#include "report/report_file.hpp"

namespace firmsim::cli {

void add_report(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "report", "Write DIR/report.html: charts, the network, a map and firm details of a run "
                "(or the effects of an experiment) in one self-contained page");
  struct Options {
    std::string dir;
    std::size_t max_firms = report::ViewOptions{}.max_drawn_firms;
    bool quiet = false;
  };
  auto opts = std::make_shared<Options>();
  cmd->add_option("DIR", opts->dir, "results folder of `firmsim run` or `firmsim experiment`")
      ->required();
  cmd->add_option("--max-firms", opts->max_firms,
                  "draw a deterministic sample of this many firms when the network is larger")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--quiet,-q", opts->quiet, "print nothing on success");
  cmd->footer(
      "Examples:\n"
      "  firmsim run --snapshot-every 10 && firmsim report firmsim-out\n"
      "  firmsim experiment scenarios/experiments/smoke.json --out smoke && firmsim report smoke\n"
      "Open DIR/report.html in a browser; it works offline and can be mailed.");
  cmd->callback([opts, &exit_code] {
    report::ViewOptions options;
    options.max_drawn_firms = opts->max_firms;
    const report::ReportOutcome out = report::write_report(opts->dir, options);
    if (out.exit_code != 0) std::cerr << "firmsim report: " << out.message << "\n";
    else if (!opts->quiet) std::cout << out.message << "\n";
    exit_code = out.exit_code;
  });
}

}  // namespace firmsim::cli
