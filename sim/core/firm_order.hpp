#pragma once
// Firm order for memory locality: the measure phase places the firms in memory by region and
// stage again every `world.renumber_every` steps. See firm_order.cpp.
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Whether the measure phase of the current step renumbers the firms: every
/// `world.renumber_every` steps, in worlds of at least `world.renumber_min_firms` firm slots.
bool renumber_due(const Scenario& sc, const State& st);

/// Moves every firm to its place in the order (alive first; then region, stage, id) and
/// rewrites every reference to a firm's place in the state (tie ends, university ties, the
/// step's events and proposals, per-firm policy and technology arrays) and the cells. Ids,
/// values and the tie table's order are kept. The network is stale afterwards: the caller
/// rebuilds it. Returns false, changing nothing, when every firm is in its place already.
bool renumber_firms(const Scenario& sc, State& st);

}  // namespace firmsim
