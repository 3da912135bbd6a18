#pragma once
// Paired counterfactuals of an arms experiment: every arm against the baseline (arms[0]), seed by
// seed (the arms share their seeds), written to effects.csv; the per-step differences feed the
// effect curves of aggregate.csv.
#include <filesystem>
#include <vector>

#include "experiment/result_tables.hpp"

namespace firmsim::io::experiment_detail {

class PairedEffects {
 public:
  PairedEffects(const ExperimentPlan& plan, const std::filesystem::path& out);
  /// Feeds one run in run-id order (before AggregateTable::add); `result` is null for a run
  /// that failed.
  void add(const RunSpec& run, const RunOutcome* result);
  /// Per step x metric, the paired differences (arm - baseline) of the arm fed last; complete
  /// once its last replication was fed, until the next arm's first.
  const std::vector<Welford>& step_differences() const { return step_diff_; }
  void commit() { file_.commit(); }

 private:
  /// What the arms are compared with: one entry per replication of the baseline.
  struct BaselineRun {
    bool ok = false;
    std::vector<double> summary;  ///< per metric, window_mean()
    double spend = 0;             ///< total policy_spend over the run
    std::vector<double> series;   ///< empty when it is read back from partial/ instead
  };
  const std::vector<double>& baseline_series(int replication);
  void write_arm(int point);

  const ExperimentPlan& plan_;
  std::filesystem::path out_;
  StagedFile file_;
  std::size_t metrics_;
  int spend_column_;
  bool hold_series_;  ///< the baseline's series fit in memory
  std::vector<BaselineRun> baseline_;
  std::vector<double> loaded_;  ///< a baseline series read back from partial/
  // The current arm's accumulators, reset at its first replication.
  std::vector<Welford> step_diff_;                    ///< steps x metrics
  std::vector<Welford> diff_, base_side_, arm_side_;  ///< per metric, over the pairs used
  Welford spend_diff_;
};

}  // namespace firmsim::io::experiment_detail
