// One run of one scenario into a results folder: prepare the folder, build the world, step it
// while the writers stream, finish the files and move the folder into place.
#include "firmsim/io/run.hpp"

#include <sys/resource.h>

#include <chrono>
#include <optional>

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "firmsim/engine.hpp"
#include "io/progress.hpp"

namespace firmsim::io {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::size_t count_alive_firms(const State& st) {
  std::size_t n = 0;
  for (auto a : st.firms.alive) n += a != 0;
  return n;
}

template <class... Args>
void log_info(const RunOptions& opt, spdlog::format_string_t<Args...> fmt, Args&&... args) {
  if (opt.logger) opt.logger->info(fmt, std::forward<Args>(args)...);
}

template <class... Args>
void log_debug(const RunOptions& opt, spdlog::format_string_t<Args...> fmt, Args&&... args) {
  if (opt.logger) opt.logger->debug(fmt, std::forward<Args>(args)...);
}

}  // namespace

RunResult execute_run(const Scenario& scenario, const RunOptions& opt) {
  const auto t0 = Clock::now();
  std::optional<ResultsFolder> folder;
  if (!opt.out_dir.empty()) folder.emplace(opt.out_dir, opt.force);

  Simulation sim(scenario, opt.threads);
  RunResult result;
  result.info.threads = sim.threads();
  result.info.build_s = seconds_since(t0);
  log_debug(opt, "world built: {} firms, {} ties, {} threads, {:.3f} s", sim.state().firms.size(),
            sim.state().ties.size(), sim.threads(), result.info.build_s);

  std::vector<std::unique_ptr<ResultWriter>> owned;
  if (folder) {
    const std::filesystem::path& dir = folder->staging();
    owned.push_back(make_timeseries_writer(dir / "timeseries.csv"));
    owned.push_back(make_events_writer(dir / "events.csv"));
    if (scenario.output.snapshot_every > 0)
      owned.push_back(make_snapshot_writer(dir, scenario.output.snapshot_every,
                                           scenario.output.graphml));
    owned.push_back(make_final_state_writer(
        dir, scenario.output.graphml,
        [&opt](const std::string& note) { log_info(opt, "{}", note); }));
    if (!scenario.policy.interventions.empty())
      owned.push_back(make_policy_writer(dir / "policy.csv"));
  }
  // summary.json sees every step (for the resilience measures) and is written last.
  std::unique_ptr<ResultWriter> summary;
  if (folder) summary = make_summary_writer(folder->staging() / "summary.json");
  std::vector<ResultWriter*> writers;
  for (auto& w : owned) writers.push_back(w.get());
  writers.insert(writers.end(), opt.observers.begin(), opt.observers.end());

  const auto t1 = Clock::now();
  ProgressLine progress(opt.progress, sim.scenario().steps, "step");
  while (!sim.done()) {
    if (opt.stop && opt.stop->load()) throw RunInterrupted("run interrupted");
    sim.step();
    const RunView view{sim.scenario(), sim.state(), sim.metrics()};
    const int step = sim.state().step - 1;
    for (ResultWriter* w : writers) w->on_step(view, step);
    if (summary) summary->on_step(view, step);
    result.info.firm_steps += static_cast<double>(count_alive_firms(sim.state()));
    progress.update(sim.state().step);
  }
  progress.finish();
  result.info.steps = sim.state().step;
  result.info.steps_s = seconds_since(t1);

  const RunView view{sim.scenario(), sim.state(), sim.metrics()};
  for (ResultWriter* w : writers) w->on_finish(view, result.info);
  result.info.wall_s = seconds_since(t0);
  result.info.peak_rss_mb = peak_rss_mb();
  if (folder) {
    summary->on_finish(view, result.info);
    folder->commit();
    result.out_dir = folder->target();
    log_debug(opt, "results written to {}", result.out_dir.string());
  }
  result.final_metrics = sim.metrics();
  result.phase_ns = sim.phase_ns();
  result.firms_alive = count_alive_firms(sim.state());
  for (const Tie& t : sim.state().ties) result.ties_alive += t.alive != 0;
  log_info(opt, "{} steps done in {:.2f} s", result.info.steps, result.info.wall_s);
  return result;
}

std::shared_ptr<spdlog::logger> make_stderr_logger(Verbosity verbosity) {
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("firmsim", std::move(sink));
  logger->set_pattern("firmsim: %^%l%$: %v");
  switch (verbosity) {
    case Verbosity::quiet: logger->set_level(spdlog::level::warn); break;
    case Verbosity::normal: logger->set_level(spdlog::level::info); break;
    case Verbosity::verbose: logger->set_level(spdlog::level::debug); break;
  }
  return logger;
}

double peak_rss_mb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace firmsim::io
