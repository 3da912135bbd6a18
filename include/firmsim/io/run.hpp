#pragma once
/// One run of one scenario, from a typed scenario to a complete results folder.
///
/// Used by `firmsim run` and reused by `firmsim experiment` for each run of a plan. The folder is
/// prepared before the world is built (a folder that cannot be used is an OutputError, exit 2),
/// files are streamed into a staging folder while the steps run, and the folder appears under
/// its name only when the run succeeded.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "firmsim/io/results.hpp"
#include "firmsim/scenario.hpp"

namespace spdlog {
class logger;
}

namespace firmsim::io {

struct RunOptions {
  std::filesystem::path out_dir;  ///< results folder; empty: write no files (observers only)
  bool force = false;             ///< replace an existing results folder (after success)
  int threads = 1;                ///< worker threads, 0: every core; results never depend on it
  std::vector<ResultWriter*> observers;    ///< extra writers, e.g. a MetricsRecorder
  std::shared_ptr<spdlog::logger> logger;  ///< null: no log messages
  bool progress = false;  ///< progress line on stderr (only on a terminal, after one second)
  const std::atomic<bool>* stop = nullptr;  ///< when it becomes true, the run is abandoned
};

struct RunResult {
  RunInfo info;
  std::vector<double> final_metrics;  ///< aligned with metric_definitions()
  std::vector<double> phase_ns;       ///< total per phase, aligned with step_phases()
  std::size_t firms_alive = 0, ties_alive = 0;
  std::filesystem::path out_dir;  ///< the committed results folder (empty when none)
};

/// Thrown when RunOptions::stop ends a run early; nothing is left behind.
class RunInterrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs `scenario` to its last step. Throws OutputError before the run when the results folder
/// cannot be used, RunInterrupted when stopped, and anything else on a failure during the run.
RunResult execute_run(const Scenario& scenario, const RunOptions& options);

/// Logging levels of the command line: warnings only, info, debug.
enum class Verbosity { quiet, normal, verbose };

/// A logger (not registered globally) that writes to standard error.
std::shared_ptr<spdlog::logger> make_stderr_logger(Verbosity verbosity);

/// Peak resident memory of this process so far, MiB.
double peak_rss_mb();

}  // namespace firmsim::io
