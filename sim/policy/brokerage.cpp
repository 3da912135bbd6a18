// brokerage: a regional agency brings firms that search for a partner extra candidates from
// their region (brokered contacts), vouches for them (initial trust of brokered ties) and pays
// part of their search and contract costs. It fills State::region_policy of its target regions
// and PolicyState::brokered, which partner search reads (sim/ties/).
// Spending, within the budget: `operating_cost` per target region and step; `cost_per_contact`
// per brokered contact, paid when commissioned: each step, after the operating cost of its
// regions (index order), the firms of the target in those regions that draw a partner search
// this step (draws_partner_search) get up to `brokered_candidates` contacts each, in the order
// of the selection rule, while the budget lasts; and `search_cost_cover` of the search and
// contract costs of the firms of its regions, paid in partner search out of what is left of
// this step's budget (PolicyState::cover_left) and booked at the next policy phase
// (sim/phases/policy.cpp), where it counts against that step's budget. `supported` counts the
// firms given contacts.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "policy/targeting.hpp"
#include "ties/cooperation.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (spec.brokered_candidates == 0 && spec.search_cost_cover == 0 && spec.brokered_trust == 0)
    problems.push_back({"brokered_candidates", "a brokerage with no candidates, no trust and no "
                                               "cost cover does nothing"});
}

/// Contacts (up to `wanted`) for one firm that fit the budget; what they cost is spent.
int commission(Budget& budget, double cost_per_contact, int wanted) {
  if (!(cost_per_contact > 0)) return wanted;
  for (int k = wanted; k > 0; --k)
    if (budget.take(k * cost_per_contact)) return k;
  return 0;
}

void apply(const Scenario& sc, State& st, Programme& p) {
  std::vector<std::uint8_t> served(st.regions.size(), 0);
  for (const int r : target_regions(p.spec, st)) {
    if (!p.budget.take(p.spec.operating_cost)) break;
    served[r] = 1;
    RegionPolicy& rp = st.region_policy[r];
    if (rp.broker < 0 || p.spec.search_cost_cover > rp.search_cost_cover)
      rp.broker = static_cast<std::int32_t>(p.index);
    rp.brokered_candidates = std::max(rp.brokered_candidates, p.spec.brokered_candidates);
    rp.brokered_trust = std::max(rp.brokered_trust, static_cast<float>(p.spec.brokered_trust));
    rp.search_cost_cover = std::max(rp.search_cost_cover, p.spec.search_cost_cover);
  }
  std::vector<std::uint16_t>& brokered = st.policy.brokered;
  for (const FirmId i : p.spec.brokered_candidates > 0 ? ranked_firms(p.spec, st)
                                                        : std::vector<FirmId>{}) {
    if (!served[st.firms.region[i]] || brokered[i] > 0 || !draws_partner_search(sc, st, i))
      continue;
    const int k = commission(p.budget, p.spec.cost_per_contact, p.spec.brokered_candidates);
    if (k == 0) break;
    brokered[i] = static_cast<std::uint16_t>(k);
    ++p.state.supported.back();
  }
  st.policy.cover_left[p.index] = p.budget.left();
}

}  // namespace

InterventionType brokerage_type() { return {"brokerage", validate, apply}; }

}  // namespace firmsim::policy
