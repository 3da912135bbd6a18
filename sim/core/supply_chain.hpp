#pragma once
// Goods along supply ties: which ties carry orders, and the order and delivery on each tie in
// the current step, derived from the per-firm quantities that the production phase sets.
#include "firmsim/state.hpp"

namespace firmsim {

/// A tie that carries orders this step: alive, of a supply type, between alive firms, from one
/// stage to the next (source supplies target).
inline bool is_supply_flow(const Firms& f, const Tie& t) {
  return t.alive && rule(t.type).supply && f.alive[t.source] && f.alive[t.target] &&
         f.stage[t.source] + 1 == f.stage[t.target];
}

/// Share of its planned output a firm actually produced this step (input shortages), 0..1.
inline double output_fill(const Firms& f, FirmId i) {
  return f.planned[i] > 0 ? f.output[i] / f.planned[i] : 0.0;
}

/// Units the buyer ordered on the tie this step.
inline double tie_order(const Firms& f, const Tie& t) { return f.input_need[t.target] * t.share; }

/// Units the supplier delivered on the tie this step.
inline double tie_delivery(const Firms& f, const Tie& t) {
  return tie_order(f, t) * f.tie_fill[t.source] * output_fill(f, t.source);
}

}  // namespace firmsim
