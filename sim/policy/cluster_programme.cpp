// cluster_programme (science park): in each target region it adds `research_institutes`
// institutes at its start (they stay: spillovers rise with institutes), raises infrastructure
// by `infrastructure_gain` of the gap to 1 every active step (built infrastructure stays after
// the sunset), and runs an incubator that adds `entry_boost` to the region's entry rate per
// incumbent while active (State::region_policy, read by entry). Spending: `operating_cost` per
// target region and step; regions are served in index order while the budget lasts.
#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (spec.research_institutes == 0 && spec.infrastructure_gain == 0 && spec.entry_boost == 0)
    problems.push_back({"research_institutes", "a cluster_programme with no institutes, no "
                                               "infrastructure gain and no entry boost does "
                                               "nothing"});
}

void apply(const Scenario&, State& st, Programme& p) {
  const bool first = !p.state.started;
  for (const int r : target_regions(p.spec, st)) {
    if (!p.budget.take(p.spec.operating_cost)) break;
    RegionSpec& region = st.regions[r].spec;
    if (first) region.research_institutes += p.spec.research_institutes;
    region.infrastructure += p.spec.infrastructure_gain * (1 - region.infrastructure);
    st.region_policy[r].entry_boost += p.spec.entry_boost;
    ++p.state.supported.back();
  }
  p.state.started = true;
}

}  // namespace

InterventionType cluster_programme_type() { return {"cluster_programme", validate, apply}; }

}  // namespace firmsim::policy
