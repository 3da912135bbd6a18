#pragma once
/// Named reporters: the per-step metrics, pure functions of the state (timeseries.csv columns).
///
/// Every metric is computed over the firms alive at the end of the step, in firm-id order, so
/// that the values do not depend on the thread count. docs/OUTPUTS.md documents each column.
#include <cstdint>
#include <span>
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

/// Index of the metric `name` in metric_definitions(), or -1.
int metric_index(const std::string& name);

/// Computes every metric for the current state; `values` is resized to match. The clustering
/// coefficient is computed only on steps that are multiples of `output.clustering_every` and on
/// the last step; on the other steps it is NaN.
void compute_metrics(const Scenario& scenario, const State& state, std::vector<double>& values);

/// Per-firm network facts shared by the metrics, firms.csv and network.graphml. Only alive ties
/// between alive firms count.
struct FirmLinks {
  std::vector<std::uint32_t> degree;  ///< distinct alive partners (undirected simple graph)
  std::vector<std::uint8_t> gvc;      ///< alive, and tied to a firm of another country or exporting
  /// Alive, with at least one alive cooperative tie to an alive firm: any tie type except plain
  /// `subcontracting` (arm's-length supply orders), or a university tie.
  std::vector<std::uint8_t> cooperative;
  /// When asked for: alive ties by type, firm-major (firm * kTieTypeCount + type); parallel ties
  /// count apart.
  std::vector<std::uint32_t> ties_by_type;
};

/// Computes FirmLinks from the tie table and the network (rebuilt for the current firms).
FirmLinks firm_links(const State& state, bool by_type = false);

/// Gini coefficient of non-negative values (0: all equal; (n-1)/n: one holds everything);
/// 0 when empty or all zero.
double gini(std::span<const double> values);

/// Herfindahl-Hirschman index of non-negative values: the sum of squared shares (0..1);
/// 0 when empty or all zero.
double hhi(std::span<const double> values);

}  // namespace firmsim
