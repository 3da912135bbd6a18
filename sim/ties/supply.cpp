// Supply ties: trust, order shares, supplier search and switching. See supply.hpp.
//
// Order shares: s_j <- (1 - rho) s_j / sum(s) + rho softmax(beta score)_j over the buyer's
// flowing supply ties, so a cheaper, better, more trusted or nearer supplier wins orders
// gradually, and a share left by a tie that ended is redistributed.
// Search: candidates come from the buyer's region (local), from a walk over the network to a
// partner's partner or to a supplier of a fellow customer (triadic closure, trusted a little
// more), from a random supply tie's supplier (probability proportional to customers:
// preferential attachment) or uniformly from the previous stage. A buyer short of suppliers
// (or of supply, below max_suppliers) adds the best candidate; otherwise it replaces its worst
// supplier when the best candidate's score is higher by more than the switching cost; the old
// tie then ends with reason "switched".
#include "ties/supply.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <vector>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "core/supply_chain.hpp"
#include "firmsim/rng.hpp"
#include "ties/proposals.hpp"
#include "ties/supply_score.hpp"
#include "ties/tie_table.hpp"
#include "ties/trust.hpp"

namespace firmsim {

namespace {

constexpr int kMaxSuppliers = 64;
constexpr int kMaxCandidates = 64;
constexpr int kPopularTries = 8;

template <class Body>
void for_each_buyer(const State& st, Body&& body) {
  const Cells& c = st.cells;
  if (c.regions == 0 || c.offsets.size() <= c.regions) return;
  const std::size_t lo = c.offsets[c.regions], hi = c.offsets.back();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(lo, hi, 256), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k)
      if (st.firms.alive[c.members[k]]) body(static_cast<FirmId>(c.members[k]));
  });
}

/// A partner's partner of `b` in the previous stage, or a supplier of a fellow customer. Reads
/// each hop's other end beside the incident slot and the tie's alive flag from `tie_alive`
/// (see SupplyIndex), not from the tie row.
FirmId referral(const State& st, std::span<const std::uint8_t> tie_alive, FirmId b, Rng& rng) {
  const Firms& f = st.firms;
  const Network& net = st.network;
  const int want = f.stage[b] - 1;
  FirmId at = b;
  for (int hop = 0; hop < 3; ++hop) {
    const auto [first, last] = incident_slots(net, at);
    if (first == last) return kNoFirm;
    const std::uint32_t slot = first + static_cast<std::uint32_t>(rng.below(last - first));
    if (!tie_alive[net.incident_ties[slot]]) return kNoFirm;
    at = net.incident_others[slot];
    if (at == b || !f.alive[at]) return kNoFirm;
    if (hop > 0 && f.stage[at] == want) return at;
  }
  return kNoFirm;
}

/// The source of every alive supply tie by tie serial (every tie ever formed, see
/// State::tie_serials), kNoFirm for other ties: what popular() reads of a tie, 4 bytes instead
/// of a 64-byte row per draw (a random row is a cache miss). Ties do not form, end or change
/// type while suppliers are reviewed, so it stays valid through the parallel review.
/// Also the alive flag of every row of the tie table (1 byte instead of a 64-byte row), for the
/// referral walk.
struct SupplyIndex {
  std::vector<FirmId> sources;
  std::vector<std::uint8_t> tie_alive;
};
SupplyIndex supply_sources(const State& st) {
  SupplyIndex index{std::vector<FirmId>(ties_ever_formed(st), kNoFirm),
                    std::vector<std::uint8_t>(st.ties.size(), 0)};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, st.ties.size(), 16384), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k) {
      const Tie& t = st.ties[k];
      index.tie_alive[k] = t.alive;
      if (t.alive && rule(t.type).supply) index.sources[tie_serial(st, k)] = t.source;
    }
  });
  return index;
}

/// A supplier drawn in proportion to its supply ties (a random supply tie's source).
FirmId popular(const State& st, std::span<const FirmId> sources, int want, Rng& rng) {
  if (sources.empty()) return kNoFirm;
  for (int k = 0; k < kPopularTries; ++k) {
    const FirmId s = sources[rng.below(sources.size())];
    if (s != kNoFirm && st.firms.alive[s] && st.firms.stage[s] == want) return s;
  }
  return kNoFirm;
}

struct Current {
  std::uint32_t tie;
  FirmId firm;
  SupplyScore score;
};

struct Candidate {
  FirmId firm;
  bool referred;
  SupplyScore score;
};

}  // namespace

void update_supply_trust(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const double tolerance = sc.supply.shortfall_tolerance;
  for_each_buyer(st, [&](FirmId b) {
    Rng rng(sc.seed, b, static_cast<std::uint32_t>(st.step), Stream::trust);
    const Network& net = st.network;
    for (auto [k, end] = incident_slots(net, b); k < end; ++k) {
      if (!incident_kind::supply_in(net.incident_kinds[k])) continue;
      Tie& t = st.ties[net.incident_ties[k]];
      if (t.target != b || !is_supply_flow(f, t)) continue;
      const double u = rng.uniform();
      if (tie_order(f, t) <= 0) continue;
      const double iq = std::min(st.countries[f.country[t.source]].spec.institutional_quality,
                                 st.countries[f.country[b]].spec.institutional_quality);
      const bool shortfall = f.tie_fill[t.source] * output_fill(f, t.source) < 1 - tolerance;
      const bool breach = shortfall || u < opportunism_probability(sc.trust, iq);
      const bool gained = f.profit[b] >= 0 && f.profit[t.source] >= 0;
      t.trust = updated_trust(sc.trust, t.trust, gained, breach);
    }
  });
}

void count_customers(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const double decay = sc.market.oem_brand_decay;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 2048), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      std::uint32_t customers = 0;
      bool oem = false;
      if (f.alive[i])
        for (auto [k, end] = incident_slots(st.network, i); k < end; ++k) {
          if (!incident_kind::supply_out(st.network.incident_kinds[k])) continue;
          const Tie& t = st.ties[st.network.incident_ties[k]];
          if (t.source != i || !is_supply_flow(f, t)) continue;
          ++customers;
          oem = oem || t.type == TieType::oem;
        }
      f.customers[i] = customers;
      if (oem) f.brand[i] *= 1 - decay;
    }
  });
}

void review_suppliers(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const SupplySpec& p = sc.supply;
  const int stages = std::max(1, sc.world.stages);
  const std::vector<StageMeans> means = stage_means(st, stages);
  SupplyIndex index = supply_sources(st);
  const std::vector<FirmId>& sources = index.sources;
  ProposalCollector collector;

  for_each_buyer(st, [&](FirmId b) {
    const int s = f.stage[b];
    const StageMeans& m = means[s - 1];
    Rng rng(sc.seed, b, static_cast<std::uint32_t>(st.step), Stream::supplier_search);

    // Current suppliers and their scores; order shares move toward the scored shares.
    std::array<Current, kMaxSuppliers> cur;
    int n = 0;
    double total_share = 0, top = -1e300;
    const Network& net = st.network;
    for (auto [slot, end] = incident_slots(net, b); slot < end; ++slot) {
      if (!incident_kind::supply_in(net.incident_kinds[slot])) continue;
      const std::uint32_t k = net.incident_ties[slot];
      const Tie& t = st.ties[k];
      if (t.target != b || !is_supply_flow(f, t) || n == kMaxSuppliers) continue;
      cur[n] = {k, t.source, supply_score(sc, st, b, t.source, t.trust, m)};
      total_share += t.share;
      top = std::max(top, cur[n].score.total());
      ++n;
    }
    std::array<double, kMaxSuppliers> weight;
    double z_total = 0;
    for (int k = 0; k < n; ++k) {
      weight[k] = std::exp(p.share_selection * (cur[k].score.total() - top));
      z_total += weight[k];
    }
    for (int k = 0; k < n; ++k) {
      Tie& t = st.ties[cur[k].tie];
      const double old = total_share > 0 ? t.share / total_share : 1.0 / n;
      const double z = weight[k] / z_total;
      t.share = (1 - p.share_adjustment) * old + p.share_adjustment * z;
    }

    // Whether to search.
    const bool drawn = rng.uniform() < p.search_probability;
    const bool short_of_suppliers = n < p.target_suppliers;
    const bool short_of_supply =
        f.input_need[b] > 0 && f.supply_gap[b] > p.shortfall_tolerance * f.input_need[b];
    if (!drawn && !short_of_suppliers && !short_of_supply) return;
    const auto upstream = stage_firms(st.cells, s - 1);
    if (upstream.empty()) return;
    const auto local = cell_firms(st.cells, s - 1, f.region[b]);

    std::array<Candidate, kMaxCandidates> cand;
    int nc = 0;
    const int draws = std::min(kMaxCandidates, std::max(1, p.candidates));
    for (int d = 0; d < draws; ++d) {
      const double u = rng.uniform();
      FirmId j = kNoFirm;
      bool referred = false;
      if (u < p.local_candidates) {
        if (!local.empty()) j = local[rng.below(local.size())];
      } else if (u < p.local_candidates + p.referral_candidates) {
        j = referral(st, index.tie_alive, b, rng);
        referred = true;
      } else if (u < p.local_candidates + p.referral_candidates + p.popular_candidates) {
        j = popular(st, sources, s - 1, rng);
      }
      if (j == kNoFirm) j = upstream[rng.below(upstream.size())], referred = false;
      if (!f.alive[j] || f.stage[j] != s - 1 || j == b) continue;
      bool seen = false;
      for (int k = 0; k < n && !seen; ++k) seen = cur[k].firm == j;
      for (int k = 0; k < nc && !seen; ++k) seen = cand[k].firm == j;
      if (seen) continue;
      const double trust = referred ? p.referral_trust : p.initial_trust;
      cand[nc++] = {j, referred, supply_score(sc, st, b, j, trust, m)};
    }
    if (nc == 0) return;
    int best = 0;
    for (int k = 1; k < nc; ++k)
      if (cand[k].score.total() > cand[best].score.total()) best = k;
    const Candidate& c = cand[best];

    TieProposal prop;
    prop.source = c.firm;
    prop.target = b;
    prop.type = oem_pair(st, b, c.firm, stages - 1) && rng.bernoulli(p.oem_probability)
                    ? TieType::oem
                    : TieType::subcontracting;
    prop.score = c.score.total();
    prop.trust = static_cast<float>(c.referred ? p.referral_trust : p.initial_trust);
    const int span = std::max(0, p.contract_steps_max - p.contract_steps_min);
    prop.contract_steps = std::max(1, p.contract_steps_min) +
                          static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(span) + 1));
    if (short_of_suppliers || (short_of_supply && n < p.max_suppliers)) {
      SupplyScore others{};
      for (int k = 0; k < nc; ++k) {
        if (k == best) continue;
        others.price += cand[k].score.price / (nc - 1);
        others.quality += cand[k].score.quality / (nc - 1);
        others.trust += cand[k].score.trust / (nc - 1);
        others.distance += cand[k].score.distance / (nc - 1);
        others.popularity += cand[k].score.popularity / (nc - 1);
      }
      prop.share = 1.0 / (n + 1);
      prop.reason = supply_reason(c.score, others, c.referred);
    } else {
      int worst = 0;
      for (int k = 1; k < n; ++k)
        if (cur[k].score.total() < cur[worst].score.total()) worst = k;
      if (n == 0 || c.score.total() <= cur[worst].score.total() + p.switching_cost) return;
      prop.share = st.ties[cur[worst].tie].share;
      prop.replaces = cur[worst].tie;
      prop.reason = supply_reason(c.score, cur[worst].score, c.referred);
    }
    collector.add(prop);
  });

  index = SupplyIndex{};  // the search is done: free it before the proposals are gathered
  collector.gather(st.proposals);
  std::vector<std::uint16_t> taken(f.size(), 0);
  const auto accept = [&](const TieProposal& q) {
    return f.alive[q.source] && f.alive[q.target] && taken[q.source] < p.max_new_customers &&
           f.capacity[q.source] > 0 &&
           f.demand[q.source] < p.accept_utilisation * f.capacity[q.source] &&
           (q.replaces == kNoTie || st.ties[q.replaces].alive);
  };
  const auto formed = [&](const TieProposal& q, std::uint32_t) {
    ++taken[q.source];
    ++f.customers[q.source];
    if (q.replaces != kNoTie) {
      const FirmId old = st.ties[q.replaces].source;
      end_tie(st, q.replaces, "switched");
      if (f.customers[old] > 0) --f.customers[old];
      return;
    }
    const Network& net = st.network;
    for (auto [k, end] = incident_slots(net, q.target); k < end; ++k) {
      if (!incident_kind::supply_in(net.incident_kinds[k])) continue;
      Tie& t = st.ties[net.incident_ties[k]];
      if (t.target == q.target && is_supply_flow(f, t)) t.share *= 1 - q.share;
    }
  };
  commit_proposals(st, accept, formed);
}

}  // namespace firmsim
