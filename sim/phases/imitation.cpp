// Imitation (MODEL.md section 9): with probability 1 - exp(-zeta_m * R&D * absorptive / scale)
// a firm tries to imitate. Candidates are its partners along knowledge-moving ties and a sample
// of co-located firms (same region, same or adjacent stage); among those more productive than
// itself it picks one with weight exp(-d_cog / lambda_c - d_geo / lambda_g) and closes
//   phi * g(d_cog) / g(d*)
// of the log-productivity gap, g being Nooteboom's inverted U; its knowledge profile moves
// toward the imitated firm's.
#include <algorithm>
#include <cmath>

#include "core/cost_model.hpp"
#include "phases/learning.hpp"

namespace firmsim::learning {

namespace {

double region_distance_km(const State& st, std::uint16_t a, std::uint16_t b) {
  return a == b ? 0.0 : region_km(st, a, b);
}

}  // namespace

FirmId imitate(const Snapshot& s, FirmId i, double absorptive, Update& u) {
  const double hazard = s.p.imitation_rate * s.rd_spend[i] * absorptive / s.rd_scale_of(i);
  if (!(hazard > 0)) return kNoFirm;
  Rng rng(s.sc.seed, s.st.firms.id[i], static_cast<std::uint32_t>(s.st.step), Stream::imitation);
  if (!rng.bernoulli(1.0 - std::exp(-hazard))) return kNoFirm;

  const Firms& f = s.st.firms;
  const int fields = s.fields;
  const float* own = s.knowledge + static_cast<std::size_t>(i) * fields;
  const double own_a = s.log_a[i];
  // Weighted choice in one pass (a reservoir of one): candidate j replaces the choice with
  // probability w_j / (sum of weights so far).
  FirmId chosen = kNoFirm;
  double total = 0;
  auto consider = [&](FirmId j, double km) {
    if (j == i || !f.alive[j] || !(s.log_a[j] > own_a)) return;
    const double d = cognitive_distance(own, s.knowledge + static_cast<std::size_t>(j) * fields,
                                        fields);
    const double w = std::exp(-d / s.p.cognitive_decay - km / s.p.geographic_decay_km);
    total += w;
    if (rng.uniform() * total < w) chosen = j;
  };

  const auto& incident = s.st.network.incident_ties;
  const auto& kinds = s.st.network.incident_kinds;
  const auto [begin, end] = incident_range(s.st.network, i);
  for (std::uint32_t k = begin; k < end; ++k) {
    if (!rule(incident_kind::type(kinds[k])).moves_knowledge) continue;  // spares the row
    const Tie& t = s.st.ties[incident[k]];
    if (!t.alive || !rule(t.type).moves_knowledge) continue;
    const FirmId j = partner(t, i);
    consider(j, region_distance_km(s.st, f.region[i], f.region[j]));
  }

  // Co-located candidates: a uniform sample of the cells of the same region and the same or an
  // adjacent stage (firms that died since the cells were built are skipped by consider).
  const Cells& c = s.st.cells;
  const int stage = f.stage[i];
  const int first = std::max(stage - 1, 0), last = std::min(stage + 1, cell_stages(c) - 1);
  std::uint64_t local = 0;
  for (int g = first; g <= last; ++g) local += cell_firms(c, g, f.region[i]).size();
  if (local > 0)
    for (int m = 0; m < s.p.imitation_candidates; ++m) {
      std::uint64_t pick = rng.below(local);
      for (int g = first; g <= last; ++g) {
        const auto cell = cell_firms(c, g, f.region[i]);
        if (pick < cell.size()) {
          consider(cell[pick], 0.0);
          break;
        }
        pick -= cell.size();
      }
    }

  if (chosen == kNoFirm) return kNoFirm;
  const float* theirs = s.knowledge + static_cast<std::size_t>(chosen) * fields;
  const double d = cognitive_distance(own, theirs, fields);
  const double catch_up = s.p.imitation_catch_up * learning_value(d, s.p.optimal_cognitive_distance);
  u.d_log_a += catch_up * (s.log_a[chosen] - own_a);
  u.pull_toward(own, theirs, fields, s.p.imitation_knowledge_pull * catch_up);
  return chosen;
}

}  // namespace firmsim::learning
