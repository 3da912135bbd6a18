#pragma once
// The outcome of one run, its text form (partial files, MPI messages) and its execution.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "firmsim/io/experiment.hpp"

namespace firmsim::io::experiment_detail {

struct RunOutcome {
  int run_id = 0;
  std::uint64_t seed = 0;
  bool ok = false;
  std::string error;            ///< why the run failed
  int steps = 0;
  std::vector<double> series;   ///< steps x metrics, row-major; row s is the metrics after step s+1
  bool persisted = false;       ///< its partial file exists (set on the process that wrote it)

  std::span<const double> row(int step, std::size_t metrics) const {
    return {series.data() + static_cast<std::size_t>(step) * metrics, metrics};
  }
};

/// JSON text of a result; exact (numbers round-trip, non-finite values as strings).
std::string result_to_text(const RunOutcome& result);
/// Reads a result back; nullopt when the text is malformed or does not fit `metrics` columns.
std::optional<RunOutcome> result_from_text(std::string_view text, std::size_t metrics);

/// Runs one run on the calling thread; never throws (a failure is recorded in the result).
/// With `keep_dir` set, the run also writes its own result files there.
RunOutcome perform_run(const ExperimentPlan& plan, const RunSpec& run,
                      const std::optional<std::filesystem::path>& keep_dir);

/// Runs `todo` (indices into plan.runs) on `threads` threads, several runs at once. `finished`
/// is called right after each run on the thread that ran it; `deliver` is called serially in the
/// order of `todo`. At most 2 x threads results are held at once.
void execute_local(const ExperimentPlan& plan, std::span<const int> todo, int threads,
                   const std::optional<std::filesystem::path>& keep_root,
                   const std::function<void(RunOutcome&)>& finished,
                   const std::function<void(RunOutcome&&)>& deliver);

}  // namespace firmsim::io::experiment_detail
