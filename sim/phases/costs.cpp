// Costs (MODEL.md sections 2.4 and 9). Wages first: w_c = wage_c(scenario) * exp(e * (mean log A
// of c's alive firms, weighted by capacity, - its value at the start)), e =
// wage_productivity_elasticity. Unit cost is the normal cost that prices are set on:
//   unit cost = w / A (1 - s_agg) (1 - infrastructure_saving * infrastructure)
//               + (inputs + transaction costs) / output,
// labour at the productivity-given staff per unit (overhead staff spread over the output of
// normal utilisation), so idle capacity lowers profit but does not feed back into the price.
// The wage bill that accounting charges is
//   wages = w_country * employees * (1 - s_agg) * (1 - infrastructure_saving * infrastructure),
//   employees = ((1 - o) output + o u* capacity) / A (at least one), o = overhead_share the
//   staff kept for the capacity whatever is produced, u* the target utilisation;
//   s_agg = a log(1 + n_local / n0) capped, n_local the alive firms of the region in the same or an adjacent stage; inputs are what production
//   paid suppliers; transaction costs are, on each tied input, its value times a rate that
//   falls with trust and the weaker country's institutional quality and rises with distance
//   (less on good infrastructure), plus the spot premium production already counted.
// Cooperation ties share costs (equipment, services, purchasing, staff): each alive tie of type t
// saves cost_saving[t] * trust of both partners' labour cost, summed over the firm's ties and
// capped at cost_saving_cap (cooperation.cost_saving; 0 for plain subcontracting).
// A firm that produced nothing keeps its last unit cost.
// Then the money along cooperation ties is settled (cooperation_flows.cpp), which moves part of
// a northern joint-venture partner's wage bill to its southern partner.
#include <algorithm>
#include <cmath>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cost_model.hpp"
#include "core/supply_chain.hpp"
#include "phases/phases.hpp"
#include "ties/cooperation.hpp"

namespace firmsim::phases {

namespace {

double at_type(const std::vector<double>& v, TieType t) {
  const auto k = static_cast<std::size_t>(t);
  return k < v.size() ? v[k] : 0.0;
}

/// w_c = scenario wage * exp(e (mean log A_c - mean log A_c at the start)), means weighted by
/// capacity (the productivity of the country's output, not of its average survivor).
void update_wages(const Scenario& sc, State& st) {
  const std::vector<double> now = country_log_productivity(st.firms, st.countries.size());
  for (std::size_t c = 0; c < now.size() && c < sc.world.countries.size(); ++c) {
    const double rise = now[c] - st.countries[c].base_log_productivity;
    st.countries[c].spec.wage =
        sc.world.countries[c].wage * std::exp(sc.costs.wage_productivity_elasticity * rise);
  }
}

}  // namespace

void costs(const Scenario& sc, State& st) {
  update_wages(sc, st);
  Firms& f = st.firms;
  const Network& net = st.network;
  const CostSpec& p = sc.costs;
  // s_agg depends only on the firm's (stage, region): once per cell, not a log per firm.
  const int stages = cell_stages(st.cells);
  const std::size_t regions = st.cells.regions;
  std::vector<double> cell_saving(static_cast<std::size_t>(stages) * regions);
  for (int s = 0; s < stages; ++s)
    for (std::size_t g = 0; g < regions; ++g)
      cell_saving[s * regions + g] =
          agglomeration_saving(p, local_cluster_size(st.cells, s, static_cast<int>(g)));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 128), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (!f.alive[i]) continue;
      const RegionState& region = st.regions[f.region[i]];
      const double wage = st.countries[f.country[i]].spec.wage;
      f.agglomeration[i] = f.stage[i] < stages && f.region[i] < regions
                               ? cell_saving[f.stage[i] * regions + f.region[i]]
                               : agglomeration_saving(p, local_cluster_size(st.cells, f.stage[i],
                                                                            f.region[i]));
      const double staffed = (1 - p.overhead_share) * f.output[i] +
                             p.overhead_share * sc.finance.target_utilisation * f.capacity[i];
      f.employees[i] = std::max(1.0, staffed * std::exp(-f.log_productivity[i]));
      double transaction = 0, shared = 0;
      if (i + 1 < net.incident_offsets.size())
        for (std::uint32_t k = net.incident_offsets[i]; k < net.incident_offsets[i + 1]; ++k) {
          // Every tie type can share costs (cost_saving by type); only supply ties on which
          // the firm buys carry transaction costs.
          const Tie& t = st.ties[net.incident_ties[k]];
          if (t.alive && f.alive[t.source] && f.alive[t.target] && t.source != t.target)
            shared += at_type(sc.cooperation.cost_saving, t.type) * t.trust;
          if (!incident_kind::supply_in(net.incident_kinds[k])) continue;
          if (t.target != i || !is_supply_flow(f, t)) continue;
          transaction += tie_delivery(f, t) * f.price[t.source] *
                         tie_transaction_rate(p, st, t.source, t.target, t.trust);
        }
      const double coop_saving = std::min(sc.cooperation.cost_saving_cap, shared);
      f.labour_cost[i] = wage * f.employees[i] * (1 - f.agglomeration[i]) *
                         (1 - p.infrastructure_saving * region.spec.infrastructure) *
                         (1 - coop_saving);
      f.transaction_cost[i] += transaction;
      if (f.output[i] > 0)
        f.unit_cost[i] = unit_labour_cost(p, wage, f.log_productivity[i], f.agglomeration[i],
                                          region.spec.infrastructure) *
                             (1 - coop_saving) +
                         (f.input_cost[i] + f.transaction_cost[i]) / f.output[i];
    }
  });
  settle_cooperation(sc, st);  // money along cooperation ties (sim/ties/cooperation_flows.cpp)
}

}  // namespace firmsim::phases
