// demand shock: at `start` the final demand of `market` (0..countries-1 a country's domestic
// market, countries the world export market, -1 every market) is multiplied by `factor`; with
// a `duration`, it is divided by the same factor `duration` steps later (the demand walk goes
// on in between, so the level returns to where the walk has taken it).
#include "policy/registry.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario& sc, const ShockSpec& spec, Problems& problems) {
  const int markets = static_cast<int>(sc.world.countries.size()) + 1;
  if (spec.market >= markets)
    problems.push_back({"market", "market " + std::to_string(spec.market) + " does not exist (" +
                                      std::to_string(markets) + " markets: one per country, then "
                                      "the export market)"});
  if (!(spec.factor > 0)) problems.push_back({"factor", "must be above 0"});
}

void scale(State& st, int market, double factor) {
  for (std::size_t m = 0; m < st.market_demand.size(); ++m)
    if (market < 0 || static_cast<std::size_t>(market) == m) st.market_demand[m] *= factor;
}

void apply(const Scenario&, State& st, const ShockSpec& spec, std::size_t, ShockState& s) {
  if (!s.hit && st.step >= spec.start) {
    s.hit = true;
    scale(st, spec.market, spec.factor);
  }
  if (s.hit && !s.lifted && spec.duration > 0 && st.step >= spec.start + spec.duration) {
    s.lifted = true;
    scale(st, spec.market, 1.0 / spec.factor);
  }
}

}  // namespace

ShockType demand_shock_type() { return {"demand", validate, apply}; }

}  // namespace firmsim::policy
