#pragma once
/// The time-step engine: a fixed, ordered list of named phases over one state.
///
/// Lifecycle: construct (builds the world from the scenario), step() until done(), read the
/// state and the metrics. The engine does no I/O; writers observe it from outside.
#include <array>
#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <oneapi/tbb/task_arena.h>

#include "firmsim/metrics.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

using PhaseFn = void (*)(const Scenario&, State&);

struct Phase {
  const char* name;
  PhaseFn run;
};

/// The phases of one step, in order (MODEL.md section 2).
std::span<const Phase> step_phases();

/// Builds the initial world (countries, regions, firms, initial supply ties) from a scenario.
State make_world(const Scenario& scenario);

class Simulation {
 public:
  /// `threads` = 0 uses every core. Results never depend on it.
  explicit Simulation(Scenario scenario, int threads = 1);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// Runs one step (all phases); the metrics of that step are then in metrics().
  void step();
  bool done() const { return state_.step >= scenario_.steps; }

  const Scenario& scenario() const { return scenario_; }
  const State& state() const { return state_; }
  State& mutable_state() { return state_; }
  /// Values of the step just run, aligned with metric_definitions().
  const std::vector<double>& metrics() const { return metrics_; }
  /// Accumulated wall time per phase, nanoseconds, aligned with step_phases().
  const std::vector<double>& phase_ns() const { return phase_ns_; }
  int threads() const { return threads_; }

 private:
  Scenario scenario_;
  State state_;
  std::vector<double> metrics_;
  std::vector<double> phase_ns_;
  int threads_;
  std::unique_ptr<tbb::task_arena> arena_;
};

}  // namespace firmsim
