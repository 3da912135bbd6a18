// World generation: countries, regions and the initial firm population (MODEL.md section 1).
//
// Firms are numbered region by region and, within a region, stage by stage, so that the firms
// of a local cluster sit next to each other in every array. Draws come from Rng keyed by the
// firm id and Stream::world_firms (size class, employees); technology is init_technology's.
#include "core/cost_model.hpp"
#include "core/world.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "core/technology.hpp"
#include "firmsim/engine.hpp"
#include "firmsim/rng.hpp"

namespace firmsim {

namespace {

int draw_size_class(const std::vector<double>& shares, Rng& rng) {
  const int classes = std::min<int>(kSizeClassCount, static_cast<int>(shares.size()));
  double total = 0;
  for (int k = 0; k < classes; ++k) total += std::max(0.0, shares[k]);
  if (total <= 0) return 0;
  double u = rng.uniform() * total;
  for (int k = 0; k < classes; ++k) {
    u -= std::max(0.0, shares[k]);
    if (u < 0) return k;
  }
  return classes - 1;
}

/// Log-normal between the class bounds: median at their geometric mean, a quarter of the log
/// width as standard deviation, redrawn when outside.
double draw_employees(const std::vector<double>& bounds, int size_class, Rng& rng) {
  const std::size_t k = static_cast<std::size_t>(size_class);
  const double lo = k < bounds.size() ? std::max(1.0, bounds[k]) : 1.0;
  const double hi = k + 1 < bounds.size() ? std::max(lo, bounds[k + 1]) : lo;
  if (hi <= lo) return lo;
  const double llo = std::log(lo), lhi = std::log(hi);
  for (int tries = 0; tries < 16; ++tries) {
    const double x = rng.normal(0.5 * (llo + lhi), 0.25 * (lhi - llo));
    if (x >= llo && x < lhi) return std::exp(x);
  }
  return std::sqrt(lo * hi);
}

}  // namespace

std::vector<int> apportion(int firms, const std::vector<double>& shares, int stages) {
  std::vector<double> w(static_cast<std::size_t>(stages), 1.0);
  double total = 0;
  for (int s = 0; s < stages && s < static_cast<int>(shares.size()); ++s)
    total += std::max(0.0, shares[s]);
  if (total > 0)
    for (int s = 0; s < stages; ++s)
      w[s] = s < static_cast<int>(shares.size()) ? std::max(0.0, shares[s]) / total : 0.0;
  else
    std::fill(w.begin(), w.end(), 1.0 / stages);
  std::vector<int> count(w.size());
  std::vector<double> rest(w.size());
  int given = 0;
  for (int s = 0; s < stages; ++s) {
    const double exact = firms * w[s];
    count[s] = static_cast<int>(std::floor(exact));
    rest[s] = exact - count[s];
    given += count[s];
  }
  std::vector<int> order(w.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return rest[a] > rest[b]; });
  for (int i = 0; given < firms; ++i, ++given) ++count[order[i % stages]];
  return count;
}

void generate_population(const Scenario& sc, State& st) {
  const int stages = std::max(1, sc.world.stages);
  std::size_t total = 0;
  std::vector<std::vector<int>> per_stage;
  for (const RegionState& r : st.regions) {
    per_stage.push_back(apportion(std::max(0, r.spec.firms), sc.population.stage_shares, stages));
    total += static_cast<std::size_t>(std::max(0, r.spec.firms));
  }
  Firms& f = st.firms;
  f.resize(total, st.knowledge_fields);
  std::size_t id = 0;
  for (std::size_t r = 0; r < st.regions.size(); ++r)
    for (int s = 0; s < stages; ++s)
      for (int k = 0; k < per_stage[r][s]; ++k, ++id) {
        f.region[id] = static_cast<std::uint16_t>(r);
        f.country[id] = st.regions[r].country;
        f.stage[id] = static_cast<std::uint8_t>(s);
      }
  tbb::parallel_for(std::size_t{0}, total, [&](std::size_t i) {
    Rng rng(sc.seed, i, 0, Stream::world_firms);
    const int size_class = draw_size_class(sc.population.size_class_shares, rng);
    f.size_class[i] = static_cast<std::uint8_t>(size_class);
    f.employees[i] = draw_employees(sc.population.size_class_employees, size_class, rng);
    f.alive[i] = 1;
    f.birth_step[i] = 0;
    f.parent[i] = -1;
  });
}

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
  fill_region_distances(st);
  st.market_demand.assign(st.countries.size() + 1, 0.0);
  generate_population(sc, st);
  init_technology(sc, st);
  rebuild_cells(st, sc.world.stages);
  init_capacity_and_costs(sc, st);
  generate_supply_ties(sc, st);
  init_markets_and_finance(sc, st);
  const std::vector<double> base = country_log_productivity(st.firms, st.countries.size());
  for (std::size_t c = 0; c < base.size(); ++c) st.countries[c].base_log_productivity = base[c];
  return st;
}

}  // namespace firmsim
