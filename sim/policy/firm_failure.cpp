// firm_failure shock: at `start`, `count` alive firms fail (within `region` and `stage` when
// given): the hubs (most alive ties, lowest id first on ties) or random ones (drawn from
// Stream::shock keyed by the shock, so no other draw moves). They exit like any exiting firm
// (counted in the step's exits); their ties end with reason "partner_exit", so their buyers
// miss their deliveries in this step's production (a supply gap, unmet orders where the spot
// market cannot fill it) and their suppliers lose the orders.
#include <algorithm>

#include "firmsim/network.hpp"
#include "firmsim/rng.hpp"
#include "policy/registry.hpp"
#include "ties/dissolution.hpp"

namespace firmsim::policy {

namespace {

constexpr std::uint64_t kShockEntity = 1ull << 42;

void validate(const Scenario& sc, const ShockSpec& spec, Problems& problems) {
  if (spec.region >= static_cast<int>(sc.world.regions.size()))
    problems.push_back({"region", "region " + std::to_string(spec.region) + " does not exist (" +
                                      std::to_string(sc.world.regions.size()) + " regions)"});
  if (spec.stage >= sc.world.stages)
    problems.push_back({"stage", "stage " + std::to_string(spec.stage) + " does not exist (" +
                                     std::to_string(sc.world.stages) + " stages)"});
  if (spec.count == 0) problems.push_back({"count", "a firm_failure of 0 firms does nothing"});
}

void apply(const Scenario& sc, State& st, const ShockSpec& spec, std::size_t index,
           ShockState& s) {
  if (s.hit || st.step < spec.start) return;
  s.hit = true;
  Firms& f = st.firms;
  std::vector<FirmId> pool;
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i] && (spec.region < 0 || f.region[i] == spec.region) &&
        (spec.stage < 0 || f.stage[i] == spec.stage))
      pool.push_back(static_cast<FirmId>(i));
  // In id order, so that the draws and equal degrees do not depend on the firms' places.
  std::sort(pool.begin(), pool.end(), [&f](FirmId a, FirmId b) { return f.id[a] < f.id[b]; });
  const std::size_t n = std::min(pool.size(), static_cast<std::size_t>(spec.count));
  if (spec.selection == "random") {
    Rng rng(sc.seed, kShockEntity + index, static_cast<std::uint32_t>(st.step), Stream::shock);
    for (std::size_t k = 0; k < n; ++k)
      std::swap(pool[k], pool[k + rng.below(pool.size() - k)]);
  } else {
    std::vector<std::uint32_t> degree(f.size(), 0);
    for (const Tie& t : st.ties)
      if (t.alive) ++degree[t.source], ++degree[t.target];
    std::stable_sort(pool.begin(), pool.end(),
                     [&](FirmId a, FirmId b) { return degree[a] > degree[b]; });
  }
  pool.resize(n);
  std::sort(pool.begin(), pool.end());
  for (const FirmId i : pool) {
    f.alive[i] = 0;
    f.market_share[i] = f.export_share[i] = 0;
    f.exporter[i] = 0;
    ++st.tally.exits;
  }
  s.failed.clear();
  for (const FirmId i : pool) s.failed.push_back(f.id[i]);
  end_ties_of_dead_firms(st);
  rebuild_network(st.network, st.ties, f.size());
}

}  // namespace

ShockType firm_failure_type() { return {"firm_failure", validate, apply}; }

}  // namespace firmsim::policy
