// Trust on cooperation ties and the end of university ties. See cooperation.hpp.
//
// Each alive tie of a partner-search type that carries no orders (supply flows are updated by
// update_supply_trust) is decided by its target: an opportunistic act happens with probability
// p0 (1 - institutional quality of the weaker country), for R&D ties p0 (1 - the weaker of
// institutional quality and IP strength); then T -= alpha' T, else T += alpha (1 - T) when both
// firms made a profit this step. University ties follow the same rule with the firm's country
// (the institute always gains from a paying partner), then end at contract end without renewal
// or on low trust, like the ties of dissolution.cpp.
#include <algorithm>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/supply_chain.hpp"
#include "firmsim/rng.hpp"
#include "ties/cooperation.hpp"
#include "ties/tie_table.hpp"
#include "ties/trust.hpp"

namespace firmsim {

namespace {

/// Entity of a firm's university-tie draws, apart from its firm-tie draws in the same stream.
constexpr std::uint64_t kInstituteEntity = std::uint64_t{1} << 32;

double guard(const State& st, FirmId a, FirmId b, bool rd) {
  const CountrySpec& x = st.countries[st.firms.country[a]].spec;
  const CountrySpec& y = st.countries[st.firms.country[b]].spec;
  double q = std::min(x.institutional_quality, y.institutional_quality);
  if (rd) q = std::min({q, x.ip_strength, y.ip_strength});
  return q;
}

}  // namespace

void update_cooperation_trust(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const Network& net = st.network;
  const TrustSpec& p = sc.trust;
  if (!net.incident_offsets.empty()) {
    const std::size_t n = std::min(f.size(), net.incident_offsets.size() - 1);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 256), [&](const auto& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        if (!f.alive[i]) continue;
        Rng rng(sc.seed, f.id[i], static_cast<std::uint32_t>(st.step), Stream::cooperation_trust);
        for (std::uint32_t k = net.incident_offsets[i]; k < net.incident_offsets[i + 1]; ++k) {
          const std::uint8_t kind = net.incident_kinds[k];
          if (!incident_kind::is_target(kind) || !rule(incident_kind::type(kind)).searched)
            continue;
          Tie& t = st.ties[net.incident_ties[k]];
          if (!t.alive || t.target != i || !rule(t.type).searched || is_supply_flow(f, t) ||
              !f.alive[t.source])
            continue;
          const double q = guard(st, t.source, t.target, rule(t.type).rd);
          const bool breach = rng.uniform() < opportunism_probability(p, q);
          const bool gained = f.profit[t.source] >= 0 && f.profit[t.target] >= 0;
          t.trust = updated_trust(p, t.trust, gained, breach);
        }
      }
    });
  }

  for (std::size_t k = 0; k < st.institute_ties.size(); ++k) {
    InstituteTie& t = st.institute_ties[k];
    if (!t.alive || !f.alive[t.firm]) continue;
    Rng rng(sc.seed, kInstituteEntity | f.id[t.firm], static_cast<std::uint32_t>(st.step),
            Stream::cooperation_trust);
    const double q = guard(st, t.firm, t.firm, true);
    const bool breach = rng.uniform() < opportunism_probability(p, q);
    t.trust = updated_trust(p, t.trust, f.profit[t.firm] >= 0, breach);
    const char* reason = nullptr;
    if (t.trust < p.low_trust) {
      reason = "low_trust";
    } else if (t.end_step > t.start_step && st.step >= t.end_step) {
      if (t.trust >= p.renewal_trust)
        t.end_step = st.step + p.renewal_steps;
      else
        reason = "contract_end";
    }
    if (!reason) continue;
    t.alive = 0;
    t.end_step = st.step;
    st.events.push_back({st.step, kNoFirm, t.firm, TieType::university, false, reason});
    ++st.tally.ties_ended;
  }
}

void end_institute_ties_of_dead_firms(State& st) {
  for (InstituteTie& t : st.institute_ties) {
    if (!t.alive || st.firms.alive[t.firm]) continue;
    t.alive = 0;
    t.end_step = st.step;
    st.events.push_back({st.step, kNoFirm, t.firm, TieType::university, false, "partner_exit"});
    ++st.tally.ties_ended;
  }
}

}  // namespace firmsim
