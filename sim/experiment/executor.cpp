// Executes runs on this process: one thread per run, several runs at once, delivered in order.
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "experiment/run_result.hpp"
#include "firmsim/io/run.hpp"
#include "firmsim/metrics.hpp"

namespace firmsim::io::experiment_detail {

namespace {

/// An error message on one line (for the log and failures.csv): line breaks become "; ".
std::string one_line(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += "; ";
    else if (c != '\r')
      out += c;
  }
  return out;
}

}  // namespace

RunOutcome perform_run(const ExperimentPlan& plan, const RunSpec& run,
                       const std::optional<std::filesystem::path>& keep_dir) {
  RunOutcome result;
  result.run_id = run.run_id;
  result.seed = run.seed;
  try {
    MetricsRecorder recorder;
    RunOptions options;
    options.threads = 1;
    options.observers = {&recorder};
    if (keep_dir) {
      options.out_dir = *keep_dir;
      options.force = true;  // a run left by an interrupted experiment is redone
    }
    execute_run(run_scenario(plan, run), options);
    const std::size_t metrics = metric_definitions().size();
    result.series.reserve(recorder.rows().size() * metrics);
    for (const std::vector<double>& row : recorder.rows()) {
      if (row.size() != metrics)
        throw std::runtime_error("the engine reported " + std::to_string(row.size()) +
                                 " metrics instead of " + std::to_string(metrics));
      result.series.insert(result.series.end(), row.begin(), row.end());
    }
    if (recorder.rows().size() != static_cast<std::size_t>(plan.experiment.steps))
      throw std::runtime_error("the run recorded " + std::to_string(recorder.rows().size()) +
                               " steps instead of " + std::to_string(plan.experiment.steps));
    result.steps = static_cast<int>(recorder.rows().size());
    result.ok = true;
  } catch (const std::exception& e) {
    result = RunOutcome{};
    result.run_id = run.run_id;
    result.seed = run.seed;
    result.error = one_line(e.what());
  } catch (...) {
    result = RunOutcome{};
    result.run_id = run.run_id;
    result.seed = run.seed;
    result.error = "unknown exception";
  }
  return result;
}

void execute_local(const ExperimentPlan& plan, std::span<const int> todo, int threads,
                   const std::optional<std::filesystem::path>& keep_root,
                   const std::function<void(RunOutcome&)>& finished,
                   const std::function<void(RunOutcome&&)>& deliver) {
  if (todo.empty()) return;
  const int concurrency = threads > 0 ? threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(concurrency);
  std::size_t next = 0;
  using Owned = std::shared_ptr<RunOutcome>;
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<std::size_t>(2 * concurrency),
        tbb::make_filter<void, int>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& fc) -> int {
                                      if (next == todo.size()) {
                                        fc.stop();
                                        return 0;
                                      }
                                      return todo[next++];
                                    }) &
            tbb::make_filter<int, Owned>(
                tbb::filter_mode::parallel,
                [&](int index) {
                  const RunSpec& run = plan.runs[static_cast<std::size_t>(index)];
                  std::optional<std::filesystem::path> keep;
                  if (keep_root) keep = *keep_root / std::to_string(run.run_id);
                  auto result = std::make_shared<RunOutcome>(perform_run(plan, run, keep));
                  finished(*result);
                  return result;
                }) &
            tbb::make_filter<Owned, void>(tbb::filter_mode::serial_in_order,
                                          [&](Owned result) { deliver(std::move(*result)); }));
  });
}

}  // namespace firmsim::io::experiment_detail
