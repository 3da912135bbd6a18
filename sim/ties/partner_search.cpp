// Partner search and matching for cooperation ties. See cooperation.hpp.
//
// A searching firm draws `candidates` firms: with probability local_candidates one of its own
// region (its stage or an adjacent one: the cluster), with referral_candidates a partner's
// partner (a two-step walk on the network), else a uniformly drawn firm of a random stage
// (never the searcher itself); a brokerage programme adds the contacts it commissioned for the
// firm (PolicyState::brokered) as more candidates from the region, at trust brokered_trust, and
// pays search_cost_cover of search and contract costs (State::region_policy) while its budget
// lasts (PolicyState::cover_left; search costs serially in firm order after the search, contract
// costs in commit order), recorded in PolicyState::cover_paid for its accounts. For every
// candidate, in both orientations where the type is one-way, the tie is
// scored by both firms (partner_score.hpp); it is acceptable when both scores exceed
// accept_score. A search looks for one kind of agreement, drawn in proportion to `value` among
// the types the firm may seek (final-stage types for final-stage firms, R&D types for firms
// with enough absorptive capacity); the searcher proposes the acceptable tie of that type it
// scores best, or for a consortium itself and up to consortium_size - 1 acceptable candidates. Proposals are sorted (score =
// the two sides' scores added) and committed serially: a tie forms while both firms are below
// max_ties and max_new_ties and not yet tied to each other; a consortium forms when all its
// members are. Random draws: Rng keyed by the searcher and Stream::partner_search (firms) or
// Stream::institute_search (institutes).
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>
#include <tuple>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "firmsim/rng.hpp"
#include "ties/cooperation.hpp"
#include "ties/partner_score.hpp"
#include "ties/proposals.hpp"

namespace firmsim {

namespace {

constexpr int kMaxCandidates = 64;
constexpr int kMaxMembers = 16;

struct GroupProposal {
  double score = 0;
  int members = 0;
  std::array<FirmId, kMaxMembers> member{};
  const char* reason = "";
};

struct InstituteProposal {
  double score = 0;
  FirmId firm = kNoFirm;
  float trust = 0.5f;
  const char* reason = "";
};

std::span<const std::uint32_t> incident(const Network& net, FirmId i) {
  if (static_cast<std::size_t>(i) + 1 >= net.incident_offsets.size()) return {};
  return {net.incident_ties.data() + net.incident_offsets[i],
          net.incident_offsets[i + 1] - net.incident_offsets[i]};
}

FirmId other_end(const Tie& t, FirmId i) { return t.source == i ? t.target : t.source; }

double at(const std::vector<double>& v, TieType t) {
  const auto k = static_cast<std::size_t>(t);
  return k < v.size() ? v[k] : 0.0;
}

RegionPolicy policy_of(const State& st, FirmId i) {
  const std::size_t r = st.firms.region[i];
  return r < st.region_policy.size() ? st.region_policy[r] : RegionPolicy{};
}

int brokered_of(const State& st, FirmId i) {
  return i < st.policy.brokered.size() ? st.policy.brokered[i] : 0;
}

/// Pays up to `amount` of firm i's search or contract costs from its region's brokerage, while
/// the brokerage's PolicyState::cover_left lasts; returns what it paid (recorded in cover_paid).
/// Called serially, in a fixed order.
double pay_cover(State& st, FirmId i, double amount) {
  const std::int32_t k = policy_of(st, i).broker;
  PolicyState& ps = st.policy;
  if (!(amount > 0) || k < 0 || i >= ps.cover_paid.size() ||
      static_cast<std::size_t>(k) >= ps.cover_left.size())
    return 0.0;
  const double paid = std::min(amount, ps.cover_left[k]);
  ps.cover_left[k] -= paid;
  ps.cover_paid[i] += paid;
  return paid;
}

/// Whether a and b share an alive tie (of the network built at the end of the last step). Reads
/// a tie's row only where the other end beside its slot is b.
bool tied(const State& st, FirmId a, FirmId b) {
  const Network& net = st.network;
  for (auto [k, end] = incident_slots(net, a); k < end; ++k)
    if (net.incident_others[k] == b && st.ties[net.incident_ties[k]].alive) return true;
  return false;
}

/// Alive ties of firm i of a type formed by partner search; reads the row (for `alive`) only of
/// ties whose kind beside the slot is such a type.
int cooperation_degree(const State& st, FirmId i) {
  const Network& net = st.network;
  int d = 0;
  for (auto [k, end] = incident_slots(net, i); k < end; ++k)
    if (rule(incident_kind::type(net.incident_kinds[k])).searched &&
        st.ties[net.incident_ties[k]].alive)
      ++d;
  return d;
}

/// A member of `pool` other than `self`, uniformly, or kNoFirm. `self` is looked up in `pool`
/// by a binary search on the firms' ids (so the draw does not depend on their places), and
/// skipped if found. Cells are in id order, so in a cell it is always found; a whole stage is
/// its cells one region after the other, which is in id order only until entrants are
/// appended: where the search then misses `self`, the draw is uniform over the whole stage, and
/// a draw of `self` is dropped by the caller (one candidate fewer, with probability 1/size).
FirmId draw_other(std::span<const std::uint32_t> pool, FirmId self, const Firms& f, Rng& rng) {
  if (pool.empty()) return kNoFirm;
  const std::uint32_t id = f.id[self];
  const auto it = std::lower_bound(pool.begin(), pool.end(), id,
                                   [&f](FirmId a, std::uint32_t v) { return f.id[a] < v; });
  const bool in = it != pool.end() && *it == self;
  const std::size_t size = pool.size() - (in ? 1 : 0);
  if (size == 0) return kNoFirm;
  std::size_t k = rng.below(size);
  if (in && k >= static_cast<std::size_t>(it - pool.begin())) ++k;
  return pool[k];
}

/// A firm of the region, in the searcher's stage or an adjacent one.
FirmId local_candidate(const State& st, FirmId i, Rng& rng) {
  const int stages = cell_stages(st.cells);
  const int s = std::clamp(st.firms.stage[i] - 1 + static_cast<int>(rng.below(3)), 0,
                           std::max(0, stages - 1));
  return draw_other(cell_firms(st.cells, s, st.firms.region[i]), i, st.firms, rng);
}

FirmId random_candidate(const State& st, FirmId i, Rng& rng) {
  const int stages = cell_stages(st.cells);
  if (stages <= 0) return kNoFirm;
  return draw_other(stage_firms(st.cells, static_cast<int>(rng.below(stages))), i, st.firms,
                    rng);
}

/// Whether firm i may look for a `type` tie at all (its stage, its absorptive capacity).
bool may_seek(const Scenario& sc, const State& st, FirmId i, TieType type) {
  const TieRule& r = rule(type);
  const int stages = std::max(1, sc.world.stages);
  if (r.final_stage && st.firms.stage[i] != stages - 1) return false;
  if (r.stage == TieStage::adjacent && stages < 2) return false;
  return !r.rd || st.firms.absorptive[i] >= sc.cooperation.min_absorptive;
}

FirmId referral_candidate(const State& st, FirmId i, Rng& rng) {
  FirmId at_firm = i;
  for (int hop = 0; hop < 2; ++hop) {
    const auto inc = incident(st.network, at_firm);
    if (inc.empty()) return kNoFirm;
    const Tie& t = st.ties[inc[rng.below(inc.size())]];
    if (!t.alive) return kNoFirm;
    at_firm = other_end(t, at_firm);
  }
  return at_firm;
}

struct Option {
  FirmId source = kNoFirm, target = kNoFirm, partner = kNoFirm;
  TieType type = TieType::knowledge_exchange;
  double own = -1e300, both = 0;
  float trust = 0.5f;
  const char* reason = "";
};

struct Searched {
  std::vector<TieProposal> pairs;
  std::vector<GroupProposal> groups;
  std::vector<InstituteProposal> institutes;
};

}  // namespace

bool draws_partner_search(const Scenario& sc, const State& st, FirmId i) {
  const CooperationSpec& p = sc.cooperation;
  Rng rng(sc.seed, st.firms.id[i], static_cast<std::uint32_t>(st.step), Stream::partner_search);
  if (!rng.bernoulli(p.search_probability)) return false;
  return cooperation_degree(st, i) < p.max_ties;
}

void search_partners(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const CooperationSpec& p = sc.cooperation;
  const std::size_t n = f.size();
  if (n == 0 || st.cells.regions == 0) return;

  // Cooperation ties per firm (from the network built at the end of the last step).
  std::vector<std::uint16_t> degree(n, 0);
  std::vector<std::uint8_t> has_institute(n, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 512), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i)
      degree[i] = static_cast<std::uint16_t>(cooperation_degree(st, static_cast<FirmId>(i)));
  });
  std::vector<int> institute_room(st.regions.size(), 0);
  for (std::size_t r = 0; r < st.regions.size(); ++r)
    institute_room[r] = p.institute_capacity * st.regions[r].spec.research_institutes;
  for (const InstituteTie& t : st.institute_ties)
    if (t.alive) {
      has_institute[t.firm] = 1;
      --institute_room[t.region];
    }
  const std::vector<double> levels = institute_levels(sc, st);

  std::array<TieType, kTieTypeCount> types{};
  int type_count = 0;
  for (int k = 0; k < kTieTypeCount; ++k) {
    const TieType t = static_cast<TieType>(k);
    const TieRule& r = rule(t);
    if (r.searched && r.effect != TieEffect::institute && at(p.value, t) > 0 &&
        (!r.group || p.consortium_size >= 3))
      types[type_count++] = t;
  }

  std::vector<std::uint8_t> searched(n, 0);  // drew a partner search (pays its search cost)
  tbb::enumerable_thread_specific<Searched> found;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 64), [&](const auto& range) {
    Searched& out = found.local();
    for (std::size_t ii = range.begin(); ii != range.end(); ++ii) {
      const FirmId i = static_cast<FirmId>(ii);
      if (!f.alive[i]) continue;
      const RegionPolicy rp = policy_of(st, i);
      const double cover = std::clamp(rp.search_cost_cover, 0.0, 1.0);

      // University–industry ties.
      Rng irng(sc.seed, f.id[i], static_cast<std::uint32_t>(st.step), Stream::institute_search);
      const double level = f.region[i] < levels.size() ? levels[f.region[i]] : NAN;
      if (irng.bernoulli(p.search_probability) && !has_institute[i] && std::isfinite(level) &&
          f.absorptive[i] >= p.min_absorptive && at(p.value, TieType::university) > 0) {
        const CountrySpec& c = st.countries[f.country[i]].spec;
        PartnerScore s;
        s.value = at(p.value, TieType::university);
        s.capability = p.capability_weight *
                       (1.0 + std::clamp(level - f.log_productivity[i], 0.0, 1.0));
        s.trust = p.trust_weight * p.initial_trust;
        s.institutions = -p.institution_weight * (1 - c.institutional_quality);
        s.ip = -p.ip_weight * (1 - c.ip_strength);
        s.finance = -p.finance_weight * std::max(0.0, 1 - c.leverage_limit / p.finance_reference);
        s.cost = -p.cost_weight * (1 - cover) *
                 (at(p.contract_cost, TieType::university) + at(p.fee, TieType::university));
        if (s.total() > p.accept_score)
          out.institutes.push_back(
              {s.total(), i, static_cast<float>(p.initial_trust), partner_reason(s)});
      }

      // Firm partners: first the kind of agreement sought, drawn in proportion to the types'
      // values among those the firm may seek.
      Rng rng(sc.seed, f.id[i], static_cast<std::uint32_t>(st.step), Stream::partner_search);
      if (!rng.bernoulli(p.search_probability) || degree[i] >= p.max_ties || type_count == 0)
        continue;
      double weight_sum = 0;
      for (int k = 0; k < type_count; ++k)
        if (may_seek(sc, st, i, types[k])) weight_sum += at(p.value, types[k]);
      if (!(weight_sum > 0)) continue;
      TieType type = types[0];
      double pick = rng.uniform() * weight_sum;
      for (int k = 0; k < type_count; ++k) {
        if (!may_seek(sc, st, i, types[k])) continue;
        type = types[k];
        if ((pick -= at(p.value, types[k])) < 0) break;
      }
      f.coop_pending[i] += p.search_cost * std::max(0.0, f.revenue[i]);
      searched[i] = 1;
      std::array<FirmId, kMaxCandidates> cand;
      std::array<float, kMaxCandidates> trust;
      int nc = 0;
      const int draws = std::min(kMaxCandidates, p.candidates + brokered_of(st, i));
      for (int d = 0; d < draws; ++d) {
        FirmId j = kNoFirm;
        double t0 = p.initial_trust;
        if (d >= p.candidates) {
          j = local_candidate(st, i, rng);
          if (rp.brokered_trust > 0) t0 = rp.brokered_trust;
        } else {
          const double u = rng.uniform();
          if (u < p.local_candidates) {
            j = local_candidate(st, i, rng);
          } else if (u < p.local_candidates + p.referral_candidates) {
            j = referral_candidate(st, i, rng);
            t0 = p.referral_trust;
          }
          if (j == kNoFirm) j = random_candidate(st, i, rng), t0 = p.initial_trust;
        }
        if (j == kNoFirm || j == i || j >= n || !f.alive[j] || degree[j] >= p.max_ties) continue;
        bool seen = false;
        for (int k = 0; k < nc && !seen; ++k) seen = cand[k] == j;
        if (seen || tied(st, i, j)) continue;
        cand[nc] = j;
        trust[nc] = static_cast<float>(t0);
        ++nc;
      }

      Option best;
      std::array<Option, kMaxCandidates> ok;  // acceptable options, one per candidate at most
      int n_ok = 0;
      for (int c = 0; c < nc; ++c) {
        const FirmId j = cand[c];
        {
          for (int o = 0; o < (rule(type).two_way ? 1 : 2); ++o) {
            FirmId s = o == 0 ? i : j, g = o == 0 ? j : i;
            if (rule(type).effect == TieEffect::joint_venture && north_south(st, s, g) &&
                !st.countries[f.country[s]].spec.developed)
              std::swap(s, g);
            if (!tie_eligible(sc, st, s, g, type)) continue;
            const PartnerScore mine = partner_score(sc, st, s, g, type, i, trust[c], cover);
            if (mine.total() <= p.accept_score) continue;
            const PartnerScore theirs =
                partner_score(sc, st, s, g, type, j, trust[c], std::clamp(
                    policy_of(st, j).search_cost_cover, 0.0, 1.0));
            if (theirs.total() <= p.accept_score) continue;
            Option opt{s, g, j, type, mine.total(), mine.total() + theirs.total(), trust[c],
                       partner_reason(mine)};
            if (opt.own > best.own) best = opt;
            if (n_ok == 0 || ok[n_ok - 1].partner != j) ok[n_ok++] = opt;
          }
        }
      }
      if (best.partner == kNoFirm) continue;

      if (rule(type).group) {
        // A consortium: the searcher and its best acceptable candidates (at least two).
        if (n_ok < 2) continue;
        std::sort(ok.begin(), ok.begin() + n_ok, [&f](const Option& a, const Option& b) {
          return a.own != b.own ? a.own > b.own : f.id[a.partner] < f.id[b.partner];
        });
        GroupProposal g;
        g.member[g.members++] = i;
        double score = 0;
        for (int k = 0; k < n_ok && g.members < std::min(kMaxMembers, p.consortium_size); ++k) {
          g.member[g.members++] = ok[k].partner;
          score += ok[k].both;
        }
        g.score = score / (g.members - 1);
        g.reason = ok[0].reason;
        std::sort(g.member.begin(), g.member.begin() + g.members,
                  [&f](FirmId a, FirmId b) { return f.id[a] < f.id[b]; });
        out.groups.push_back(g);
        continue;
      }

      TieProposal prop;
      prop.source = best.source;
      prop.target = best.target;
      prop.type = best.type;
      prop.score = best.both;
      prop.share = best.type == TieType::joint_venture && north_south(st, best.source, best.target)
                       ? p.local_content_initial
                       : 0.0;
      prop.contract_steps = static_cast<std::int32_t>(std::lround(at(p.contract_steps, best.type)));
      prop.reason = best.reason;
      prop.trust = best.trust;
      out.pairs.push_back(prop);
    }
  });

  // The brokerage's share of search costs, serially in id order while its money lasts (only
  // where a programme covers search costs: without one nothing is paid).
  bool covered = false;
  for (const RegionPolicy& rp : st.region_policy) covered = covered || rp.search_cost_cover > 0;
  for (const FirmId id : covered ? places_by_id(f) : std::vector<FirmId>{}) {
    const std::size_t i = id;
    if (!searched[i]) continue;
    const double cover = std::clamp(policy_of(st, id).search_cost_cover, 0.0, 1.0);
    f.coop_pending[i] -= pay_cover(st, id, cover * p.search_cost * std::max(0.0, f.revenue[i]));
  }

  std::vector<GroupProposal> groups;
  std::vector<InstituteProposal> institutes;
  st.proposals.clear();
  for (Searched& s : found) {
    st.proposals.insert(st.proposals.end(), s.pairs.begin(), s.pairs.end());
    groups.insert(groups.end(), s.groups.begin(), s.groups.end());
    institutes.insert(institutes.end(), s.institutes.begin(), s.institutes.end());
  }
  // Equal scores are ordered by the firms' ids, not their places (which renumbering changes).
  sort_proposals(st.proposals, f.id);
  const auto by_id = [&f](FirmId a, FirmId b) { return f.id[a] < f.id[b]; };
  std::sort(groups.begin(), groups.end(), [&](const GroupProposal& a, const GroupProposal& b) {
    if (a.score != b.score) return a.score > b.score;
    if (!std::equal(a.member.begin(), a.member.begin() + a.members, b.member.begin(),
                    b.member.begin() + b.members))
      return std::lexicographical_compare(a.member.begin(), a.member.begin() + a.members,
                                          b.member.begin(), b.member.begin() + b.members, by_id);
    return std::string_view(a.reason) < std::string_view(b.reason);  // a total order
  });
  std::sort(institutes.begin(), institutes.end(),
            [&](const InstituteProposal& a, const InstituteProposal& b) {
              return a.score != b.score ? a.score > b.score : by_id(a.firm, b.firm);
            });

  // Commit: pairs, then consortia, then university ties.
  std::vector<std::uint16_t> fresh(n, 0);
  std::set<std::pair<FirmId, FirmId>> formed_pairs;
  const auto key = [](FirmId a, FirmId b) { return std::make_pair(std::min(a, b), std::max(a, b)); };
  const auto room = [&](FirmId i, int more) {
    return f.alive[i] && degree[i] + more <= p.max_ties && fresh[i] + 1 <= p.max_new_ties;
  };
  const auto charge = [&](FirmId i, TieType type) {
    const double cover = std::clamp(policy_of(st, i).search_cost_cover, 0.0, 1.0);
    const double cost = at(p.contract_cost, type) * std::max(0.0, f.revenue[i]);
    f.coop_pending[i] += cost - pay_cover(st, i, cover * cost);
  };
  const auto accept = [&](const TieProposal& q) {
    return room(q.source, 1) && room(q.target, 1) && !formed_pairs.count(key(q.source, q.target));
  };
  const auto formed = [&](const TieProposal& q, std::uint32_t) {
    for (FirmId i : {q.source, q.target}) ++degree[i], ++fresh[i], charge(i, q.type);
    formed_pairs.insert(key(q.source, q.target));
  };
  commit_proposals(st, accept, formed);

  for (const GroupProposal& g : groups) {
    bool ok = true;
    for (int a = 0; a < g.members && ok; ++a) ok = room(g.member[a], g.members - 1);
    for (int a = 0; a < g.members && ok; ++a)
      for (int b = a + 1; b < g.members && ok; ++b)
        ok = !formed_pairs.count(key(g.member[a], g.member[b])) &&
             !tied(st, g.member[a], g.member[b]);
    if (!ok) continue;
    const std::int32_t group = st.next_group++;
    TieProposal q;
    q.type = TieType::consortium;
    q.contract_steps =
        static_cast<std::int32_t>(std::lround(at(p.contract_steps, TieType::consortium)));
    q.trust = static_cast<float>(p.initial_trust);
    q.reason = g.reason;
    for (int a = 0; a < g.members; ++a)
      for (int b = a + 1; b < g.members; ++b) {
        q.source = g.member[a];
        q.target = g.member[b];
        const std::uint32_t tie = form_tie(st, q);
        st.ties[tie].group = group;
        formed_pairs.insert(key(q.source, q.target));
      }
    for (int a = 0; a < g.members; ++a) {
      degree[g.member[a]] += static_cast<std::uint16_t>(g.members - 1);
      ++fresh[g.member[a]];
      charge(g.member[a], TieType::consortium);
    }
  }

  const auto contract =
      static_cast<std::int32_t>(std::lround(at(p.contract_steps, TieType::university)));
  for (const InstituteProposal& q : institutes) {
    const std::uint16_t r = f.region[q.firm];
    if (!f.alive[q.firm] || institute_room[r] <= 0) continue;
    --institute_room[r];
    InstituteTie t;
    t.firm = q.firm;
    t.region = r;
    t.start_step = st.step;
    t.end_step = contract > 0 ? st.step + contract : st.step;
    t.trust = q.trust;
    st.institute_ties.push_back(t);
    st.events.push_back({st.step, kNoFirm, q.firm, TieType::university, true, q.reason});
    ++st.tally.ties_formed;
    charge(q.firm, TieType::university);
  }
}

}  // namespace firmsim
