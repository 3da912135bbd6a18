// R&D pooling: partners in two-way R&D ties add part of each other's R&D to their effective R&D.
//
// Every R&D pool, a pair (rd_partnership, cross_licensing) or a consortium, gives each member a
// benefit proportional to its contribution (its own R&D). A
// consortium is a group of ties sharing one group id, one tie between every pair of members;
// a member's benefit is proportional to its contribution (its own R&D):
// rd_pooling * (others' R&D) * own / (mean R&D of the members), which for equal members is
// rd_pooling times the others' R&D, as a set of pairwise partnerships would give.
#include "phases/learning.hpp"

namespace firmsim::learning {

namespace {

bool pools_rd(const TieRule& r) { return r.two_way && r.domain == TieDomain::rd; }

/// True when tie t ties firm i to an alive consortium partner in group g.
bool consortium_tie(const Snapshot& s, const Tie& t, FirmId i, std::int32_t g) {
  if (!t.alive || t.group != g || !rule(t.type).group || !pools_rd(rule(t.type))) return false;
  const FirmId j = partner(t, i);
  return j != i && s.st.firms.alive[j];
}

}  // namespace

double effective_rd(const Snapshot& s, FirmId i) {
  const double own = s.rd_spend[i];
  double rd = own;
  const auto& ties = s.st.ties;
  const auto& incident = s.st.network.incident_ties;
  const auto& kinds = s.st.network.incident_kinds;
  const auto [begin, end] = incident_range(s.st.network, i);
  for (std::uint32_t k = begin; k < end; ++k) {
    // The slot's kind gives the tie's type: most ties pool no R&D, and their rows stay unread.
    if (!pools_rd(rule(incident_kind::type(kinds[k])))) continue;
    const Tie& t = ties[incident[k]];
    if (!t.alive || !pools_rd(rule(t.type))) continue;
    const FirmId j = partner(t, i);
    if (j == i || !s.st.firms.alive[j]) continue;
    if (!rule(t.type).group || t.group < 0) {
      // A pair is a group of two: benefit by contribution, 2 own other / (own + other), so a
      // small partner gains at most about its own spending, not a share of a giant's budget.
      const double pool = own + s.rd_spend[j];
      if (pool > 0) rd += s.p.rd_pooling * s.rd_spend[j] * own * 2 / pool;
      continue;
    }
    // A consortium is counted once, at the first of i's ties in it.
    bool counted = false;
    for (std::uint32_t m = begin; m < k && !counted; ++m)
      counted = pools_rd(rule(incident_kind::type(kinds[m]))) &&
                consortium_tie(s, ties[incident[m]], i, t.group);
    if (counted) continue;
    double others = 0;
    int members = 1;
    for (std::uint32_t m = k; m < end; ++m) {
      if (!pools_rd(rule(incident_kind::type(kinds[m])))) continue;
      const Tie& c = ties[incident[m]];
      if (!consortium_tie(s, c, i, t.group)) continue;
      others += s.rd_spend[partner(c, i)];
      ++members;
    }
    const double pool = own + others;
    if (pool > 0) rd += s.p.rd_pooling * others * own * members / pool;
  }
  return rd;
}

}  // namespace firmsim::learning
