// technology shock: at `start`, log productivity of every alive firm of `stage` in `country`
// (-1: any) changes by `log_change`; capacity changes in proportion, as with an innovation
// (the same capital, more or less productive).
#include <cmath>

#include "policy/registry.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario& sc, const ShockSpec& spec, Problems& problems) {
  if (spec.stage >= sc.world.stages)
    problems.push_back({"stage", "stage " + std::to_string(spec.stage) + " does not exist (" +
                                     std::to_string(sc.world.stages) + " stages)"});
  if (spec.country >= static_cast<int>(sc.world.countries.size()))
    problems.push_back({"country", "country " + std::to_string(spec.country) +
                                       " does not exist (" +
                                       std::to_string(sc.world.countries.size()) + " countries)"});
  if (spec.log_change == 0) problems.push_back({"log_change", "a technology shock of 0"});
}

void apply(const Scenario&, State& st, const ShockSpec& spec, std::size_t, ShockState& s) {
  if (s.hit || st.step < spec.start) return;
  s.hit = true;
  Firms& f = st.firms;
  const double scale = std::exp(spec.log_change);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || (spec.stage >= 0 && f.stage[i] != spec.stage) ||
        (spec.country >= 0 && f.country[i] != spec.country))
      continue;
    f.log_productivity[i] += spec.log_change;
    f.capacity[i] *= scale;
  }
}

}  // namespace

ShockType technology_shock_type() { return {"technology", validate, apply}; }

}  // namespace firmsim::policy
