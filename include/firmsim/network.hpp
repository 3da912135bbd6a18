#pragma once
/// The tie network as Boost.Graph CSR graphs, rebuilt from the tie table once per step.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <utility>
#include <vector>

#include "firmsim/tie_types.hpp"

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
  /// Beside each slot of incident_ties, what the loops over a firm's ties filter on, so that
  /// they skip ties that are not theirs without reading the 64-byte tie row: the tie's type and
  /// which end the firm is (see incident_kind below). Ties never change type or ends, so a kind
  /// stays true until the next rebuild; a tie may have ended since (read its `alive`).
  std::vector<std::uint8_t> incident_kinds;
  /// Beside each slot, the tie's other end (the firm itself for a tie from a firm to itself).
  std::vector<std::uint32_t> incident_others;
};

/// An incident_kinds entry: the tie type in the low bits, then whether the firm is the tie's
/// source, its target (both for a tie from a firm to itself).
namespace incident_kind {
inline constexpr std::uint8_t kTypeBits = 0x0f, kSource = 0x10, kTarget = 0x20;
static_assert(kTieTypeCount <= kTypeBits + 1);
inline constexpr TieType type(std::uint8_t kind) { return static_cast<TieType>(kind & kTypeBits); }
inline constexpr bool is_source(std::uint8_t kind) { return (kind & kSource) != 0; }
inline constexpr bool is_target(std::uint8_t kind) { return (kind & kTarget) != 0; }
/// A supply-type tie on which the firm buys (is the target): the ties is_supply_flow can pass
/// with `t.target == firm`.
inline constexpr bool supply_in(std::uint8_t kind) {
  return is_target(kind) && rule(type(kind)).supply;
}
/// A supply-type tie on which the firm sells (is the source).
inline constexpr bool supply_out(std::uint8_t kind) {
  return is_source(kind) && rule(type(kind)).supply;
}
}  // namespace incident_kind

/// The slots of firm i's incident list, [first, last) into incident_ties and incident_kinds;
/// empty for firms added since the rebuild.
inline std::pair<std::uint32_t, std::uint32_t> incident_slots(const Network& net, std::size_t i) {
  if (i + 1 >= net.incident_offsets.size()) return {0, 0};
  return {net.incident_offsets[i], net.incident_offsets[i + 1]};
}

/// Rebuilds both structures from the tie table (only ties with alive == 1).
void rebuild_network(Network& net, const std::vector<Tie>& ties, std::size_t firm_count);

}  // namespace firmsim
