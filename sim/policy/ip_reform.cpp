// ip_reform: moves the IP-regime strength of each target country toward `target_value`,
// closing `speed` of the gap every active step (CountryState::spec is the live value every
// mechanism reads). A reform stays after its sunset. Spending: `operating_cost` per target
// country and step; countries are served in index order while the budget lasts.
#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (!(spec.speed > 0)) problems.push_back({"speed", "must be above 0 for ip_reform"});
}

void apply(const Scenario&, State& st, Programme& p) {
  for (const int c : target_countries(p.spec, st)) {
    if (!p.budget.take(p.spec.operating_cost)) break;
    double& value = st.countries[c].spec.ip_strength;
    value += p.spec.speed * (p.spec.target_value - value);
    ++p.state.supported.back();
  }
}

}  // namespace

InterventionType ip_reform_type() { return {"ip_reform", validate, apply}; }

}  // namespace firmsim::policy
