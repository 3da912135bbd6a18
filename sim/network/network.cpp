#include "firmsim/network.hpp"

#include <algorithm>
#include <utility>

#include "firmsim/state.hpp"

namespace firmsim {

void rebuild_network(Network& net, const std::vector<Tie>& ties, std::size_t firm_count) {
  // Incident tie lists (counting sort by firm, stable in tie order).
  net.incident_offsets.assign(firm_count + 1, 0);
  for (const Tie& t : ties) {
    if (!t.alive) continue;
    ++net.incident_offsets[t.source + 1];
    if (t.target != t.source) ++net.incident_offsets[t.target + 1];
  }
  for (std::size_t f = 0; f < firm_count; ++f) net.incident_offsets[f + 1] += net.incident_offsets[f];
  net.incident_ties.resize(net.incident_offsets[firm_count]);
  std::vector<std::uint32_t> cursor(net.incident_offsets.begin(), net.incident_offsets.end() - 1);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(2 * net.incident_ties.size());
  for (std::uint32_t i = 0; i < ties.size(); ++i) {
    const Tie& t = ties[i];
    if (!t.alive) continue;
    net.incident_ties[cursor[t.source]++] = i;
    if (t.target == t.source) continue;
    net.incident_ties[cursor[t.target]++] = i;
    edges.emplace_back(t.source, t.target);
    edges.emplace_back(t.target, t.source);
  }
  // Undirected simple graph: both directions, duplicates (parallel ties) removed.
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  net.graph = SimpleGraph(boost::edges_are_sorted, edges.begin(), edges.end(),
                          static_cast<std::uint32_t>(firm_count));
}

}  // namespace firmsim
