#pragma once
/// Network metrics of the undirected simple tie graph, restricted to alive firms.
///
/// The graph is State::network.graph (both directions stored, no parallel edges, no loops).
/// Only alive vertices count: a dead firm is left out with every edge that touches it. Integer
/// counts are exact; results do not depend on the thread count.
#include <cstdint>
#include <span>

#include "firmsim/network.hpp"

namespace firmsim {

struct GraphMetrics {
  std::uint64_t vertices = 0;           ///< n, alive firms
  std::uint64_t edges = 0;              ///< m, undirected edges between alive firms
  std::uint64_t triangles = 0;          ///< 0 when clustering was not computed
  std::uint64_t connected_triples = 0;  ///< paths of length two, sum of d(d-1)/2
  std::uint64_t largest_component = 0;  ///< alive firms in the largest component
  double density = 0;                   ///< 2m / (n(n-1)); 0 when n < 2
  double mean_degree = 0;               ///< 2m / n; 0 when n = 0
  double clustering = 0;  ///< 3 triangles / connected triples; 0 without triples, NaN if skipped
  double giant_component_share = 0;  ///< largest component / n; 0 when n = 0
  double assortativity = 0;          ///< Newman's degree correlation; NaN if degrees all equal
};

/// All metrics at once; the triangle count (the costly part) only when `with_clustering`.
/// `alive` has one entry per vertex (non-zero: alive).
GraphMetrics graph_metrics(const SimpleGraph& g, std::span<const std::uint8_t> alive,
                           bool with_clustering);

/// Triangles of the whole graph (every vertex), each counted once.
std::uint64_t count_triangles(const SimpleGraph& g);

/// Size of the largest connected component of the whole graph (every vertex).
std::uint64_t largest_component_size(const SimpleGraph& g);

/// Newman's degree assortativity of the whole graph (NaN when every edge joins equal degrees
/// or there are no edges).
double degree_assortativity(const SimpleGraph& g);

}  // namespace firmsim
