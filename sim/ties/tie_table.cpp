#include "ties/tie_table.hpp"

namespace firmsim {

std::uint32_t form_tie(State& st, const TieProposal& p) {
  Tie t;
  t.source = p.source;
  t.target = p.target;
  t.type = p.type;
  t.alive = 1;
  t.start_step = st.step;
  t.end_step = p.contract_steps > 0 ? st.step + p.contract_steps : st.step;
  t.trust = p.trust;
  t.share = p.share;
  reserve_tie_row(st);
  st.ties.push_back(t);
  st.events.push_back({st.step, p.source, p.target, p.type, true, p.reason});
  ++st.tally.ties_formed;
  return static_cast<std::uint32_t>(st.ties.size() - 1);
}

void end_tie(State& st, std::uint32_t tie, const char* reason) {
  Tie& t = st.ties[tie];
  if (!t.alive) return;
  t.alive = 0;
  t.end_step = st.step;
  st.events.push_back({st.step, t.source, t.target, t.type, false, reason});
  ++st.tally.ties_ended;
}

void compact_ties(State& st) {
  const std::size_t rows = st.ties.size();
  std::size_t kept = 0;
  while (kept < rows && st.ties[kept].alive) ++kept;
  if (kept == rows) return;
  const auto formed = static_cast<std::uint32_t>(ties_ever_formed(st));
  // Serials of every row first (the rows past tie_serials.size() are numbered implicitly).
  std::vector<std::uint32_t>& serials = st.tie_serials;
  const std::size_t numbered = serials.size();
  serials.resize(rows);
  for (std::size_t k = numbered; k < rows; ++k)
    serials[k] = st.ties_numbered + static_cast<std::uint32_t>(k - numbered);
  for (std::size_t k = kept; k < rows; ++k) {
    if (!st.ties[k].alive) continue;
    st.ties[kept] = st.ties[k];
    serials[kept] = serials[k];
    ++kept;
  }
  st.ties.resize(kept);
  serials.resize(kept);
  st.ties_numbered = formed;
}

}  // namespace firmsim
