// institutional_reform: moves the institutional quality (contract enforcement) of each target country toward `target_value`,
// closing `speed` of the gap every active step (CountryState::spec is the live value every
// mechanism reads). A reform stays after its sunset. Spending: `operating_cost` per target
// country and step; countries are served in index order while the budget lasts.
#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (!(spec.speed > 0)) problems.push_back({"speed", "must be above 0 for institutional_reform"});
}

void apply(const Scenario&, State& st, Programme& p) {
  for (const int c : target_countries(p.spec, st)) {
    if (!p.budget.take(p.spec.operating_cost)) break;
    double& value = st.countries[c].spec.institutional_quality;
    value += p.spec.speed * (p.spec.target_value - value);
    ++p.state.supported.back();
  }
}

}  // namespace

InterventionType institutional_reform_type() { return {"institutional_reform", validate, apply}; }

}  // namespace firmsim::policy
