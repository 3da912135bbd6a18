#pragma once
// Spreading runs over processes: MPI_COMM_WORLD when started by mpirun or srun, else this
// process alone. Rank 0 collects; the others only run and send their results to it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "experiment/collector.hpp"

namespace firmsim::io::experiment_detail {

class ProcessGroup {
 public:
  /// Initialises MPI only when the environment shows an MPI launcher started this process, so a
  /// plain `firmsim experiment` never touches MPI.
  ProcessGroup();
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// Why this process cannot take part (launched by mpirun but built without MPI), or "".
  const std::string& problem() const { return problem_; }

  /// Rank 0's value, on every rank.
  int broadcast(int value) const;
  std::uint64_t broadcast(std::uint64_t value) const;
  std::vector<int> broadcast(std::vector<int> values) const;
  /// Ends every process at once (a fatal error on one rank would leave the others waiting).
  [[noreturn]] void abort(int code) const;

  /// Workers: sends one finished run's text to rank 0.
  void send_to_root(const std::string& text) const;
  /// Rank 0: a run's text from any worker if one has arrived, else "".
  std::string poll_workers() const;

 private:
  bool mpi_ = false;
  int rank_ = 0, size_ = 1;
  std::string problem_;
};

/// Runs the runs listed in `todo` over the group, rank r taking every size-th of them, with
/// `options.threads` runs at once per process. Rank 0 records each finished run in partial/
/// and hands it to `collector` (null on the other ranks).
void distribute(const ProcessGroup& group, const ExperimentPlan& plan,
                const std::vector<int>& todo, const ExperimentOptions& options,
                Collector* collector);

/// Prepares `options.out`, runs the plan's missing runs over the group and writes the result
/// tables (rank 0). Returns the exit code on every rank: 0, 1 (some run failed) or 2 (the
/// results folder cannot be used).
int execute_plan(const ProcessGroup& group, const ExperimentPlan& plan,
                 const ExperimentOptions& options, const std::shared_ptr<spdlog::logger>& log);

}  // namespace firmsim::io::experiment_detail
