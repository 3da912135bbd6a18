// export_promotion: an export agency (trade fairs, market information, certification) removes
// `export_cost_cut` of the export access cost of the final-stage firms it serves: they pay
// less to serve the export market (accounting), compete better on it and start exporting at a
// lower productivity (demand: the entry line and competitiveness use the reduced cost).
// Spending: `cost_per_firm` per firm and step; firms are served in the order of the
// selection rule while the budget lasts.
#include <algorithm>

#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario& sc, const InterventionSpec& spec, Problems& problems) {
  if (!(spec.export_cost_cut > 0))
    problems.push_back({"export_cost_cut", "must be above 0 for export_promotion"});
  if (!spec.stages.empty() &&
      std::find(spec.stages.begin(), spec.stages.end(), sc.world.stages - 1) == spec.stages.end())
    problems.push_back({"stages", "export_promotion serves final-stage firms (stage " +
                                      std::to_string(sc.world.stages - 1) + "): list it or []"});
}

void apply(const Scenario& sc, State& st, Programme& p) {
  Firms& f = st.firms;
  const int final_stage = std::max(1, sc.world.stages) - 1;
  for (const FirmId i : ranked_firms(p.spec, st)) {
    if (f.stage[i] != final_stage) continue;
    if (!p.budget.take(p.spec.cost_per_firm)) break;
    f.export_cost_cut[i] = std::max(f.export_cost_cut[i], p.spec.export_cost_cut);
    ++p.state.supported.back();
  }
}

}  // namespace

InterventionType export_promotion_type() { return {"export_promotion", validate, apply}; }

}  // namespace firmsim::policy
