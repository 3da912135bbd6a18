// Costs (MODEL.md sections 2.4 and 9):
//   unit cost = (wages + inputs + transaction costs) / output, where
//   wages = w_country * employees * (1 - s_agg) * (1 - infrastructure_saving * infrastructure),
//   employees = output / A (at least one), s_agg = a log(1 + n_local / n0) capped, n_local the
//   alive firms of the region in the same or an adjacent stage; inputs are what production
//   paid suppliers; transaction costs are, on each tied input, its value times a rate that
//   falls with trust and the weaker country's institutional quality and rises with distance
//   (less on good infrastructure), plus the spot premium production already counted.
// A firm that produced nothing keeps its last unit cost.
#include <algorithm>
#include <cmath>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cost_model.hpp"
#include "core/supply_chain.hpp"
#include "phases/phases.hpp"

namespace firmsim::phases {

void costs(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const Network& net = st.network;
  const CostSpec& p = sc.costs;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 512), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (!f.alive[i]) continue;
      const RegionState& region = st.regions[f.region[i]];
      const double wage = st.countries[f.country[i]].spec.wage;
      f.agglomeration[i] =
          agglomeration_saving(p, local_cluster_size(st.cells, f.stage[i], f.region[i]));
      f.employees[i] = std::max(1.0, f.output[i] * std::exp(-f.log_productivity[i]));
      f.labour_cost[i] = wage * f.employees[i] * (1 - f.agglomeration[i]) *
                         (1 - p.infrastructure_saving * region.spec.infrastructure);
      double transaction = 0;
      if (i + 1 < net.incident_offsets.size())
        for (std::uint32_t k = net.incident_offsets[i]; k < net.incident_offsets[i + 1]; ++k) {
          const Tie& t = st.ties[net.incident_ties[k]];
          if (t.target != i || !is_supply_flow(f, t)) continue;
          transaction += tie_delivery(f, t) * f.price[t.source] *
                         tie_transaction_rate(p, st, t.source, t.target, t.trust);
        }
      f.transaction_cost[i] += transaction;
      if (f.output[i] > 0)
        f.unit_cost[i] =
            (f.labour_cost[i] + f.input_cost[i] + f.transaction_cost[i]) / f.output[i];
    }
  });
}

}  // namespace firmsim::phases
