#pragma once
// The experiment's result tables, each fed in run-id order and renamed into place at the end:
// runs.csv (one row per run), aggregate.csv (per design point, step and metric), effects.csv
// (arms: paired_effects.hpp) and morris.csv.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "experiment/run_result.hpp"

namespace firmsim::io::experiment_detail {

/// A text file written under a temporary name and renamed into place by commit().
class StagedFile {
 public:
  explicit StagedFile(std::filesystem::path target);
  void write(const std::string& text) { out_ << text; }
  /// Flushes, closes and renames; throws std::runtime_error if anything failed.
  void commit();

 private:
  std::filesystem::path target_, staging_;
  std::ofstream out_;
};

/// runs.csv: run_id, design_point (or arm), replication, seed, parameters, final metrics.
class RunsTable {
 public:
  RunsTable(const ExperimentPlan& plan, const std::filesystem::path& out);
  void add(const RunSpec& run, const RunOutcome& result);
  void commit() { file_.commit(); }

 private:
  const ExperimentPlan& plan_;
  StagedFile file_;
};

class PairedEffects;

/// aggregate.csv in long form. Runs arrive point by point (run ids are point-major), so only the
/// accumulators of one design point are held at a time. With `effects` (arms), each row also
/// holds the paired difference against the baseline at that step (the effect curves).
class AggregateTable {
 public:
  AggregateTable(const ExperimentPlan& plan, const std::filesystem::path& out,
                 const PairedEffects* effects = nullptr);
  /// Feeds one run in run-id order; `result` is null for a run that failed.
  void add(const RunSpec& run, const RunOutcome* result);
  void commit() { file_.commit(); }
  /// Per design point, the mean over replications of each metric's final value.
  const std::vector<std::vector<double>>& final_means() const { return final_means_; }

 private:
  void write_point(int point);
  /// Appends ",mean,ci95_low,ci95_high" of `w` (the Student's t quantiles cached by df).
  void append_interval(std::string& line, const Welford& w, bool with_sd);
  const ExperimentPlan& plan_;
  const PairedEffects* effects_;
  StagedFile file_;
  std::vector<Welford> acc_;  ///< steps x metrics of the current design point
  std::vector<double> t_quantiles_;
  std::vector<std::vector<double>> final_means_;
};

/// morris.csv: parameter, metric, mu, mu_star, sigma from the design points' final means.
void write_morris_table(const ExperimentPlan& plan,
                        const std::vector<std::vector<double>>& final_means,
                        const std::filesystem::path& out);

}  // namespace firmsim::io::experiment_detail
