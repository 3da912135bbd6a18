#pragma once
// Firm technology at birth: productivity, knowledge profile, absorptive capacity, R&D intensity.
// Implemented in sim/core/technology.cpp; called by world generation and by entry.
#include "firmsim/rng.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Sets the technology of every firm of a freshly generated population (arrays already sized).
void init_technology(const Scenario& sc, State& st);

/// Sets the technology of one entrant (arrays already extended to include `firm`). A spin-off
/// (`parent` != kNoFirm) carries part of its parent's knowledge.
void init_entrant_technology(const Scenario& sc, State& st, FirmId firm, FirmId parent, Rng& rng);

/// Places one entrant (arrays already extended to include `firm`): its region, country, stage,
/// size class, birth step and parent, alive; then its technology (init_entrant_technology).
/// Used by entry and by the multinational-buyer programme.
void place_entrant(const Scenario& sc, State& st, FirmId firm, int region, int stage,
                   SizeClass size_class, FirmId parent, Rng& rng);

/// Most knowledge fields a profile may have (the scenario schema's limit).
inline constexpr int kMaxKnowledgeFields = 32;

/// The absorptive capacity a firm of this size class and R&D stock tends to: its human-capital
/// base, raised toward 1 by the R&D stock.
double absorptive_level(const InnovationSpec& p, int size_class, double rd_stock);

}  // namespace firmsim
