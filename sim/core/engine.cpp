#include "firmsim/engine.hpp"

#include <stdexcept>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>

#include "firmsim/invariants.hpp"
#include "phases/phases.hpp"

namespace firmsim {

namespace {
constexpr std::array<Phase, 9> kPhases{{
    {"policy", phases::policy},
    {"demand", phases::demand},
    {"production", phases::production},
    {"costs", phases::costs},
    {"innovation", phases::innovation},
    {"accounting", phases::accounting},
    {"ties", phases::ties},
    {"entry_exit", phases::entry_exit},
    {"measure", phases::measure},
}};
}  // namespace

std::span<const Phase> step_phases() { return kPhases; }

Simulation::Simulation(Scenario scenario, int threads)
    : scenario_(std::move(scenario)),
      phase_ns_(kPhases.size(), 0.0),
      threads_(threads > 0 ? threads : tbb::info::default_concurrency()),
      arena_(std::make_unique<tbb::task_arena>(threads_)) {
  arena_->execute([&] {
    state_ = make_world(scenario_);
    rebuild_network(state_.network, state_.ties, state_.firms.size());
  });
}

Simulation::~Simulation() = default;

void Simulation::step() {
  arena_->execute([&] {
    state_.tally = StepTally{};
    state_.events.clear();
    for (std::size_t i = 0; i < kPhases.size(); ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      kPhases[i].run(scenario_, state_);
      const auto t1 = std::chrono::steady_clock::now();
      phase_ns_[i] += std::chrono::duration<double, std::nano>(t1 - t0).count();
    }
    // Recording the metrics belongs to the measure phase (the last one) in the profile.
    const auto t0 = std::chrono::steady_clock::now();
    compute_metrics(scenario_, state_, metrics_);
    const auto t1 = std::chrono::steady_clock::now();
    phase_ns_.back() += std::chrono::duration<double, std::nano>(t1 - t0).count();
  });
#ifdef FIRMSIM_CHECK_INVARIANTS
  if (const auto broken = check_invariants(scenario_, state_); !broken.empty()) {
    std::string text = "invariants broken after step " + std::to_string(state_.step) + ":";
    for (const std::string& b : broken) text += "\n  " + b;
    throw std::logic_error(text);
  }
#endif
  ++state_.step;
}

}  // namespace firmsim
