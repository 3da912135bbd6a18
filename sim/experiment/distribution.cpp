// Runs spread over the process group: each rank runs its share, several runs at once; rank 0
// records and collects every finished run, its own and those the workers send.
#include "experiment/distribution.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <thread>

#include <oneapi/tbb/concurrent_queue.h>

#include "experiment/manifest.hpp"
#include "firmsim/metrics.hpp"

namespace firmsim::io::experiment_detail {

namespace {

std::vector<int> share_of(const std::vector<int>& todo, int rank, int size) {
  std::vector<int> mine;
  for (std::size_t i = static_cast<std::size_t>(rank); i < todo.size();
       i += static_cast<std::size_t>(size))
    mine.push_back(todo[i]);
  return mine;
}

std::optional<std::filesystem::path> keep_root(const ExperimentOptions& options) {
  if (!options.keep_runs) return std::nullopt;
  return options.out / "runs";
}

/// Rank 0 alone: finished runs go straight to the collector, in the order of `todo`.
void run_alone(const ExperimentPlan& plan, const std::vector<int>& todo,
               const ExperimentOptions& options, Collector& collector) {
  execute_local(
      plan, todo, options.threads, keep_root(options),
      [&](RunOutcome& r) { r.persisted = r.ok && persist_run(options.out, r); },
      [&](RunOutcome&& r) { collector.accept(std::move(r)); });
}

/// Rank 0 of several: its own runs on a helper thread, the workers' runs through MPI; only this
/// (the main) thread calls MPI or the collector.
void run_root(const ProcessGroup& group, const ExperimentPlan& plan, const std::vector<int>& todo,
              const ExperimentOptions& options, Collector& collector) {
  const std::vector<int> mine = share_of(todo, 0, group.size());
  std::size_t remote = todo.size() - mine.size();
  tbb::concurrent_bounded_queue<std::shared_ptr<RunOutcome>> local;
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      execute_local(
          plan, mine, options.threads, keep_root(options),
          [&](RunOutcome& r) { r.persisted = r.ok && persist_run(options.out, r); },
          [&](RunOutcome&& r) { local.push(std::make_shared<RunOutcome>(std::move(r))); });
    } catch (...) {
      failure = std::current_exception();
    }
    local.push(nullptr);
  });
  bool local_done = false;
  try {
    while (!local_done || remote > 0) {
      bool idle = true;
      std::shared_ptr<RunOutcome> r;
      while (local.try_pop(r)) {
        idle = false;
        if (!r) {
          local_done = true;
          break;
        }
        collector.accept(std::move(*r));
      }
      if (remote > 0) {
        const std::string text = group.poll_workers();
        if (!text.empty()) {
          idle = false;
          --remote;
          auto received = result_from_text(text, metric_definitions().size());
          if (!received) throw std::runtime_error("a worker sent an unreadable result");
          received->persisted = received->ok && persist_run(options.out, *received);
          collector.accept(std::move(*received));
        }
      }
      if (idle) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  } catch (const std::exception& e) {
    // The workers would wait for rank 0 forever: end every process now.
    std::fprintf(stderr, "firmsim: error: %s\n", e.what());
    group.abort(1);
  }
  worker.join();
  if (failure) std::rethrow_exception(failure);
}

/// A worker rank: runs its share and sends each finished run to rank 0 from the main thread.
void run_worker(const ProcessGroup& group, const ExperimentPlan& plan, const std::vector<int>& todo,
                const ExperimentOptions& options) {
  const std::vector<int> mine = share_of(todo, group.rank(), group.size());
  tbb::concurrent_bounded_queue<std::string> outbox;
  outbox.set_capacity(16);  // a slow rank 0 holds back this rank's runs instead of its memory
  std::thread worker([&] {
    execute_local(
        plan, mine, options.threads, keep_root(options), [](RunOutcome&) {},
        [&](RunOutcome&& r) { outbox.push(result_to_text(r)); });
    outbox.push(std::string());
  });
  for (;;) {
    std::string text;
    outbox.pop(text);
    if (text.empty()) break;
    group.send_to_root(text);
  }
  worker.join();
}

}  // namespace

void distribute(const ProcessGroup& group, const ExperimentPlan& plan,
                const std::vector<int>& todo, const ExperimentOptions& options,
                Collector* collector) {
  if (group.size() == 1)
    run_alone(plan, todo, options, *collector);
  else if (group.rank() == 0)
    run_root(group, plan, todo, options, *collector);
  else
    run_worker(group, plan, todo, options);
}

}  // namespace firmsim::io::experiment_detail
