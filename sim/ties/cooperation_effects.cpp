// What cooperation ties do to firms each step, besides learning (tie_learning.cpp) and R&D
// pooling (rd_pooling.cpp). See cooperation.hpp and docs/ODD.md ("Cooperation ties").
// - North–South joint venture: local content L (Tie::share) grows logistically,
//   L += r (2 a_south) L (1 - L / L_max), a_south the southern partner's absorptive capacity;
// - franchising: the franchisee's brand closes brand_pooling of its gap to the franchisor's;
//   joint marketing: the weaker brand closes brand_pooling of the gap to the stronger;
// - export access: a firm saves access_saving of its export access cost per partner of
//   another country in a distribution tie or a joint venture (at most 2 counted);
// - university ties: the firm closes tie_learning[university] * absorptive of its gap to the
//   institute's technology (State::institute_level: the region's frontier + institute_lead when
//   the region first has institutes, fixed afterwards so the firms it teaches cannot push it
//   up), capacity following log A.
#include <algorithm>
#include <cmath>
#include <limits>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "ties/cooperation.hpp"
#include "ties/partner_score.hpp"

namespace firmsim {

std::vector<double> institute_levels(const Scenario& sc, State& st) {
  const Firms& f = st.firms;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  st.institute_level.resize(st.regions.size(), nan);
  const int stages = cell_stages(st.cells);
  for (std::size_t r = 0; r < st.regions.size(); ++r) {
    if (st.regions[r].spec.research_institutes <= 0 || std::isfinite(st.institute_level[r]))
      continue;
    double top = -std::numeric_limits<double>::infinity();
    for (int s = 0; s < stages; ++s)
      for (std::uint32_t i : cell_firms(st.cells, s, static_cast<int>(r)))
        if (f.alive[i]) top = std::max(top, f.log_productivity[i]);
    if (std::isfinite(top)) st.institute_level[r] = top + sc.cooperation.institute_lead;
  }
  std::vector<double> level = st.institute_level;
  for (std::size_t r = 0; r < st.regions.size(); ++r)
    if (st.regions[r].spec.research_institutes <= 0) level[r] = nan;
  return level;
}

void apply_cooperation_effects(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const CooperationSpec& p = sc.cooperation;
  const std::size_t n = f.size();

  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, st.ties.size(), 4096), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k) {
      Tie& t = st.ties[k];
      if (!t.alive || rule(t.type).effect != TieEffect::joint_venture) continue;
      if (!f.alive[t.source] || !f.alive[t.target] || !north_south(st, t.source, t.target))
        continue;
      const FirmId south = st.countries[f.country[t.source]].spec.developed ? t.target : t.source;
      const double l_max = std::max(p.local_content_max, 1e-9);
      const double rate = p.local_content_speed * 2 * f.absorptive[south];
      const double l = std::max(t.share, p.local_content_initial * 0.01);
      t.share = std::clamp(l + rate * l * (1 - l / l_max), 0.0, l_max);
    }
  });

  // Brands and export access, each firm from a snapshot of the brands.
  const std::vector<double> brand = f.brand;
  const Network& net = st.network;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      f.access_saving[i] = 0;
      if (!f.alive[i] || i + 1 >= net.incident_offsets.size()) continue;
      double gap = 0;
      int abroad = 0;
      for (std::uint32_t k = net.incident_offsets[i]; k < net.incident_offsets[i + 1]; ++k) {
        // Only these effects act here; the slot's kind spares the row of every other tie.
        const TieEffect kind_effect = rule(incident_kind::type(net.incident_kinds[k])).effect;
        if (kind_effect != TieEffect::franchise && kind_effect != TieEffect::market_pool &&
            kind_effect != TieEffect::joint_venture)
          continue;
        const Tie& t = st.ties[net.incident_ties[k]];
        if (!t.alive) continue;
        const FirmId j = t.source == i ? t.target : t.source;
        if (j == i || !f.alive[j]) continue;
        const TieEffect e = rule(t.type).effect;
        if ((e == TieEffect::franchise && t.target == i) || e == TieEffect::market_pool)
          gap += std::max(0.0, brand[j] - brand[i]);
        if ((e == TieEffect::franchise || e == TieEffect::market_pool ||
             e == TieEffect::joint_venture) &&
            f.country[j] != f.country[i])
          ++abroad;
      }
      f.brand[i] = std::min(1.0, brand[i] + p.brand_pooling * gap);
      f.access_saving[i] = std::min(1.0, p.access_saving * std::min(abroad, 2));
    }
  });

  // Knowledge from research institutes (each firm holds at most one university tie).
  const std::vector<double> level = institute_levels(sc, st);
  const auto k = static_cast<std::size_t>(TieType::university);
  const double rate = k < sc.innovation.tie_learning.size() ? sc.innovation.tie_learning[k] : 0;
  for (InstituteTie& t : st.institute_ties) {
    if (!t.alive || !f.alive[t.firm] || !std::isfinite(level[t.region])) continue;
    const double gap = level[t.region] - f.log_productivity[t.firm];
    if (!(gap > 0)) continue;
    const double moved = std::min(1.0, rate * f.absorptive[t.firm]) * gap;
    f.log_productivity[t.firm] += moved;
    f.capacity[t.firm] *= std::exp(moved);  // the same capital, more productive
    t.flow_knowledge += moved;
  }
}

}  // namespace firmsim
