#include "ties/supply_score.hpp"

namespace firmsim {

std::vector<StageMeans> stage_means(const State& st, int stages) {
  const Firms& f = st.firms;
  std::vector<StageMeans> m(static_cast<std::size_t>(stages));
  std::vector<double> n(m.size(), 0.0), n_cap(m.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || f.stage[i] >= stages) continue;
    if (f.capacity[i] > 0) {
      m[f.stage[i]].log_capacity += std::log(f.capacity[i]);
      n_cap[f.stage[i]] += 1;
    }
    if (f.price[i] <= 0) continue;
    m[f.stage[i]].log_price += std::log(f.price[i]);
    m[f.stage[i]].log_productivity += f.log_productivity[i];
    n[f.stage[i]] += 1;
  }
  for (std::size_t s = 0; s < m.size(); ++s) {
    if (n_cap[s] > 0) m[s].log_capacity /= n_cap[s];
    if (n[s] == 0) continue;
    m[s].log_price /= n[s];
    m[s].log_productivity /= n[s];
  }
  return m;
}

const char* supply_reason(const SupplyScore& chosen, const SupplyScore& other, bool referral) {
  const double lead[] = {chosen.price - other.price,           chosen.quality - other.quality,
                         chosen.trust - other.trust,           chosen.distance - other.distance,
                         chosen.popularity - other.popularity, chosen.fit - other.fit};
  const char* names[] = {"lower_price", "higher_quality",
                         referral ? "partner_of_partner" : "trusted", "closer", "popular",
                         "better_fit"};
  int best = 0;
  for (int k = 1; k < 6; ++k)
    if (lead[k] > lead[best]) best = k;
  return names[best];
}

}  // namespace firmsim
