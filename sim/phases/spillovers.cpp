// Knowledge spillovers inside clusters: every firm is pulled toward the frontier (the highest
// log A) of its cluster (its cell: same region and stage), more strongly in larger clusters, in
// regions with research institutes, and the more absorptive capacity it has:
//   d log A = min(1, rate * absorptive * log(1 + n_local / n0) * (1 + boost * institutes))
//             * (frontier - log A).
#include <algorithm>
#include <cmath>
#include <limits>

#include <oneapi/tbb/parallel_for.h>

#include "phases/learning.hpp"

namespace firmsim::learning {

void find_local_frontiers(const Scenario& sc, State& st) {
  const Cells& c = st.cells;
  const std::size_t expected = static_cast<std::size_t>(sc.world.stages) * st.regions.size() + 1;
  if (c.regions != st.regions.size() || c.offsets.size() < expected)
    rebuild_cells(st, sc.world.stages);
  const std::size_t cells = c.offsets.size() - 1;
  const Firms& f = st.firms;
  const double* log_a = st.technology.log_productivity.data();
  std::vector<double>& frontier = st.technology.local_frontier;
  frontier.resize(cells);
  tbb::parallel_for(std::size_t{0}, cells, [&](std::size_t k) {
    double best = -std::numeric_limits<double>::infinity();
    for (std::uint32_t m = c.offsets[k]; m < c.offsets[k + 1]; ++m)
      if (f.alive[c.members[m]]) best = std::max(best, log_a[c.members[m]]);
    frontier[k] = best;
  });
}

std::vector<double> spillover_cluster_logs(const InnovationSpec& p, const Cells& c) {
  std::vector<double> logs(c.offsets.empty() ? 0 : c.offsets.size() - 1);
  for (std::size_t k = 0; k < logs.size(); ++k) {
    const double local = c.offsets[k + 1] - c.offsets[k];
    logs[k] = std::log1p(local / p.spillover_cluster_scale);
  }
  return logs;
}

void cluster_spillover(const Snapshot& s, FirmId i, double absorptive, Update& u) {
  const Firms& f = s.st.firms;
  const Cells& c = s.st.cells;
  const std::size_t k = static_cast<std::size_t>(f.stage[i]) * c.regions + f.region[i];
  const double gap = s.st.technology.local_frontier[k] - s.log_a[i];
  if (!(gap > 0)) return;
  const double institutes = s.st.regions[f.region[i]].spec.research_institutes;
  const double rate = s.p.spillover_rate * absorptive * s.cluster_log[k] *
                      (1.0 + s.p.spillover_institute_boost * institutes);
  u.d_log_a += std::min(rate, 1.0) * gap;
}

}  // namespace firmsim::learning
