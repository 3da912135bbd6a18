// Supply ties: trust, order shares, supplier search and switching. See supply.hpp.
//
// Order shares: s_j <- (1 - rho) s_j / sum(s) + rho softmax(beta score)_j over the buyer's
// flowing supply ties, so a cheaper, better, more trusted or nearer supplier wins orders
// gradually, and a share left by a tie that ended is redistributed.
// Search: candidates come from the buyer's region (local), from a walk over the network to a
// partner's partner or to a supplier of a fellow customer (triadic closure, trusted a little
// more), from a random supply tie's supplier (probability proportional to customers:
// preferential attachment) or uniformly from the previous stage. A buyer short of suppliers
// (fewer than its target, which rises with its capacity relative to its stage:
// suppliers_size_elasticity) or of supply (below the larger of max_suppliers and that target)
// adds the best candidate; otherwise it replaces its worst
// supplier when the best candidate's score is higher by more than the switching cost; the old
// tie then ends with reason "switched".
#include "ties/supply.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
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

/// How many suppliers a buyer of capacity `capacity` wants, its stage's mean log capacity being
/// `stage_log_capacity`: larger buyers source from more suppliers (more parts, more volume).
int supplier_target(const SupplySpec& p, double capacity, double stage_log_capacity) {
  if (p.suppliers_size_elasticity <= 0 || capacity <= 0) return p.target_suppliers;
  const double want = p.target_suppliers * std::exp(p.suppliers_size_elasticity *
                                                    (std::log(capacity) - stage_log_capacity));
  if (!(want < kMaxSuppliers)) return std::max(p.target_suppliers, kMaxSuppliers);
  return std::max(p.target_suppliers, static_cast<int>(std::lround(want)));
}

template <class Body>
void for_each_buyer(const State& st, Body&& body) {
  const Cells& c = st.cells;
  if (c.regions == 0 || c.offsets.size() <= c.regions) return;
  const std::size_t lo = c.offsets[c.regions], hi = c.offsets.back();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(lo, hi, 64), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k)
      if (st.firms.alive[c.members[k]]) body(static_cast<FirmId>(c.members[k]));
  });
}

/// What supplier search reads of the tie table, built once per review so that its random
/// draws touch small arrays instead of 64-byte tie rows (a random row is a cache miss). Ties do
/// not form, end or change type, and firms do not enter or exit, while suppliers are reviewed,
/// so it stays valid through the parallel review.
///
/// popular() draws a tie serial uniformly among every tie ever formed (State::tie_serials) and
/// needs the source of that tie if it is an alive supply tie with an alive source. Most serials
/// belong to ties that ended long ago, so instead of a 4-byte entry per serial the index keeps a
/// bit per serial (set for such ties) with the count of set bits before each 64-bit word, and
/// the sources of the set bits densely, in serial order: 16 bytes per 64 serials plus 4 per
/// live supply tie. Rows of the tie table are in serial order, so the dense array is filled in
/// row order.
///
/// The referral walk reads, per incident slot, the other end of the tie beside the slot
/// (Network::incident_others) and a bit per slot set where the tie ended since the network was
/// rebuilt, instead of the slot's tie index and then the tie's flag in the tie table.
class SupplyIndex {
 public:
  explicit SupplyIndex(const State& st);
  SupplyIndex() = default;

  /// Draws range: every serial ever formed.
  std::size_t serials() const { return serials_; }

  /// The source of the tie with serial `serial` if it is an alive supply tie whose source is
  /// alive, else kNoFirm.
  FirmId alive_source(std::size_t serial) const {
    const Block& blk = blocks_[serial >> 6];
    const unsigned bit = static_cast<unsigned>(serial & 63);
    if (!((blk.bits >> bit) & 1u)) return kNoFirm;
    const std::uint64_t below = blk.bits & ((std::uint64_t{1} << bit) - 1);
    return sources_[blk.rank + static_cast<std::uint32_t>(std::popcount(below))];
  }

  /// The other end of the tie in incident slot `slot`, or kNoFirm if the tie has ended.
  FirmId other(std::uint32_t slot) const {
    return (ended_[slot >> 6] >> (slot & 63)) & 1u ? kNoFirm : (*others_)[slot];
  }

 private:
  struct Block {
    std::uint64_t bits = 0;
    std::uint32_t rank = 0;  ///< set bits in the blocks before this one
  };
  std::size_t serials_ = 0;
  std::vector<Block> blocks_;
  std::vector<FirmId> sources_;
  const std::vector<std::uint32_t>* others_ = nullptr;  ///< Network::incident_others
  std::vector<std::uint64_t> ended_;                     ///< a bit per incident slot
};

SupplyIndex::SupplyIndex(const State& st) : serials_(ties_ever_formed(st)) {
  const Firms& f = st.firms;
  const Network& net = st.network;
  const std::size_t rows = st.ties.size();
  blocks_.resize((serials_ + 63) / 64);
  others_ = &net.incident_others;
  ended_.resize((net.incident_others.size() + 63) / 64);
  const auto counted = [&](const Tie& t) {
    return t.alive && rule(t.type).supply && f.alive[t.source];
  };
  // Rows in fixed chunks: count the counted ties of each, then fill the dense sources at each
  // chunk's offset (independent of the thread count). Ended ties mark their incident slots.
  constexpr std::size_t kChunk = 16384;
  const std::size_t chunks = (rows + kChunk - 1) / kChunk;
  std::vector<std::uint32_t> offset(chunks + 1, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, chunks, 1), [&](const auto& r) {
    for (std::size_t c = r.begin(); c != r.end(); ++c) {
      std::uint32_t n = 0;
      const std::size_t end = std::min(rows, (c + 1) * kChunk);
      for (std::size_t k = c * kChunk; k != end; ++k) {
        const Tie& t = st.ties[k];
        if (counted(t)) {
          ++n;
        } else if (!t.alive) {
          for (const FirmId end_firm : {t.source, t.target})
            for (auto [slot, last] = incident_slots(net, end_firm); slot < last; ++slot)
              if (net.incident_ties[slot] == k)  // slots of other ties may share the word
                std::atomic_ref<std::uint64_t>(ended_[slot >> 6])
                    .fetch_or(std::uint64_t{1} << (slot & 63), std::memory_order_relaxed);
        }
      }
      offset[c + 1] = n;
    }
  });
  for (std::size_t c = 0; c < chunks; ++c) offset[c + 1] += offset[c];
  sources_.resize(offset[chunks]);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, chunks, 1), [&](const auto& r) {
    for (std::size_t c = r.begin(); c != r.end(); ++c) {
      std::uint32_t at = offset[c];
      const std::size_t end = std::min(rows, (c + 1) * kChunk);
      for (std::size_t k = c * kChunk; k != end; ++k) {
        const Tie& t = st.ties[k];
        if (!counted(t)) continue;
        sources_[at++] = t.source;
        const std::uint32_t serial = tie_serial(st, k);
        // Neighbouring chunks may share a word.
        std::atomic_ref<std::uint64_t>(blocks_[serial >> 6].bits)
            .fetch_or(std::uint64_t{1} << (serial & 63), std::memory_order_relaxed);
      }
    }
  });
  std::uint32_t rank = 0;
  for (Block& blk : blocks_) {
    blk.rank = rank;
    rank += static_cast<std::uint32_t>(std::popcount(blk.bits));
  }
}

/// A partner's partner of `b` in the previous stage, or a supplier of a fellow customer.
FirmId referral(const State& st, const SupplyIndex& index, FirmId b, Rng& rng) {
  const Firms& f = st.firms;
  const Network& net = st.network;
  const int want = f.stage[b] - 1;
  FirmId at = b;
  for (int hop = 0; hop < 3; ++hop) {
    const auto [first, last] = incident_slots(net, at);
    if (first == last) return kNoFirm;
    const std::uint32_t slot = first + static_cast<std::uint32_t>(rng.below(last - first));
    at = index.other(slot);
    if (at == kNoFirm || at == b || !f.alive[at]) return kNoFirm;
    if (hop > 0 && f.stage[at] == want) return at;
  }
  return kNoFirm;
}

/// A supplier drawn in proportion to its supply ties (a random supply tie's source): up to
/// kPopularTries draws, the first acceptable one wins. Most draws fail (an ended tie, another
/// stage), and each is a chain of cache misses at 10^6 firms, so the draws are made
/// kPopularBatch at a time on a copy of the generator and looked up together; the generator is
/// then left where the draws actually used leave it, so the numbers drawn and the result are
/// those of trying one draw after the other.
constexpr int kPopularBatch = 8;
static_assert(kPopularTries % kPopularBatch == 0);
FirmId popular(const State& st, const SupplyIndex& index, int want, Rng& rng) {
  const std::size_t n = index.serials();
  if (n == 0) return kNoFirm;
  for (int k0 = 0; k0 < kPopularTries; k0 += kPopularBatch) {
    Rng after[kPopularBatch] = {rng, rng, rng, rng, rng, rng, rng, rng};  // after each draw
    FirmId s[kPopularBatch];
    Rng peek = rng;
    for (int k = 0; k < kPopularBatch; ++k) {
      s[k] = index.alive_source(peek.below(n));
      after[k] = peek;
    }
    for (int k = 0; k < kPopularBatch; ++k)
      if (s[k] != kNoFirm) __builtin_prefetch(&st.firms.stage[s[k]]);
    for (int k = 0; k < kPopularBatch; ++k)
      if (s[k] != kNoFirm && st.firms.stage[s[k]] == want) {
        rng = after[k];
        return s[k];
      }
    rng = peek;
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

/// Calls fn(k) for the tie k of each of b's incoming supply slots, in slot order, after
/// requesting all their tie rows and then, through touch(supplier), the fields fn will read of
/// each supplier: the scattered reads of one tie no longer wait for those of the one before.
template <class Touch, class Fn>
void for_each_supply_in(const State& st, FirmId b, Touch&& touch, Fn&& fn) {
  const Network& net = st.network;
  std::array<std::uint32_t, kMaxSuppliers> in;
  int n_in = 0;
  auto [slot, end] = incident_slots(net, b);
  for (; slot < end && n_in < kMaxSuppliers; ++slot) {
    if (!incident_kind::supply_in(net.incident_kinds[slot])) continue;
    in[n_in++] = net.incident_ties[slot];
    __builtin_prefetch(&st.ties[in[n_in - 1]]);
  }
  for (int q = 0; q < n_in; ++q) touch(st.ties[in[q]].source);
  for (int q = 0; q < n_in; ++q) fn(in[q]);
  for (; slot < end; ++slot)  // more incoming supply slots than listed: the rest, unlisted
    if (incident_kind::supply_in(net.incident_kinds[slot])) fn(net.incident_ties[slot]);
}

}  // namespace

void update_supply_trust(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const double tolerance = sc.supply.shortfall_tolerance;
  for_each_buyer(st, [&](FirmId b) {
    Rng rng(sc.seed, f.id[b], static_cast<std::uint32_t>(st.step), Stream::trust);
    const auto touch = [&](FirmId j) {
      __builtin_prefetch(&f.alive[j]);
      __builtin_prefetch(&f.tie_fill[j]);
      __builtin_prefetch(&f.planned[j]);
      __builtin_prefetch(&f.output[j]);
      __builtin_prefetch(&f.profit[j]);
    };
    for_each_supply_in(st, b, touch, [&](std::uint32_t k) {
      Tie& t = st.ties[k];
      if (t.target != b || !is_supply_flow(f, t)) return;
      const double u = rng.uniform();
      if (tie_order(f, t) <= 0) return;
      const double iq = std::min(st.countries[f.country[t.source]].spec.institutional_quality,
                                 st.countries[f.country[b]].spec.institutional_quality);
      const bool shortfall = f.tie_fill[t.source] * output_fill(f, t.source) < 1 - tolerance;
      const bool breach = shortfall || u < opportunism_probability(sc.trust, iq);
      const bool gained = f.profit[b] >= 0 && f.profit[t.source] >= 0;
      t.trust = updated_trust(sc.trust, t.trust, gained, breach);
    });
  });
}

void count_customers(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const double decay = sc.market.oem_brand_decay;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 512), [&](const auto& r) {
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
  SupplyIndex index(st);
  ProposalCollector collector;

  for_each_buyer(st, [&](FirmId b) {
    const int s = f.stage[b];
    const StageMeans& m = means[s - 1];
    Rng rng(sc.seed, f.id[b], static_cast<std::uint32_t>(st.step), Stream::supplier_search);

    // Current suppliers and their scores; order shares move toward the scored shares.
    std::array<Current, kMaxSuppliers> cur;
    int n = 0;
    double total_share = 0, top = -1e300;
    const auto touch = [&](FirmId j) {
      __builtin_prefetch(&f.alive[j]);
      __builtin_prefetch(&f.price[j]);
      __builtin_prefetch(&f.log_productivity[j]);
      __builtin_prefetch(&f.region[j]);
      __builtin_prefetch(&f.customers[j]);
      __builtin_prefetch(&f.id[j]);
    };
    for_each_supply_in(st, b, touch, [&](std::uint32_t k) {
      const Tie& t = st.ties[k];
      if (t.target != b || !is_supply_flow(f, t) || n == kMaxSuppliers) return;
      cur[n] = {k, t.source, supply_score(sc, st, b, t.source, t.trust, m)};
      total_share += t.share;
      top = std::max(top, cur[n].score.total());
      ++n;
    });
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
    const int target = supplier_target(p, f.capacity[b], means[s].log_capacity);
    const int most = std::max(p.max_suppliers, target);
    const bool short_of_suppliers = n < target;
    const bool short_of_supply =
        f.input_need[b] > 0 && f.supply_gap[b] > p.shortfall_tolerance * f.input_need[b];
    if (!drawn && !short_of_suppliers && !short_of_supply) return;
    const auto upstream = stage_firms(st.cells, s - 1);
    if (upstream.empty()) return;
    const auto local = cell_firms(st.cells, s - 1, f.region[b]);

    // The candidates are drawn first (every random number of the search is drawn here, in the
    // order of the draws), then their fields are requested from memory together, then they are
    // checked and scored in the order drawn: the scattered reads of one candidate no longer wait
    // for those of the one before.
    struct Pick {
      FirmId firm;
      bool referred;
    };
    std::array<Pick, kMaxCandidates> picks;
    const int draws = std::min(kMaxCandidates, std::max(1, p.candidates));
    for (int d = 0; d < draws; ++d) {
      const double u = rng.uniform();
      FirmId j = kNoFirm;
      bool referred = false;
      if (u < p.local_candidates) {
        if (!local.empty()) j = local[rng.below(local.size())];
      } else if (u < p.local_candidates + p.referral_candidates) {
        j = referral(st, index, b, rng);
        referred = true;
      } else if (u < p.local_candidates + p.referral_candidates + p.popular_candidates) {
        j = popular(st, index, s - 1, rng);
      }
      if (j == kNoFirm) j = upstream[rng.below(upstream.size())], referred = false;
      picks[d] = {j, referred};
    }
    for (int d = 0; d < draws; ++d) {
      const FirmId j = picks[d].firm;
      __builtin_prefetch(&f.alive[j]);
      __builtin_prefetch(&f.stage[j]);
      __builtin_prefetch(&f.price[j]);
      __builtin_prefetch(&f.log_productivity[j]);
      __builtin_prefetch(&f.region[j]);
      __builtin_prefetch(&f.country[j]);
      __builtin_prefetch(&f.customers[j]);
      __builtin_prefetch(&f.id[j]);
    }
    std::array<Candidate, kMaxCandidates> cand;
    int nc = 0;
    for (int d = 0; d < draws; ++d) {
      const FirmId j = picks[d].firm;
      const bool referred = picks[d].referred;
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
    prop.type = oem_pair(sc, st, b, c.firm, stages - 1) && rng.bernoulli(p.oem_probability)
                    ? TieType::oem
                    : TieType::subcontracting;
    prop.score = c.score.total();
    prop.trust = static_cast<float>(c.referred ? p.referral_trust : p.initial_trust);
    const int span = std::max(0, p.contract_steps_max - p.contract_steps_min);
    prop.contract_steps = std::max(1, p.contract_steps_min) +
                          static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(span) + 1));
    if (short_of_suppliers || (short_of_supply && n < most)) {
      SupplyScore others{};
      for (int k = 0; k < nc; ++k) {
        if (k != best) others.add_share(cand[k].score, nc - 1);
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
  collector.gather(st.proposals, f.id);
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
