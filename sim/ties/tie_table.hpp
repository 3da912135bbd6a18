#pragma once
// Forming and ending rows of the tie table. Every change records a TieEvent and counts in the
// step's tally, so events.csv explains each tie. Called only from serial (commit) code.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>

#include "firmsim/state.hpp"

namespace firmsim {

/// Makes room in the tie table for at least one more row without a reallocation that copies the
/// whole table (which would hold it twice for a moment: at 10^6 firms the table is ~200 MB).
/// When full, it reserves address space for kTieRowsPerFirm rows per firm slot (or twice the
/// rows, if more): the untouched part of a reservation costs no memory, so the table then
/// grows in place as rows are added. Where the system refuses that much address space (strict
/// overcommit), it doubles as usual.
inline constexpr std::size_t kTieRowsPerFirm = 8;
inline void reserve_tie_row(State& st) {
  if (st.ties.size() < st.ties.capacity()) return;
  const std::size_t doubled = std::max<std::size_t>(2 * st.ties.size(), 1);
  try {
    st.ties.reserve(std::max(doubled, kTieRowsPerFirm * st.firms.size()));
  } catch (const std::bad_alloc&) {
    st.ties.reserve(doubled);
  }
}

/// Appends the proposed tie (alive, starting now, contract_steps long; 0 means open-ended) and
/// records a `formed` event with the proposal's reason. Returns its index in the tie table.
std::uint32_t form_tie(State& st, const TieProposal& p);

/// Ends an alive tie and records an `ended` event with `reason` (a static string).
void end_tie(State& st, std::uint32_t tie, const char* reason);

/// Number of ties ever formed: the serials run from 0 to this, ended and dropped ties included.
inline std::size_t ties_ever_formed(const State& st) {
  return st.ties_numbered + (st.ties.size() - st.tie_serials.size());
}

/// The serial number of row `row` of the tie table (see State::tie_serials).
inline std::uint32_t tie_serial(const State& st, std::size_t row) {
  const std::size_t numbered = st.tie_serials.size();
  return row < numbered ? st.tie_serials[row]
                        : st.ties_numbered + static_cast<std::uint32_t>(row - numbered);
}

/// Drops ended ties from the tie table, keeping the order of the others and their serials, so
/// that scans over ties grow with the live network, not with the run's history. Invalidates
/// tie indices (the network, proposals): the measure phase calls it just before rebuilding the
/// network. Nothing reads an ended tie: ties.csv, GraphML and the metrics list alive ties only.
void compact_ties(State& st);

}  // namespace firmsim
