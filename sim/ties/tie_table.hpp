#pragma once
// Forming and ending rows of the tie table. Every change records a TieEvent and counts in the
// step's tally, so events.csv explains each tie. Called only from serial (commit) code.
#include <cstdint>

#include "firmsim/state.hpp"

namespace firmsim {

/// Appends the proposed tie (alive, starting now, contract_steps long; 0 means open-ended) and
/// records a `formed` event with the proposal's reason. Returns its index in the tie table.
std::uint32_t form_tie(State& st, const TieProposal& p);

/// Ends an alive tie and records an `ended` event with `reason` (a static string).
void end_tie(State& st, std::uint32_t tie, const char* reason);

}  // namespace firmsim
