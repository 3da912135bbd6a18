#pragma once
// Alive firms grouped by (stage, region): the index that stage passes, local searches and entry
// walk. See Cells in firmsim/state.hpp.
#include <cstdint>
#include <span>

#include "firmsim/state.hpp"

namespace firmsim {

/// Rebuilds State::cells for `stages` value-chain stages from the alive flags, stages and
/// regions (a counting sort, so id order within each cell).
void rebuild_cells(State& st, int stages);

/// Alive firms of one (stage, region) cell.
inline std::span<const std::uint32_t> cell_firms(const Cells& c, int stage, int region) {
  const std::size_t i = static_cast<std::size_t>(stage) * c.regions + region;
  return {c.members.data() + c.offsets[i], c.offsets[i + 1] - c.offsets[i]};
}

/// Alive firms of one stage, all regions (empty for a stage the index does not cover).
inline std::span<const std::uint32_t> stage_firms(const Cells& c, int stage) {
  if (c.regions == 0 || (static_cast<std::size_t>(stage) + 1) * c.regions >= c.offsets.size())
    return {};
  const std::size_t lo = static_cast<std::size_t>(stage) * c.regions;
  return {c.members.data() + c.offsets[lo], c.offsets[lo + c.regions] - c.offsets[lo]};
}

/// Number of stages the index covers.
inline int cell_stages(const Cells& c) {
  return c.regions == 0 ? 0 : static_cast<int>((c.offsets.size() - 1) / c.regions);
}

}  // namespace firmsim
