// credit_guarantee: the state guarantees the debt of the firms it serves, so banks lend them
// more (`leverage_bonus` added to the country's leverage limit) and cheaper (`spread_cut` off
// the interest spread, never below 0), both read by accounting. Spending per firm and step:
// (spread_cut + guarantee_cost) * its debt: the interest the state pays on the firm's behalf
// and the expected loss it bears. Firms are served in the order of the selection rule; one
// whose cost does not fit what is left of the budget is passed over.
#include <algorithm>

#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (spec.leverage_bonus == 0 && spec.spread_cut == 0)
    problems.push_back({"leverage_bonus", "a credit_guarantee with no leverage bonus and no "
                                          "spread cut does nothing"});
}

void apply(const Scenario&, State& st, Programme& p) {
  Firms& f = st.firms;
  for (const FirmId i : ranked_firms(p.spec, st)) {
    const double cost = (p.spec.spread_cut + p.spec.guarantee_cost) * std::max(0.0, f.debt[i]);
    if (!p.budget.take(cost)) continue;  // too dear for what is left: the next may fit
    f.leverage_bonus[i] = std::max(f.leverage_bonus[i], p.spec.leverage_bonus);
    f.spread_cut[i] = std::max(f.spread_cut[i], p.spec.spread_cut);
    ++p.state.supported.back();
  }
}

}  // namespace

InterventionType credit_guarantee_type() { return {"credit_guarantee", validate, apply}; }

}  // namespace firmsim::policy
