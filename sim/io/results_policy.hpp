#pragma once
// The policy outputs of a run: policy.csv (spending per programme and step) and the `policy`
// and `resilience` objects of summary.json.
#include <nlohmann/json.hpp>
#include <vector>

#include "firmsim/io/results.hpp"

namespace firmsim::io {

/// The series summary.json needs for the resilience measures, recorded step by step.
struct PolicySeries {
  std::vector<double> output, firms, unmet;
  void record(const RunView& view);
};

/// summary.json `policy`: per intervention its label, type, steps active, money spent and
/// firm-steps (or region-, country-steps) supported, and the total.
nlohmann::ordered_json policy_summary(const RunView& view);
/// summary.json `resilience`: one object per shock (docs/OUTPUTS.md).
nlohmann::ordered_json resilience_summary(const RunView& view, const PolicySeries& series);

}  // namespace firmsim::io
