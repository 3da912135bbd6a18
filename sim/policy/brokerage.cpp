// brokerage: a regional agency brings searching firms extra partner candidates, vouches for
// them (initial trust of brokered ties) and pays part of search and contract costs: it fills
// State::region_policy of its target regions, which partner search reads (sim/ties/). Its
// spending is a fixed operating cost per target region and step; regions are served in index
// order while the budget lasts.
#include <algorithm>

#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (spec.brokered_candidates == 0 && spec.search_cost_cover == 0 && spec.brokered_trust == 0)
    problems.push_back({"brokered_candidates", "a brokerage with no candidates, no trust and no "
                                               "cost cover does nothing"});
}

void apply(const Scenario&, State& st, Programme& p) {
  for (const int r : target_regions(p.spec, st)) {
    if (!p.budget.take(p.spec.operating_cost)) break;
    RegionPolicy& rp = st.region_policy[r];
    rp.brokered_candidates = std::max(rp.brokered_candidates, p.spec.brokered_candidates);
    rp.brokered_trust = std::max(rp.brokered_trust, static_cast<float>(p.spec.brokered_trust));
    rp.search_cost_cover = std::max(rp.search_cost_cover, p.spec.search_cost_cover);
    ++p.state.supported.back();
  }
}

}  // namespace

InterventionType brokerage_type() { return {"brokerage", validate, apply}; }

}  // namespace firmsim::policy
