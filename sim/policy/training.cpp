// training: raises the absorptive capacity of the firms it serves by `absorptive_gain` of the
// gap to 1 each active step (the gain then decays toward the level R&D and size give, as
// absorptive capacity does in innovation.cpp). Spending: `cost_per_firm` per firm and step;
// firms are served in the order of the selection rule while the budget lasts.
#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (!(spec.absorptive_gain > 0))
    problems.push_back({"absorptive_gain", "must be above 0 for training"});
}

void apply(const Scenario&, State& st, Programme& p) {
  Firms& f = st.firms;
  for (const FirmId i : ranked_firms(p.spec, st)) {
    if (!p.budget.take(p.spec.cost_per_firm)) break;
    f.absorptive[i] += p.spec.absorptive_gain * (1 - f.absorptive[i]);
    ++p.state.supported.back();
  }
}

}  // namespace

InterventionType training_type() { return {"training", validate, apply}; }

}  // namespace firmsim::policy
