// trade_barrier shock: at `start` the export access cost of `country` (-1: every country)
// rises by `access_cost_rise` (capped at 1); with a `duration`, the rise is taken off again
// `duration` steps later. Exporters pay more to serve the world market and compete worse on
// it, and fewer firms clear the export entry line (demand.cpp).
#include <algorithm>

#include "policy/registry.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario& sc, const ShockSpec& spec, Problems& problems) {
  if (spec.country >= static_cast<int>(sc.world.countries.size()))
    problems.push_back({"country", "country " + std::to_string(spec.country) +
                                       " does not exist (" +
                                       std::to_string(sc.world.countries.size()) + " countries)"});
  if (!(spec.access_cost_rise > 0))
    problems.push_back({"access_cost_rise", "must be above 0 for a trade_barrier"});
}

void apply(const Scenario&, State& st, const ShockSpec& spec, std::size_t, ShockState& s) {
  if (!s.hit && st.step >= spec.start) {
    s.hit = true;
    s.applied.assign(st.countries.size(), 0.0);
    for (std::size_t c = 0; c < st.countries.size(); ++c) {
      if (spec.country >= 0 && static_cast<std::size_t>(spec.country) != c) continue;
      double& cost = st.countries[c].spec.export_access_cost;
      const double raised = std::min(1.0, cost + spec.access_cost_rise);
      s.applied[c] = raised - cost;
      cost = raised;
    }
  }
  if (s.hit && !s.lifted && spec.duration > 0 && st.step >= spec.start + spec.duration) {
    s.lifted = true;
    for (std::size_t c = 0; c < st.countries.size() && c < s.applied.size(); ++c)
      st.countries[c].spec.export_access_cost -= s.applied[c];
  }
}

}  // namespace

ShockType trade_barrier_type() { return {"trade_barrier", validate, apply}; }

}  // namespace firmsim::policy
