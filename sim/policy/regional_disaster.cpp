// regional_disaster shock: at `start`, every alive firm of `region` loses `capacity_loss` of
// its capacity and the capital behind it (net worth falls by the capital destroyed; debt is
// owed as before). Firms elsewhere are untouched.
#include "core/cost_model.hpp"
#include "policy/registry.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario& sc, const ShockSpec& spec, Problems& problems) {
  if (spec.region < 0)
    problems.push_back({"region", "a regional_disaster needs a region (an index from 0)"});
  else if (spec.region >= static_cast<int>(sc.world.regions.size()))
    problems.push_back({"region", "region " + std::to_string(spec.region) + " does not exist (" +
                                      std::to_string(sc.world.regions.size()) + " regions)"});
}

void apply(const Scenario& sc, State& st, const ShockSpec& spec, std::size_t, ShockState& s) {
  if (s.hit || st.step < spec.start) return;
  s.hit = true;
  Firms& f = st.firms;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || f.region[i] != spec.region) continue;
    const double lost = spec.capacity_loss * f.capacity[i];
    f.net_worth[i] -= capital_per_capacity(sc.finance, f.log_productivity[i]) * lost;
    f.capacity[i] -= lost;
  }
}

}  // namespace

ShockType regional_disaster_type() { return {"regional_disaster", validate, apply}; }

}  // namespace firmsim::policy
