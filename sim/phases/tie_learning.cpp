// Learning along ties: each step the learner of a tie closes tie_learning[type] * absorptive of
// its log-productivity gap to the teacher (only when the teacher is more productive), and its
// knowledge profile moves a share of that toward the teacher's. Who learns follows kTieRules:
// - one-way supply ties in production (subcontracting, oem): the buyer (target) gives technical
//   assistance to its supplier (source): learning-by-supplying;
// - other one-way ties (licensing, second_source, cross_licensing, ownership, franchising): the
//   source licenses, owns or franchises the target, which learns;
// - two-way ties: the less productive partner learns from the more productive one.
// When the shares of a firm's ties add up to more than 1 they are scaled down to sum to 1, so a
// firm never overshoots its best teacher.
#include "phases/learning.hpp"

namespace firmsim::learning {

namespace {

/// Whether firm i may learn along a tie of this incident kind (one with a learning rate, and at
/// the learner's end of a one-way tie): a test on the slot's kind that spares the tie row of
/// every other tie. teacher_of() decides.
bool may_learn(const Snapshot& s, std::uint8_t kind) {
  const TieType type = incident_kind::type(kind);
  if (!(s.tie_learning[static_cast<int>(type)] > 0)) return false;
  const TieRule& r = rule(type);
  if (r.two_way) return true;
  const bool supplier_learns = r.supply && r.domain == TieDomain::production;
  return supplier_learns ? incident_kind::is_source(kind) : incident_kind::is_target(kind);
}

/// The firm that teaches i along t, or kNoFirm when i is not the learner of t.
FirmId teacher_of(const Snapshot& s, const Tie& t, FirmId i) {
  const TieRule& r = rule(t.type);
  FirmId learner = i, teacher = partner(t, i);
  if (!r.two_way) {
    const bool supplier_learns = r.supply && r.domain == TieDomain::production;
    learner = supplier_learns ? t.source : t.target;
    teacher = supplier_learns ? t.target : t.source;
  }
  if (learner != i || teacher == i || !s.st.firms.alive[teacher]) return kNoFirm;
  return s.log_a[teacher] > s.log_a[i] ? teacher : kNoFirm;
}

}  // namespace

void learn_from_ties(const Snapshot& s, std::vector<Tie>& ties, FirmId i, double absorptive,
                     Update& u) {
  const auto& incident = s.st.network.incident_ties;
  const auto& kinds = s.st.network.incident_kinds;
  const auto [begin, end] = incident_range(s.st.network, i);
  double total = 0;
  for (std::uint32_t k = begin; k < end; ++k) {
    if (!may_learn(s, kinds[k])) continue;
    const Tie& t = ties[incident[k]];
    const double rate = s.tie_learning[static_cast<int>(t.type)];
    if (t.alive && rate > 0 && teacher_of(s, t, i) != kNoFirm) total += rate * absorptive;
  }
  if (!(total > 0)) return;
  const double scale = total > 1.0 ? 1.0 / total : 1.0;
  const int fields = s.fields;
  const float* own = s.knowledge + static_cast<std::size_t>(i) * fields;
  for (std::uint32_t k = begin; k < end; ++k) {
    if (!may_learn(s, kinds[k])) continue;
    Tie& t = ties[incident[k]];
    const double rate = s.tie_learning[static_cast<int>(t.type)];
    if (!t.alive || !(rate > 0)) continue;
    const FirmId j = teacher_of(s, t, i);
    if (j == kNoFirm) continue;
    const double share = rate * absorptive * scale;
    const double moved = share * (s.log_a[j] - s.log_a[i]);
    u.d_log_a += moved;
    t.flow_knowledge += moved;
    u.pull_toward(own, s.knowledge + static_cast<std::size_t>(j) * fields, fields,
                  s.p.tie_knowledge_pull * share);
  }
}

}  // namespace firmsim::learning
