// Measure: rebuild the network from the tie table; the engine then records the metrics.
#include "phases/phases.hpp"

namespace firmsim::phases {

void measure(const Scenario&, State& st) {
  rebuild_network(st.network, st.ties, st.firms.size());
}

}  // namespace firmsim::phases
