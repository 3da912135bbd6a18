#include "firmsim/metrics.hpp"

#include "firmsim/state.hpp"

namespace firmsim {

const std::vector<MetricDefinition>& metric_definitions() {
  static const std::vector<MetricDefinition> defs = [] {
    std::vector<MetricDefinition> d;
    d.push_back({"firms", "count", "firms alive at the end of the step"});
    return d;
  }();
  return defs;
}

void compute_metrics(const Scenario&, const State& st, std::vector<double>& values) {
  values.assign(metric_definitions().size(), 0.0);
  double alive = 0;
  for (auto a : st.firms.alive) alive += a;
  values[0] = alive;
}

}  // namespace firmsim
