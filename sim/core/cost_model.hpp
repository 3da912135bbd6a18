#pragma once
// The cost formulas of MODEL.md section 9 that several phases share (world generation, costs,
// supplier choice): distance, agglomeration savings, labour cost and transaction-cost rates.
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/cells.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Capital that one unit of capacity per step needs: capital_per_unit / A. Equipment embodies
/// the firm's technology, so a productivity gain raises the capacity of the same capital.
inline double capital_per_capacity(const FinanceSpec& p, double log_a) {
  return p.capital_per_unit * std::exp(-log_a);
}

/// Capacity-weighted mean log productivity of each country's alive firms (0 where none): the
/// productivity of the country's output, which wages are indexed to.
inline std::vector<double> country_log_productivity(const Firms& f, std::size_t countries) {
  std::vector<double> sum(countries, 0.0), weight(countries, 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || f.country[i] >= countries) continue;
    sum[f.country[i]] += f.capacity[i] * f.log_productivity[i];
    weight[f.country[i]] += f.capacity[i];
  }
  for (std::size_t c = 0; c < countries; ++c) sum[c] = weight[c] > 0 ? sum[c] / weight[c] : 0.0;
  return sum;
}

/// Distance between two regions, km, computed from their positions.
inline double region_km_from_positions(const State& st, int a, int b) {
  const RegionSpec& ra = st.regions[a].spec;
  const RegionSpec& rb = st.regions[b].spec;
  return std::hypot(ra.x_km - rb.x_km, ra.y_km - rb.y_km);
}

/// Distance between two regions, km: from State::region_distances when the state has it (the
/// same numbers without a hypot per call).
inline double region_km(const State& st, int a, int b) {
  const std::size_t n = st.regions.size();
  if (st.region_distances.size() == n * n)
    return st.region_distances[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b)];
  return region_km_from_positions(st, a, b);
}

/// Fills State::region_distances from the regions' positions.
inline void fill_region_distances(State& st) {
  const std::size_t n = st.regions.size();
  st.region_distances.resize(n * n);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      st.region_distances[a * n + b] =
          region_km_from_positions(st, static_cast<int>(a), static_cast<int>(b));
}

/// n_local: alive firms of the region in the same or an adjacent stage (the firm included).
inline double local_cluster_size(const Cells& c, int stage, int region) {
  const int stages = cell_stages(c);
  double n = 0;
  for (int s = std::max(0, stage - 1); s <= std::min(stages - 1, stage + 1); ++s)
    n += static_cast<double>(cell_firms(c, s, region).size());
  return n;
}

/// s_agg = a log(1 + n_local / n0), capped.
inline double agglomeration_saving(const CostSpec& p, double n_local) {
  return std::min(p.agglomeration_cap,
                  p.agglomeration_strength * std::log1p(n_local / p.agglomeration_scale));
}

/// Labour cost per unit of output: w / A (1 - s_agg) (1 - infrastructure saving).
inline double unit_labour_cost(const CostSpec& p, double wage, double log_a, double s_agg,
                               double infrastructure) {
  return wage * std::exp(-log_a) * (1 - s_agg) * (1 - p.infrastructure_saving * infrastructure);
}

/// Transaction cost per unit of money spent on a tied input: falls with trust and institutional
/// quality, rises with distance (less so on good infrastructure).
inline double transaction_rate(const CostSpec& p, double trust, double institutions, double km,
                               double infrastructure) {
  const double distance =
      km / p.distance_scale_km * (1 - p.infrastructure_distance_saving * infrastructure);
  return p.transaction_rate * (1 - p.trust_saving * trust) *
         (1 - p.institution_saving * institutions) * (1 + distance);
}

/// Transaction-cost rate of a tie between supplier `s` and buyer `b`: the weaker country's
/// institutions and the two regions' mean infrastructure.
inline double tie_transaction_rate(const CostSpec& p, const State& st, FirmId s, FirmId b,
                                   double trust) {
  const Firms& f = st.firms;
  const double iq = std::min(st.countries[f.country[s]].spec.institutional_quality,
                             st.countries[f.country[b]].spec.institutional_quality);
  const double infra = 0.5 * (st.regions[f.region[s]].spec.infrastructure +
                              st.regions[f.region[b]].spec.infrastructure);
  return transaction_rate(p, trust, iq, region_km(st, f.region[s], f.region[b]), infra);
}

}  // namespace firmsim
