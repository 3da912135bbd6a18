#pragma once
// Per-firm facts derived from the tie table and the network, shared by firms.csv and GraphML.
#include <cstdint>
#include <vector>

#include "firmsim/state.hpp"

namespace firmsim::io {

struct FirmLinks {
  std::vector<std::uint32_t> degree;  ///< distinct partners (undirected simple graph)
  std::vector<std::uint8_t> gvc;      ///< tied to a firm of another country, or exporting
};

/// Throws std::logic_error when a firm array the writers read does not have one entry per
/// firm, or the network was not rebuilt for the current firm count.
void check_firm_arrays(const State& state);
FirmLinks firm_links(const State& state);

}  // namespace firmsim::io
