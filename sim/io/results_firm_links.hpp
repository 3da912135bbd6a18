#pragma once
// Checks of the state before firms.csv and GraphML read it; the per-firm network facts
// themselves come from firmsim::firm_links (metrics.hpp).
#include <cstdint>
#include <vector>

#include "firmsim/metrics.hpp"
#include "firmsim/state.hpp"

namespace firmsim::io {

/// Throws std::logic_error when a firm array the writers read does not have one entry per
/// firm, or the network was not rebuilt for the current firm count.
void check_firm_arrays(const State& state);

}  // namespace firmsim::io
