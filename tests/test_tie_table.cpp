// The tie table (sim/ties/tie_table.cpp): forming, ending and dropping ended ties while every
// tie keeps its serial number (the order ties formed in).
#include <catch2/catch.hpp>
#include <vector>

#include "firmsim/state.hpp"
#include "ties/tie_table.hpp"

using namespace firmsim;

namespace {

TieProposal proposal(FirmId s, FirmId t) {
  TieProposal p;
  p.source = s;
  p.target = t;
  return p;
}

std::vector<FirmId> sources(const State& st) {
  std::vector<FirmId> out;
  for (const Tie& t : st.ties) out.push_back(t.source);
  return out;
}

}  // namespace

TEST_CASE("compact_ties drops ended ties and keeps order and serials", "[ties]") {
  State st;
  for (FirmId i = 0; i < 6; ++i) form_tie(st, proposal(i, i + 10));
  CHECK(ties_ever_formed(st) == 6);
  CHECK(tie_serial(st, 4) == 4);

  end_tie(st, 1, "low_trust");
  end_tie(st, 4, "low_trust");
  compact_ties(st);
  REQUIRE(st.ties.size() == 4);
  CHECK(sources(st) == std::vector<FirmId>{0, 2, 3, 5});
  CHECK(ties_ever_formed(st) == 6);
  CHECK(tie_serial(st, 0) == 0);
  CHECK(tie_serial(st, 1) == 2);
  CHECK(tie_serial(st, 3) == 5);

  // Ties formed after a drop continue the numbering; a second drop keeps the serials.
  form_tie(st, proposal(6, 16));
  form_tie(st, proposal(7, 17));
  CHECK(ties_ever_formed(st) == 8);
  CHECK(tie_serial(st, 4) == 6);
  CHECK(tie_serial(st, 5) == 7);
  end_tie(st, 0, "switched");
  end_tie(st, 4, "switched");
  compact_ties(st);
  CHECK(sources(st) == std::vector<FirmId>{2, 3, 5, 7});
  CHECK(ties_ever_formed(st) == 8);
  CHECK(tie_serial(st, 0) == 2);
  CHECK(tie_serial(st, 2) == 5);
  CHECK(tie_serial(st, 3) == 7);

  // Nothing ended: nothing changes.
  compact_ties(st);
  CHECK(st.ties.size() == 4);
  CHECK(ties_ever_formed(st) == 8);
}
