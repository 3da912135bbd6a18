// Measure: drop ended ties, rebuild the network from the tie table; the engine then records
// the metrics.
#include "phases/phases.hpp"
#include "ties/tie_table.hpp"

namespace firmsim::phases {

void measure(const Scenario&, State& st) {
  compact_ties(st);
  rebuild_network(st.network, st.ties, st.firms.size());
}

}  // namespace firmsim::phases
