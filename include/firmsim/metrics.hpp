#pragma once
/// Named reporters: the per-step metrics, pure functions of the state (timeseries.csv columns).
#include <string>
#include <vector>

namespace firmsim {

struct Scenario;
struct State;

struct MetricDefinition {
  std::string name;
  std::string unit;
  std::string meaning;
};

/// The metrics recorded every step, in column order (after `step`).
const std::vector<MetricDefinition>& metric_definitions();

/// Computes every metric for the current state; `values` is resized to match.
void compute_metrics(const Scenario& scenario, const State& state, std::vector<double>& values);

}  // namespace firmsim
