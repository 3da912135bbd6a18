#pragma once
/// The tie network as Boost.Graph CSR graphs, rebuilt from the tie table once per step.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <vector>

namespace firmsim {

struct Tie;

/// Undirected simple graph of all alive ties (both directions stored; type, direction and
/// parallel ties ignored), over every firm slot (dead firms are isolated vertices).
using SimpleGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                       boost::no_property, boost::no_property,
                                                       std::uint32_t, std::uint32_t>;

struct Network {
  SimpleGraph graph;
  /// For each firm, the indices into the tie table of its alive ties (either end), in tie-table
  /// order: ties of firm f are incident_ties[incident_offsets[f] .. incident_offsets[f+1]).
  std::vector<std::uint32_t> incident_offsets;
  std::vector<std::uint32_t> incident_ties;
  /// Scratch arrays kept between rebuilds so that a rebuild does not allocate; not a result.
  struct Workspace {
    struct End {
      std::uint32_t firm, tie, other;  ///< a tie seen from one of its ends
    };
    std::vector<std::uint32_t> tie_ends;       ///< two per tie: its alive ends, or kNoFirm
    std::vector<std::uint32_t> bucket_counts;  ///< ends per (tie chunk, firm bucket)
    std::vector<End> by_bucket;                ///< tie ends grouped by firm bucket
    std::vector<std::uint32_t> neighbours;     ///< per-firm partner lists before compaction
    std::vector<std::uint32_t> row_start;      ///< distinct partners, then their running sum
  } workspace;
};

/// Rebuilds both structures from the tie table (only ties with alive == 1).
void rebuild_network(Network& net, const std::vector<Tie>& ties, std::size_t firm_count);

}  // namespace firmsim
