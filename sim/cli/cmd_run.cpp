// `firmsim run [SCENARIO.json]`: load and check the scenario (with the command line's edits),
// run it into a results folder, print a short summary.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "cli/commands.hpp"
#include "firmsim/engine.hpp"
#include "firmsim/io/experiment.hpp"
#include "firmsim/io/run.hpp"
#include "firmsim/io/scenario_json.hpp"
#include "firmsim/metrics.hpp"

namespace firmsim::cli {

namespace {

// Set by SIGINT/SIGTERM so the run stops between steps and removes its staging folder. A signal
// handler can reach nothing but a global; this is the program's only one.
std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int signal) {
  g_stop_requested.store(true);
  std::signal(signal, SIG_DFL);  // a second Ctrl-C ends the program at once
}

struct RunArgs {
  std::string scenario_file;
  std::string out = "firmsim-out";
  std::uint64_t seed = 0;
  int steps = 0;
  int threads = 0;
  int snapshot_every = 0;
  std::vector<std::string> sets;
  bool profile = false, force = false, quiet = false, verbose = false;
  CLI::Option *seed_opt = nullptr, *steps_opt = nullptr, *snapshot_opt = nullptr;
};

void report_errors(spdlog::logger& log, const std::string& where,
                   const std::vector<io::ScenarioError>& errors) {
  for (const io::ScenarioError& e : errors) {
    if (e.path.empty())
      log.error("{}: {}", where, e.message);
    else
      log.error("{}: {}: {}", where, e.path, e.message);
  }
}

/// The scenario to run: the file (or the embedded default) with the command line's edits.
std::optional<Scenario> resolve_scenario(const RunArgs& a, spdlog::logger& log) {
  const std::string source = a.scenario_file.empty() ? "default scenario" : a.scenario_file;
  Scenario scenario;
  if (a.scenario_file.empty()) {
    scenario = io::default_scenario();
  } else {
    io::ParseResult parsed = io::load_scenario_file(a.scenario_file);
    if (!parsed.ok()) {
      report_errors(log, source, parsed.errors);
      return std::nullopt;
    }
    scenario = std::move(*parsed.scenario);
  }
  std::vector<io::Override> edits;
  try {
    for (const std::string& s : a.sets) edits.push_back(io::parse_set_option(s));
  } catch (const std::invalid_argument& e) {
    log.error("{}", e.what());
    return std::nullopt;
  }
  if (a.seed_opt->count()) edits.push_back({"/seed", a.seed});
  if (a.steps_opt->count()) edits.push_back({"/steps", a.steps});
  if (a.snapshot_opt->count()) edits.push_back({"/output/snapshot_every", a.snapshot_every});
  if (edits.empty()) return scenario;
  nlohmann::json doc = io::scenario_to_json(scenario);
  try {
    io::apply_overrides(doc, edits);
  } catch (const std::invalid_argument& e) {
    log.error("--set: {}", e.what());
    return std::nullopt;
  }
  io::ParseResult parsed = io::parse_scenario(doc);
  if (!parsed.ok()) {
    report_errors(log, source + " with the command line's changes", parsed.errors);
    return std::nullopt;
  }
  return std::move(*parsed.scenario);
}

void print_summary(const RunArgs& a, const Scenario& sc, const io::RunResult& r) {
  std::printf("firmsim: %d steps of scenario '%s' (seed %llu) in %.2f s on %d thread%s\n",
              r.info.steps, sc.name.c_str(), static_cast<unsigned long long>(sc.seed),
              r.info.wall_s, r.info.threads, r.info.threads == 1 ? "" : "s");
  std::printf("  %-22s %zu\n", "firms alive", r.firms_alive);
  std::printf("  %-22s %zu\n", "ties", r.ties_alive);
  const auto& defs = metric_definitions();
  for (const char* name : {"output", "exports", "mean_productivity", "mean_unit_cost",
                           "innovations", "mean_degree", "clustering", "giant_component_share",
                           "hhi", "gini_size", "unmet_orders_share"}) {
    for (std::size_t i = 0; i < defs.size() && i < r.final_metrics.size(); ++i)
      if (defs[i].name == name) std::printf("  %-22s %.6g\n", name, r.final_metrics[i]);
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(r.out_dir))
    files.push_back(entry.path().filename().string() + (entry.is_directory() ? "/" : ""));
  std::sort(files.begin(), files.end());
  std::string list;
  for (const std::string& f : files) list += (list.empty() ? "" : " ") + f;
  std::printf("results in %s/: %s\n", a.out.c_str(), list.c_str());
}

void print_profile(const io::RunResult& r) {
  const auto phases = step_phases();
  double total = 0;
  for (double ns : r.phase_ns) total += ns;
  const int steps = std::max(r.info.steps, 1);
  const double firm_steps = std::max(r.info.firm_steps, 1.0);
  std::printf("%-14s %12s %14s %8s\n", "phase", "ms/step", "ns/firm-step", "share");
  for (std::size_t i = 0; i < phases.size() && i < r.phase_ns.size(); ++i)
    std::printf("%-14s %12.4f %14.1f %7.1f%%\n", phases[i].name, r.phase_ns[i] / steps / 1e6,
                r.phase_ns[i] / firm_steps, total > 0 ? 100.0 * r.phase_ns[i] / total : 0.0);
  std::printf("%-14s %12.4f %14.1f %7.1f%%\n", "total", total / steps / 1e6, total / firm_steps,
              100.0);
  std::printf("world built in %.1f ms; %.0f firm-steps; peak memory %.1f MiB\n",
              r.info.build_s * 1e3, r.info.firm_steps, r.info.peak_rss_mb);
}

int run_command(const RunArgs& a) {
  const auto verbosity = a.quiet     ? io::Verbosity::quiet
                         : a.verbose ? io::Verbosity::verbose
                                     : io::Verbosity::normal;
  auto log = io::make_stderr_logger(verbosity);
  const std::optional<Scenario> scenario = resolve_scenario(a, *log);
  if (!scenario) return kExitBadInput;

  io::RunOptions options;
  options.out_dir = a.out;
  options.force = a.force;
  options.threads = a.threads;
  options.logger = log;
  options.progress = !a.quiet;
  options.stop = &g_stop_requested;
  g_stop_requested.store(false);
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  int code = kExitOk;
  try {
    const io::RunResult result = io::execute_run(*scenario, options);
    if (!a.quiet) print_summary(a, *scenario, result);
    if (a.profile) print_profile(result);
  } catch (const io::OutputError& e) {
    log->error("{}", e.what());
    code = kExitBadInput;
  } catch (const io::RunInterrupted&) {
    log->error("interrupted; nothing was written to {}", a.out);
    code = kExitFailure;
  } catch (const std::exception& e) {
    log->error("the run failed: {}; nothing was written to {}", e.what(), a.out);
    code = kExitFailure;
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  std::fflush(stdout);
  return code;
}

}  // namespace

void add_run(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand(
      "run",
      "Run one scenario and write its results folder: summary.json, timeseries.csv, firms.csv, "
      "ties.csv, events.csv, network.graphml (output.graphml: by default up to 100,000 alive "
      "firms) and snapshots/ with --snapshot-every.");
  cmd->add_option("SCENARIO", a->scenario_file,
                  "scenario file (JSON); without it, the default scenario built into firmsim");
  cmd->add_option("--out,-o", a->out,
                  "results folder; must not exist or be empty (see --force); it appears only "
                  "when the run succeeds")
      ->type_name("DIR")
      ->capture_default_str();
  a->seed_opt = cmd->add_option("--seed", a->seed,
                                "master random seed, an integer in [0, 2^64-1]; the same seed "
                                "gives the same results (replaces /seed)")
                    ->type_name("N");
  a->steps_opt = cmd->add_option("--steps", a->steps,
                                 "number of steps to run; a step is 1/steps_per_year of a year, "
                                 "a quarter by default (replaces /steps)")
                     ->type_name("N");
  cmd->add_option("--threads,-j", a->threads,
                  "number of worker threads, 0 = every core; the results never depend on it")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  a->snapshot_opt = cmd->add_option(
      "--snapshot-every", a->snapshot_every,
      "write snapshots/firms_<step>.csv and snapshots/network_<step>.graphml every K steps; "
      "0 = none (replaces /output/snapshot_every)")
      ->type_name("K");
  cmd->add_option("--set", a->sets,
                  "change one scenario field: JSON_POINTER=VALUE, VALUE read as JSON or else as "
                  "text (repeatable)")
      ->type_name("PTR=VALUE")
      ->allow_extra_args(false);
  cmd->add_flag("--profile", a->profile, "print the time spent in each phase");
  cmd->add_flag("--force", a->force,
                "replace an existing, non-empty results folder (only once the run has "
                "succeeded)");
  auto* quiet = cmd->add_flag("--quiet,-q", a->quiet,
                              "print warnings and errors only: no summary, no progress line");
  cmd->add_flag("--verbose,-v", a->verbose, "also print debug messages on standard error")
      ->excludes(quiet);
  cmd->footer(
      "Examples:\n"
      "  firmsim run                                  the default scenario into firmsim-out/\n"
      "  firmsim run my.json --out results --threads 2\n"
      "  firmsim run my.json --seed 7 --steps 40 --set /world/regions/0/firms=800 --force\n"
      "  firmsim run --steps 40 --snapshot-every 4 --profile\n"
      "A progress line (step, steps per second, time left) is shown on standard error when it\n"
      "is a terminal and the run lasts more than a second.\n"
      "Edits apply in this order: each --set, then --seed, --steps and --snapshot-every; the\n"
      "edited scenario is checked again before anything is written.\n"
      "Exit codes: 0 success, 2 bad input (usage, scenario, unreadable file, results folder\n"
      "not writable or not empty), 1 failure during the run (nothing is left behind).");
  cmd->callback([a, &exit_code] { exit_code = run_command(*a); });
}

}  // namespace firmsim::cli
