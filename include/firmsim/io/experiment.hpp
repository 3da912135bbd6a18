#pragma once
/// Monte Carlo experiments: one JSON file that expands into many runs of one base scenario.
///
/// An experiment is a thin layer over single runs (STYLE.md): it is parsed and validated once,
/// expanded into a run plan (run id, design point or arm, replication, seed, overrides), executed
/// anywhere (threads, MPI processes) and merged in run-id order, so its results never depend on
/// where or in which order the runs finished.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "firmsim/io/scenario_json.hpp"
#include "firmsim/scenario.hpp"

namespace firmsim::io {

/// One scenario change: the value at a JSON pointer (e.g. `/world/countries/1/wage`).
struct Override {
  std::string pointer;
  nlohmann::json value;
};

enum class DesignKind { replications, grid, lhs, morris, arms };

/// A parameter of a grid (`values`) or of a sampled design (`min`..`max`).
struct DesignParameter {
  std::string pointer;
  std::vector<nlohmann::json> values;  ///< grid only
  double min = 0, max = 0;             ///< lhs and morris only
  bool integer = false;                ///< the scenario field holds an integer
};

/// A named arm of a counterfactual design: a set of overrides applied to every replication.
struct Arm {
  std::string name;
  std::vector<Override> overrides;
};

/// A parsed, validated experiment file.
struct Experiment {
  std::string name;
  std::string description;
  std::string base_source;      ///< the base scenario's file as written, "" when inline or default
  nlohmann::ordered_json base;  ///< the base scenario with every field explicit
  std::uint64_t seed = 1;
  int steps = 0;                ///< steps of every run (the file's `steps`, else the base's)
  DesignKind kind = DesignKind::replications;
  int replications = 1;
  bool common_random_numbers = false;
  std::vector<DesignParameter> parameters;  ///< grid, lhs, morris
  int samples = 0;                          ///< lhs: points
  int trajectories = 0;                     ///< morris: r
  int levels = 0;                           ///< morris: p (even)
  std::vector<Arm> arms;                    ///< arms; arms[0] is the baseline
  /// arms: effects.csv compares the mean of each metric over the last `effects_window` steps
  /// (the file's `design.effects.window`; default one year, the base's steps_per_year, at most
  /// `steps`).
  int effects_window = 1;
};

struct ExperimentParse {
  std::optional<Experiment> experiment;  ///< set only when there are no errors
  std::vector<ScenarioError> errors;     ///< every mistake, each with its JSON path
  bool ok() const { return errors.empty(); }
};

/// Validates an experiment document; relative base paths are resolved against `base_dir`.
ExperimentParse parse_experiment(const nlohmann::json& doc, const std::filesystem::path& base_dir);
/// Reads and validates an experiment file (an unreadable file or bad JSON is one error).
ExperimentParse load_experiment_file(const std::filesystem::path& file);
/// The design kind as written in files: replications, grid, lhs, morris, arms.
std::string_view experiment_kind_name(DesignKind kind);

/// A point of the design: its label (an index, or the arm's name) and its overrides.
struct DesignPoint {
  std::string label;
  std::vector<Override> overrides;
  std::vector<double> unit;  ///< lhs and morris: coordinates in the unit hypercube
};

/// One run of the plan. Run ids are point-major: id = point * replications + replication.
struct RunSpec {
  int run_id = 0;
  int point = 0;
  int replication = 0;
  std::uint64_t seed = 0;
};

struct ExperimentPlan {
  Experiment experiment;
  std::vector<DesignPoint> points;
  std::vector<RunSpec> runs;
  std::vector<std::string> parameter_columns;  ///< JSON pointers, one runs.csv column each
  std::vector<std::vector<nlohmann::json>> parameter_values;  ///< per point, per column
  std::uint64_t fingerprint = 0;  ///< changes whenever any run would change
};

/// Expands a validated experiment into design points and runs.
ExperimentPlan make_plan(const Experiment& experiment);

/// A run's seed: a pure function of the experiment seed, its design point (0 under common random
/// numbers and for replications and arms) and its replication; below 2^53 so any JSON reader
/// keeps it exact.
std::uint64_t derive_seed(std::uint64_t experiment_seed, std::uint64_t point, int replication);

/// Latin-hypercube sample: n points in [0,1)^k; in each dimension each of the n strata
/// [i/n, (i+1)/n) holds exactly one point.
std::vector<std::vector<double>> latin_hypercube(int n, int k, std::uint64_t seed);

/// Morris trajectories: r trajectories of k+1 points on the grid {0, 1/(p-1), ..., 1}^k, each
/// step changing one parameter by +-delta, delta = p / (2 (p-1)); p must be even.
std::vector<std::vector<double>> morris_trajectories(int r, int k, int p, std::uint64_t seed);
double morris_delta(int levels);

/// Morris screening indices of one parameter for one output.
struct MorrisIndex {
  double mu = 0;       ///< mean elementary effect
  double mu_star = 0;  ///< mean absolute elementary effect (importance)
  double sigma = 0;    ///< standard deviation of the effects (interactions, non-linearity)
};
/// Elementary effects over trajectories made by morris_trajectories(): `points` are their
/// unit coordinates, `y` the output at each point (NaN values skipped); one index per parameter.
std::vector<MorrisIndex> morris_effects(const std::vector<std::vector<double>>& points,
                                        std::span<const double> y, int levels);

/// The `--set` argument of `firmsim run`: "/pointer=VALUE", VALUE read as JSON when it parses,
/// else as a string. Throws std::invalid_argument without `=` or a leading `/`.
Override parse_set_option(std::string_view text);
/// Writes each override into a scenario document; throws std::invalid_argument naming a
/// pointer that does not exist in it.
void apply_overrides(nlohmann::json& scenario_doc, std::span<const Override> overrides);
void apply_overrides(nlohmann::ordered_json& scenario_doc, std::span<const Override> overrides);

/// The overrides of one run, in order (the design point's).
const std::vector<Override>& run_overrides(const ExperimentPlan& plan, const RunSpec& run);
/// The scenario of one run (base + overrides + seed + steps); throws on an invalid scenario.
Scenario run_scenario(const ExperimentPlan& plan, const RunSpec& run);
/// The equivalent single-run command: `firmsim run BASE --seed S --steps T --set /p=v ...`.
std::string run_command(const ExperimentPlan& plan, const RunSpec& run, std::string_view base_file);

/// Running mean and variance (Welford), NaN values skipped.
struct Welford {
  std::int64_t n = 0;
  double mean = 0;
  double m2 = 0;
  void add(double x);
  double variance() const;  ///< sample variance (n-1), NaN when n < 2
};

/// Quantile of Student's t distribution with `df` degrees of freedom (0 < p < 1, df > 0).
double student_t_quantile(double p, double df);

/// A mean with its 95% Student's t interval over `n` values (bounds NaN when n < 2, mean NaN
/// when n = 0).
struct MeanInterval {
  double mean = 0, low = 0, high = 0;
  std::int64_t n = 0;
};
MeanInterval mean_interval95(const Welford& w);

/// The paired differences arm[i] - baseline[i] (the same seed i in both), over the pairs where
/// both values are numbers: their mean is the effect, mean_interval95() its interval.
Welford paired_differences(std::span<const double> baseline, std::span<const double> arm);

/// The summary of one metric that effects.csv compares: the mean of column `metric` of a
/// steps x metrics series over its last `window` rows, NaN values skipped (NaN when all are).
double window_mean(std::span<const double> series, std::size_t metrics, std::size_t metric,
                   int window);

/// Options of `firmsim experiment`.
struct ExperimentOptions {
  std::filesystem::path out;
  int threads = 0;  ///< concurrent runs per process; 0 = every core
  bool resume = false;
  bool keep_runs = false;
  bool force = false;
  bool quiet = false;
  bool verbose = false;
};

/// Runs an experiment file into `options.out`, across MPI processes when launched by mpirun.
/// Returns the exit code: 0 success, 1 some run failed, 2 bad input.
int run_experiment(const std::filesystem::path& file, const ExperimentOptions& options);

}  // namespace firmsim::io
