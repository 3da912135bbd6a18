// technology_grant: covers `share` of the licensing and franchising fees of the firms it
// serves (Firms::fee_cover, read by partner search and fee payment in sim/ties/). What it paid
// (Firms::fees_covered, written there) is booked as this programme's spending at the next
// policy phase (sim/phases/policy.cpp). The budget is enforced on those fees: firms are served
// in the order of the selection rule while last step's fees of the firms served so far fit the
// per-step budget and what is left of the total.
#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (!(spec.share > 0)) problems.push_back({"share", "must be above 0 for a technology_grant"});
}

void apply(const Scenario&, State& st, Programme& p) {
  Firms& f = st.firms;
  std::vector<std::int32_t>& owner = st.policy.fee_programme;
  double expected = 0;
  for (const FirmId i : ranked_firms(p.spec, st)) {
    if (f.fee_cover[i] > 0) continue;  // an earlier programme covers it
    expected += st.policy.fee_last[i];
    if ((p.spec.budget > 0 && expected > p.spec.budget) ||
        (p.spec.total_budget > 0 && p.state.spent + expected > p.spec.total_budget))
      break;
    f.fee_cover[i] = p.spec.share;
    owner[i] = static_cast<std::int32_t>(p.index);
    ++p.state.supported.back();
  }
}

}  // namespace

InterventionType technology_grant_type() { return {"technology_grant", validate, apply}; }

}  // namespace firmsim::policy
