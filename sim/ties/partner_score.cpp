// Partner scores. See partner_score.hpp and docs/ODD.md ("Cooperation ties").
//
// For `self` with partner `other` and tie type t (weights from CooperationSpec):
//   value       = value[t]
//   complement. = w_c g(d)/g(d*)            knowledge-moving types, d = cognitive distance
//   capability  = w_a (absorptive_other + clamp(log A_other - log A_self, 0, 1))
//   trust       = w_t T0
//   distance    = -w_d km / 1000
//   institutions= -w_i (1 - institutional quality of the weaker country)
//   ip          = -w_ip (1 - IP strength of the weaker country)            R&D ties
//   finance     = -w_f max(0, 1 - leverage_limit_self / finance_reference)
//   capacity    = w_cap clamp(1 - demand/capacity of other, 0, 1)        production ties
//   income      = w_cost fee[t] min(1, revenue_payer / revenue_self)    fee receivers;
//                 North–South joint venture, northern side: 2 jv_scope (1 - w_south / w_north)
//   cost        = -w_cost ((1 - cover) contract_cost[t] + fee[t] (1 - fee_cover) if self pays)
#include "ties/partner_score.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/cost_model.hpp"
#include "phases/learning.hpp"

namespace firmsim {

namespace {

constexpr int kTerms = 11;
constexpr const char* kTermNames[kTerms] = {
    "value",        "complementarity", "capability", "trust",    "distance", "institutions",
    "ip",           "finance",         "capacity",   "income",   "cost"};

std::array<double, kTerms> terms(const PartnerScore& s) {
  return {s.value, s.complementarity, s.capability, s.trust,  s.distance, s.institutions,
          s.ip,    s.finance,         s.capacity,   s.income, s.cost};
}

double at(const std::vector<double>& v, TieType t) {
  const auto k = static_cast<std::size_t>(t);
  return k < v.size() ? v[k] : 0.0;
}

bool pays_fee(TieEffect e, bool is_target) {
  switch (e) {
    case TieEffect::royalty:
    case TieEffect::control:
    case TieEffect::franchise:
      return is_target;
    case TieEffect::cross_royalty:
      return true;
    default:
      return false;
  }
}

bool receives_fee(TieEffect e, bool is_target) {
  return e == TieEffect::cross_royalty || (pays_fee(e, true) && !is_target);
}

}  // namespace

bool north_south(const State& st, FirmId a, FirmId b) {
  const Firms& f = st.firms;
  return st.countries[f.country[a]].spec.developed != st.countries[f.country[b]].spec.developed;
}

bool tie_eligible(const Scenario& sc, const State& st, FirmId s, FirmId g, TieType type) {
  const Firms& f = st.firms;
  const TieRule& r = rule(type);
  if (!r.searched || r.effect == TieEffect::institute || s == g || !f.alive[s] || !f.alive[g])
    return false;
  const int final_stage = std::max(1, sc.world.stages) - 1;
  if (r.stage == TieStage::same && f.stage[s] != f.stage[g]) return false;
  if (r.stage == TieStage::adjacent && f.stage[s] + 1 != f.stage[g]) return false;
  if (r.final_stage && (f.stage[s] != final_stage || f.stage[g] != final_stage)) return false;
  const double min_abs = sc.cooperation.min_absorptive;
  if (r.rd) {
    if (f.absorptive[g] < min_abs) return false;  // the receiver must absorb
    if (r.two_way && f.absorptive[s] < min_abs) return false;
  }
  switch (r.effect) {
    case TieEffect::royalty:
      return f.log_productivity[s] > f.log_productivity[g];
    case TieEffect::franchise:
      return f.brand[s] > f.brand[g] && f.log_productivity[s] > f.log_productivity[g];
    case TieEffect::control:
      return f.net_worth[g] > 0 &&
             f.net_worth[s] >= sc.cooperation.acquisition_size_ratio * f.net_worth[g] &&
             f.log_productivity[s] > f.log_productivity[g];
    case TieEffect::joint_venture:
      // North–South ventures are oriented North (source) to South (target).
      return !north_south(st, s, g) || st.countries[f.country[s]].spec.developed;
    default:
      return true;
  }
}

PartnerScore partner_score(const Scenario& sc, const State& st, FirmId s, FirmId g,
                           TieType type, FirmId self, double trust, double cover) {
  const Firms& f = st.firms;
  const CooperationSpec& p = sc.cooperation;
  const TieRule& r = rule(type);
  const FirmId other = self == s ? g : s;
  const bool is_target = self == g;
  const CountrySpec& cs = st.countries[f.country[self]].spec;
  const CountrySpec& co = st.countries[f.country[other]].spec;
  PartnerScore out;
  out.value = at(p.value, type);
  const int fields = st.knowledge_fields;
  if (r.moves_knowledge && fields > 0) {
    const double d = learning::cognitive_distance(
        f.knowledge.data() + static_cast<std::size_t>(self) * fields,
        f.knowledge.data() + static_cast<std::size_t>(other) * fields, fields);
    out.complementarity = p.complementarity_weight *
                          learning::learning_value(d, sc.innovation.optimal_cognitive_distance);
  }
  out.capability =
      p.capability_weight *
      (f.absorptive[other] +
       std::clamp(f.log_productivity[other] - f.log_productivity[self], 0.0, 1.0));
  out.trust = p.trust_weight * trust;
  out.distance = -p.distance_weight * region_km(st, f.region[self], f.region[other]) / 1000.0;
  out.institutions =
      -p.institution_weight * (1 - std::min(cs.institutional_quality, co.institutional_quality));
  if (r.rd) out.ip = -p.ip_weight * (1 - std::min(cs.ip_strength, co.ip_strength));
  out.finance = -p.finance_weight * std::max(0.0, 1 - cs.leverage_limit / p.finance_reference);
  if (r.domain == TieDomain::production && f.capacity[other] > 0)
    out.capacity =
        p.capacity_weight * std::clamp(1 - f.demand[other] / f.capacity[other], 0.0, 1.0);
  const double fee = at(p.fee, type);
  if (receives_fee(r.effect, is_target) && fee > 0) {
    const double own = std::max(f.revenue[self], 1e-9);
    out.income += p.cost_weight * fee * std::min(1.0, std::max(0.0, f.revenue[other]) / own);
  }
  if (r.effect == TieEffect::joint_venture && north_south(st, s, g) && cs.developed &&
      cs.wage > 0)
    out.income += 2 * p.jv_scope * std::max(0.0, 1 - co.wage / cs.wage);
  // A technology grant (Firms::fee_cover) pays part of licensing and franchising fees.
  const double fee_share =
      r.effect == TieEffect::control ? 1.0 : 1.0 - std::clamp(f.fee_cover[self], 0.0, 1.0);
  out.cost = -p.cost_weight * ((1 - cover) * at(p.contract_cost, type) +
                               (pays_fee(r.effect, is_target) ? fee * fee_share : 0.0));
  return out;
}

const char* partner_reason(const PartnerScore& s) {
  static const std::array<std::string, kTerms * kTerms> names = [] {
    std::array<std::string, kTerms * kTerms> out;
    for (int a = 0; a < kTerms; ++a)
      for (int b = 0; b < kTerms; ++b)
        out[a * kTerms + b] =
            a == b ? kTermNames[a] : std::string(kTermNames[a]) + "+" + kTermNames[b];
    return out;
  }();
  const auto v = terms(s);
  // The type's base value is the same for every pair: reasons name what differs.
  int first = 1, second = -1;
  for (int k = 2; k < kTerms; ++k)
    if (v[k] > v[first]) first = k;
  for (int k = 1; k < kTerms; ++k)
    if (k != first && v[k] > 0 && (second < 0 || v[k] > v[second])) second = k;
  return names[first * kTerms + (second < 0 ? first : second)].c_str();
}

}  // namespace firmsim
