#pragma once
// The value of a cooperation tie to one of its two firms (MODEL.md 2.7): expected benefit
// (complementarity, capability, trust, proximity, institutions, IP protection, finance, capacity)
// less search, contract and fee costs. Both firms score a tie; it forms only when both gain.
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// The terms of a tie's score for one side, each in score units.
struct PartnerScore {
  double value = 0;            ///< the tie type's base value (cooperation.value)
  double complementarity = 0;  ///< g(d)/g(d*) of the knowledge profiles (learning ties)
  double capability = 0;       ///< the partner's absorptive capacity and productivity lead
  double trust = 0;            ///< initial trust
  double distance = 0;         ///< minus km / 1000 times the weight
  double institutions = 0;     ///< minus expected loss to opportunism (weak enforcement)
  double ip = 0;               ///< minus the risk of weak IP protection (R&D ties)
  double finance = 0;          ///< minus the difficulty of funding the contribution
  double capacity = 0;         ///< the partner's spare capacity (production ties)
  double income = 0;           ///< fees received, lower costs, market access
  double cost = 0;             ///< minus contract and fee costs (net of programme cover)

  double total() const {
    return value + complementarity + capability + trust + distance + institutions + ip +
           finance + capacity + income + cost;
  }
};

/// Whether `type` may join `source` and `target` in this order (stages, final markets,
/// absorptive capacity for R&D ties, who licenses, franchises or acquires whom). Partner-search
/// types only; `university` is not a pairwise tie.
bool tie_eligible(const Scenario& sc, const State& st, FirmId source, FirmId target,
                  TieType type);

/// The score of a `type` tie between source and target for `self` (one of the two), at initial
/// trust `trust`, with `cover` the share of its costs a programme pays.
PartnerScore partner_score(const Scenario& sc, const State& st, FirmId source, FirmId target,
                           TieType type, FirmId self, double trust, double cover);

/// The two largest positive terms of `s`, as a static string such as
/// "complementarity+capability" (events.csv reasons).
const char* partner_reason(const PartnerScore& s);

/// Whether the tie joins a firm of a developed and a firm of a developing country.
bool north_south(const State& st, FirmId a, FirmId b);

}  // namespace firmsim
