// Initial supply ties: each non-first-stage firm takes population.initial_suppliers suppliers
// of the previous stage among a few candidates (drawn locally, in proportion to the customers
// suppliers already have, or uniformly), scored like later supplier choice: near, productive,
// cheap and well-connected suppliers win, among those with capacity left for the order (at the
// initial utilisation). Buyers choose in id order, so that the popularity of
// a supplier reflects the choices before it (preferential attachment). Draws: Rng keyed by
// the buyer and Stream::world_ties.
#include <algorithm>
#include <array>

#include "core/cells.hpp"
#include "core/world.hpp"
#include "firmsim/rng.hpp"
#include "ties/supply_score.hpp"
#include "ties/tie_table.hpp"

namespace firmsim {

namespace {

constexpr int kMaxCandidates = 128;
constexpr double kFullPenalty = 1e6;

struct Candidate {
  FirmId firm;
  double score;
};

}  // namespace

void generate_supply_ties(const Scenario& sc, State& st) {
  const SupplySpec& p = sc.supply;
  const int stages = std::max(1, sc.world.stages);
  const int wanted = std::max(0, sc.population.initial_suppliers);
  Firms& f = st.firms;
  const std::vector<StageMeans> means = stage_means(st, stages);
  std::vector<std::vector<FirmId>> popular(static_cast<std::size_t>(stages));
  const int draws = std::min(kMaxCandidates, std::max(p.candidates, 1) + wanted);
  std::array<Candidate, kMaxCandidates> cand{};
  // Capacity not yet promised to buyers at the initial utilisation; a candidate that cannot
  // serve the buyer's order is passed over while others can.
  const double u0 = sc.market.initial_utilisation;
  const double coef = sc.production.input_coefficient;
  std::vector<double> room(f.size());
  for (std::size_t j = 0; j < f.size(); ++j) room[j] = u0 * f.capacity[j];

  for (std::size_t b = 0; b < f.size(); ++b) {
    const int s = f.stage[b];
    if (s == 0 || wanted == 0 || !f.alive[b]) continue;
    const auto upstream = stage_firms(st.cells, s - 1);
    if (upstream.empty()) continue;
    const auto local = cell_firms(st.cells, s - 1, f.region[b]);
    const std::vector<FirmId>& pool = popular[s - 1];
    Rng rng(sc.seed, b, 0, Stream::world_ties);
    const double order = coef * u0 * f.capacity[b] / wanted;
    int n = 0;
    for (int d = 0; d < draws; ++d) {
      const double u = rng.uniform();
      FirmId j;
      if (u < p.local_candidates && !local.empty())
        j = local[rng.below(local.size())];
      else if (u < p.local_candidates + p.popular_candidates && !pool.empty())
        j = pool[rng.below(pool.size())];
      else
        j = upstream[rng.below(upstream.size())];
      bool seen = false;
      for (int k = 0; k < n && !seen; ++k) seen = cand[k].firm == j;
      if (seen) continue;
      const SupplyScore sc_j =
          supply_score(sc, st, static_cast<FirmId>(b), j, p.initial_trust, means[s - 1]);
      cand[n++] = {j, sc_j.total() - (room[j] < order ? kFullPenalty : 0.0)};
    }
    const int take = std::min(n, wanted);
    std::partial_sort(cand.begin(), cand.begin() + take, cand.begin() + n,
                      [](const Candidate& a, const Candidate& c) {
                        return a.score != c.score ? a.score > c.score : a.firm < c.firm;
                      });
    for (int k = 0; k < take; ++k) {
      const FirmId j = cand[k].firm;
      Tie t;
      t.source = j;
      t.target = static_cast<FirmId>(b);
      const bool oem = oem_pair(sc, st, t.target, j, stages - 1) && rng.bernoulli(p.oem_probability);
      t.type = oem ? TieType::oem : TieType::subcontracting;
      t.start_step = 0;
      t.end_step = 1 + static_cast<std::int32_t>(
                           rng.below(static_cast<std::uint64_t>(std::max(1, p.contract_steps_max))));
      t.trust = static_cast<float>(p.initial_trust);
      t.share = 1.0 / take;
      reserve_tie_row(st);
      st.ties.push_back(t);
      room[j] -= order;
      ++f.customers[j];
      popular[s - 1].push_back(j);
    }
  }
}

}  // namespace firmsim
