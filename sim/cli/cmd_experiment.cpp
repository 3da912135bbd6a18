// `firmsim experiment FILE --out DIR`: many runs of one scenario, on every core and across MPI
// processes, resumable, with the same bytes whatever ran them.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "firmsim/io/experiment.hpp"

namespace firmsim::cli {

namespace {

struct ExperimentArgs {
  std::string file;
  std::string out;
  io::ExperimentOptions options;
  bool check = false;
};

/// `--check`: validates the file and prints what it expands into; runs nothing.
int check_experiment(const std::string& file) {
  const io::ExperimentParse parsed = io::load_experiment_file(file);
  for (const io::ScenarioError& e : parsed.errors)
    std::fprintf(stderr, "firmsim: error: %s: %s%s\n", file.c_str(),
                 e.path.empty() ? "" : (e.path + ": ").c_str(), e.message.c_str());
  if (!parsed.ok()) return 2;
  const io::ExperimentPlan plan = io::make_plan(*parsed.experiment);
  std::printf("%s: ok: %s design, %zu runs = %zu design points x %d replications of %d steps\n",
              file.c_str(), std::string(io::experiment_kind_name(plan.experiment.kind)).c_str(),
              plan.runs.size(), plan.points.size(), plan.experiment.replications,
              plan.experiment.steps);
  return 0;
}

}  // namespace

void add_experiment(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ExperimentArgs>();
  auto* cmd = app.add_subcommand(
      "experiment",
      "Run a Monte Carlo experiment: one base scenario, many runs (replications, a grid, a "
      "Latin hypercube, Morris screening or named arms), merged into runs.csv, aggregate.csv "
      "(mean, sd and 95% confidence interval per design point, step and metric) and, when "
      "screening, morris.csv.");
  cmd->add_option("FILE", a->file, "experiment file (JSON), e.g. scenarios/experiments/smoke.json")
      ->required();
  auto* out = cmd->add_option("--out,-o", a->out, "results folder (required unless --check)");
  cmd->add_flag("--check", a->check,
                "only validate FILE (every mistake named by its JSON path, exit 2) and print how "
                "many runs it expands into")
      ->excludes(out);
  cmd->add_option("--threads,-j", a->options.threads,
                  "runs at once in this process, one thread each; 0 = one per core")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  auto* resume = cmd->add_flag(
      "--resume", a->options.resume,
      "continue an interrupted experiment in --out: only the runs not yet recorded are run");
  cmd->add_flag("--keep-runs", a->options.keep_runs,
                "also write each run's own results folder to DIR/runs/<run_id>/");
  cmd->add_flag("--force", a->options.force,
                "start over in a non-empty --out (removes the files an experiment writes there)")
      ->excludes(resume);
  auto* quiet = cmd->add_flag("--quiet,-q", a->options.quiet, "print warnings and errors only");
  cmd->add_flag("--verbose,-v", a->options.verbose,
                "print each finished run's equivalent `firmsim run` command")
      ->excludes(quiet);
  cmd->footer(
      "Examples:\n"
      "  firmsim experiment scenarios/experiments/smoke.json --check\n"
      "  firmsim experiment scenarios/experiments/smoke.json --out smoke-out\n"
      "  firmsim experiment scenarios/experiments/replication.json --out rep --threads 2\n"
      "  firmsim experiment scenarios/experiments/replication.json --out rep --resume\n"
      "  mpirun -np 8 firmsim experiment scenarios/experiments/lhs_cooperation.json --out lhs\n"
      "\n"
      "An experiment file names a base scenario (\"base\": a file, or an inline scenario), a\n"
      "seed, optionally \"steps\", and a \"design\" whose \"kind\" is replications, grid, lhs,\n"
      "morris or arms; parameters are JSON pointers into the scenario, such as\n"
      "/world/countries/1/institutional_quality. See scenarios/experiments/README.md and\n"
      "scenarios/experiment.schema.json. An arms design also writes DIR/effects.csv: each arm's\n"
      "mean paired difference from the baseline (same seeds), with its 95% interval.\n"
      "\n"
      "Every run's seed is a pure function of the experiment seed, its design point and its\n"
      "replication, so the results are the same bytes for any --threads and any number of MPI\n"
      "processes (mpirun -np K / srun: rank 0 writes). DIR/plan.json lists every run with the\n"
      "`firmsim run` command that reproduces it alone; DIR/partial/ records finished runs, so\n"
      "after a crash or a kill --resume runs only the rest.\n"
      "Exit codes: 0 success, 1 some run failed (listed in DIR/failures.csv; the others are\n"
      "kept), 2 bad input (usage, experiment file, results folder not empty without --resume\n"
      "or --force, or holding another experiment).");
  cmd->callback([a, &exit_code] {
    if (a->check) {
      exit_code = check_experiment(a->file);
      std::fflush(stdout);
      return;
    }
    if (a->out.empty()) throw CLI::RequiredError("--out");
    a->options.out = a->out;
    exit_code = io::run_experiment(a->file, a->options);
    std::fflush(stdout);
  });
}

}  // namespace firmsim::cli
