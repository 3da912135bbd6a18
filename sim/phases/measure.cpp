// Measure: drop ended ties, place the firms in memory by region and stage again when due
// (world.renumber_every, in large worlds), rebuild the network from the tie table; the engine
// then records the metrics.
#include "core/firm_order.hpp"
#include "phases/phases.hpp"
#include "ties/tie_table.hpp"

namespace firmsim::phases {

void measure(const Scenario& sc, State& st) {
  compact_ties(st);
  if (renumber_due(sc, st)) renumber_firms(sc, st);
  rebuild_network(st.network, st.ties, st.firms.size());
}

}  // namespace firmsim::phases
