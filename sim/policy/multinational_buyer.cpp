// multinational_buyer: at its start the programme brings a large final-stage firm into its one
// target region: a multinational with `employees` employees, log productivity
// `productivity_premium` above the mean of the final stage in that country, brand `brand`, half
// of its capital its own (entrant_equity of entry), the capacity its employees give at the
// target utilisation, and open-ended subcontracting ties (reason "policy_attraction") to the
// `local_suppliers` most productive firms of the previous stage in the region, equal order
// shares: it sources locally. It enters its home market like any newcomer (demand.cpp) and wins
// share by its price, quality and brand. Spending: the one-off `grant`, paid to the firm as
// subsidy income at the start. Its draws (knowledge profile, R&D intensity) come from
// Stream::policy keyed by the programme, so no other draw moves.
#include <algorithm>
#include <cmath>

#include "core/cells.hpp"
#include "core/cost_model.hpp"
#include "core/technology.hpp"
#include "firmsim/network.hpp"
#include "firmsim/rng.hpp"
#include "policy/targeting.hpp"
#include "ties/tie_table.hpp"

namespace firmsim::policy {

namespace {

// Entity numbers of programme draws, above every firm id and the entry regions' entities.
constexpr std::uint64_t kProgrammeEntity = 1ull << 41;

void validate(const Scenario& sc, const InterventionSpec& spec, Problems& problems) {
  if (spec.regions.size() != 1)
    problems.push_back({"regions", "a multinational_buyer needs exactly one region, " +
                                       std::to_string(spec.regions.size()) + " given"});
  if (spec.budget > 0 && spec.grant > spec.budget)
    problems.push_back({"grant", "the grant exceeds the per-step budget"});
  if (spec.total_budget > 0 && spec.grant > spec.total_budget)
    problems.push_back({"grant", "the grant exceeds the total budget"});
  if (sc.world.stages < 1) problems.push_back({"", "needs at least one stage"});
}

/// Mean log A of alive firms of `stage` in `country` (the scenario's mean where there are none),
/// and the capacity-weighted mean price of `stage` (0 where none).
void stage_facts(const Scenario& sc, const State& st, int country, int stage, double& log_a,
                 double& price) {
  const Firms& f = st.firms;
  double sum = 0, n = 0, value = 0, units = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || f.stage[i] != stage) continue;
    value += f.price[i] * f.capacity[i], units += f.capacity[i];
    if (f.country[i] == country) sum += f.log_productivity[i], n += 1;
  }
  log_a = n > 0 ? sum / n : sc.population.log_productivity_mean;
  price = units > 0 ? value / units : 0.0;
}

FirmId bring_in(const Scenario& sc, State& st, const InterventionSpec& spec, std::size_t index) {
  Firms& f = st.firms;
  const int region = static_cast<int>(spec.regions[0]);
  const int stage = std::max(1, sc.world.stages) - 1;
  const RegionState& r = st.regions[region];
  const FirmId id = static_cast<FirmId>(f.size());
  f.resize(f.size() + 1, st.knowledge_fields);
  Rng rng(sc.seed, kProgrammeEntity + index, static_cast<std::uint32_t>(st.step), Stream::policy);
  place_entrant(sc, st, id, region, stage, SizeClass::multinational, kNoFirm, rng);
  double mean_log_a = 0, input_price = 0, unused = 0;
  stage_facts(sc, st, r.country, stage, mean_log_a, unused);
  if (stage > 0) stage_facts(sc, st, r.country, stage - 1, unused, input_price);
  f.log_productivity[id] = mean_log_a + spec.productivity_premium;

  const FinanceSpec& fin = sc.finance;
  f.employees[id] = spec.employees;
  f.capacity[id] = spec.employees * std::exp(f.log_productivity[id]) / fin.target_utilisation;
  f.expected_demand[id] = fin.target_utilisation * f.capacity[id];
  const double capital = capital_per_capacity(fin, f.log_productivity[id]) * f.capacity[id];
  f.net_worth[id] = sc.entry_exit.entrant_equity * capital;
  f.debt[id] = capital - f.net_worth[id];
  f.markup[id] = sc.market.initial_markup;
  f.brand[id] = spec.brand;
  rebuild_cells(st, sc.world.stages);
  f.agglomeration[id] = agglomeration_saving(sc.costs, local_cluster_size(st.cells, stage, region));
  const double labour = unit_labour_cost(sc.costs, st.countries[r.country].spec.wage,
                                         f.log_productivity[id], f.agglomeration[id],
                                         r.spec.infrastructure);
  f.unit_cost[id] = labour + (stage > 0 ? sc.production.input_coefficient * input_price : 0.0);
  f.price[id] = (1 + f.markup[id]) * f.unit_cost[id];
  f.tie_fill[id] = 1;

  // Local sourcing: the most productive suppliers of the previous stage in the region.
  if (stage > 0 && spec.local_suppliers > 0) {
    const auto local = cell_firms(st.cells, stage - 1, region);
    std::vector<FirmId> best(local.begin(), local.end());
    std::stable_sort(best.begin(), best.end(), [&](FirmId a, FirmId b) {  // cells: id order
      return f.log_productivity[a] > f.log_productivity[b];
    });
    best.resize(std::min(best.size(), static_cast<std::size_t>(spec.local_suppliers)));
    for (const FirmId j : best) {
      TieProposal p;
      p.source = j;
      p.target = id;
      p.type = TieType::subcontracting;
      p.share = 1.0 / static_cast<double>(best.size());
      p.contract_steps = 0;
      p.reason = "policy_attraction";
      p.trust = static_cast<float>(sc.supply.initial_trust);
      form_tie(st, p);
    }
  }
  rebuild_network(st.network, st.ties, f.size());
  return id;
}

void apply(const Scenario& sc, State& st, Programme& p) {
  if (p.state.started) return;
  p.state.started = true;
  const FirmId id = bring_in(sc, st, p.spec, p.index);
  p.state.firm = st.firms.id[id];
  if (p.spec.grant > 0 && p.budget.take(p.spec.grant)) st.firms.subsidy[id] += p.spec.grant;
  ++p.state.supported.back();
}

}  // namespace

InterventionType multinational_buyer_type() { return {"multinational_buyer", validate, apply}; }

}  // namespace firmsim::policy
