#pragma once
// Rank 0's side of an experiment: takes finished runs in any order, feeds the result tables in
// run-id order, and reports progress and failures on standard error.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "experiment/paired_effects.hpp"
#include "experiment/result_tables.hpp"

namespace spdlog {
class logger;
}

namespace firmsim::io::experiment_detail {

/// Runs done / total, runs per minute and time left: refreshed in place on a terminal, a line
/// every half minute otherwise (cluster job logs).
class ExperimentProgress {
 public:
  ExperimentProgress(bool enabled, long total, long already_done);
  void run_done();
  /// Clears an in-place line so that a log message can be printed.
  void clear();
  /// The closing line: runs, time, rate, failures.
  void finish(long failed);

 private:
  using Clock = std::chrono::steady_clock;
  void print(bool final_line, long failed);
  bool enabled_, terminal_, shown_ = false;
  long total_, already_, done_ = 0;
  Clock::time_point start_, last_;
};

class Collector {
 public:
  /// `finished` marks runs already recorded in partial files (from an earlier attempt).
  Collector(const ExperimentPlan& plan, const ExperimentOptions& options,
            const std::vector<char>& finished, std::shared_ptr<spdlog::logger> log);
  ~Collector();
  /// Takes a run that just finished (persisted already when its partial file was written).
  void accept(RunOutcome&& result);
  /// Writes runs.csv, aggregate.csv, effects.csv (arms), morris.csv and failures.csv; returns
  /// the failed runs.
  long finish();

 private:
  enum class Slot : char { pending, on_disk, failed, in_memory };
  void drain();

  const ExperimentPlan& plan_;
  const ExperimentOptions& options_;
  std::shared_ptr<spdlog::logger> log_;
  std::vector<Slot> slots_;
  std::map<int, RunOutcome> buffer_;  ///< finished out of order, bounded by buffer_cap_
  std::size_t buffer_cap_;
  std::size_t next_ = 0;
  std::unique_ptr<PairedEffects> effects_;  ///< arms only; before aggregate_, which reads it
  RunsTable runs_;
  AggregateTable aggregate_;
  std::string failures_;  ///< failures.csv rows, in run-id order
  long failed_ = 0;
  ExperimentProgress progress_;
};

}  // namespace firmsim::io::experiment_detail
