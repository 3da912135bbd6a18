// World generation: countries, regions and the initial firm population.
#include <algorithm>

#include "firmsim/engine.hpp"
#include "firmsim/rng.hpp"

namespace firmsim {

State make_world(const Scenario& sc) {
  State st;
  st.knowledge_fields = sc.world.knowledge_fields;
  for (const CountrySpec& c : sc.world.countries) st.countries.push_back({c});
  for (const RegionSpec& r : sc.world.regions) {
    RegionState rs{r, 0};
    for (std::size_t c = 0; c < sc.world.countries.size(); ++c)
      if (sc.world.countries[c].name == r.country) rs.country = static_cast<std::uint16_t>(c);
    st.regions.push_back(rs);
  }
  st.market_demand.assign(st.countries.size() + 1, 0.0);
  return st;
}

}  // namespace firmsim
