// Money along cooperation ties, each step in the costs phase (accounting books it). See
// cooperation.hpp and docs/ODD.md ("Cooperation ties").
// Revenue R = price * output of this step. On each alive tie between alive firms:
// - royalty, control, franchise: the target pays fee[type] R_target to the source; for
//   licensing and franchising fees (not an owner's share) a technology grant
//   (Firms::fee_cover, set by the policy phase) pays fee_cover of it (money from outside);
// - cross-licensing: each pays fee[type] of its own revenue to the other;
// - North–South joint venture: the northern partner moves M = L jv_scope of its wage bill to
//   the southern partner (L the local content): its wage bill falls by M, it pays the southern
//   partner M w_south / w_north for the work, which the southern partner pays its own workers;
//   the labour part of the northern unit cost falls by the share (M - payment) / wage bill;
// - university: the firm pays fee[university] R to the institute (money leaving the firms).
// The contract and search costs of the last ties phase (Firms::coop_pending) are paid to
// outside providers. Tie::flow_money adds what the target paid the source (negative: the
// source paid). Ties are walked serially in table order, so sums do not depend on threads.
#include <algorithm>

#include "core/cost_model.hpp"
#include "ties/cooperation.hpp"
#include "ties/partner_score.hpp"

namespace firmsim {

namespace {

double at(const std::vector<double>& v, TieType t) {
  const auto k = static_cast<std::size_t>(t);
  return k < v.size() ? v[k] : 0.0;
}

}  // namespace

void settle_cooperation(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const CooperationSpec& p = sc.cooperation;
  const std::size_t n = f.size();
  double in = 0, out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    f.coop_received[i] = 0;
    f.fees_covered[i] = 0;
    f.coop_paid[i] = f.alive[i] ? f.coop_pending[i] : 0.0;
    out += f.coop_paid[i];
    f.coop_pending[i] = 0;
  }
  const auto revenue = [&](FirmId i) { return std::max(0.0, f.price[i] * f.output[i]); };
  // `payer` pays `amount` to `payee`; for technology fees a grant covers fee_cover of it.
  const auto pay_fee = [&](FirmId payer, FirmId payee, double amount, bool technology) {
    const double grant =
        technology ? std::clamp(f.fee_cover[payer], 0.0, 1.0) * amount : 0.0;
    f.coop_paid[payer] += amount - grant;
    f.fees_covered[payer] += grant;
    f.coop_received[payee] += amount;
    in += grant;
  };

  for (Tie& t : st.ties) {
    if (!t.alive || !f.alive[t.source] || !f.alive[t.target]) continue;
    const double fee = at(p.fee, t.type);
    switch (rule(t.type).effect) {
      case TieEffect::royalty:
      case TieEffect::control:
      case TieEffect::franchise: {
        const double amount = fee * revenue(t.target);
        pay_fee(t.target, t.source, amount, rule(t.type).effect != TieEffect::control);
        t.flow_money += amount;
        break;
      }
      case TieEffect::cross_royalty: {
        const double to_source = fee * revenue(t.target), to_target = fee * revenue(t.source);
        pay_fee(t.target, t.source, to_source, true);
        pay_fee(t.source, t.target, to_target, true);
        t.flow_money += to_source - to_target;
        break;
      }
      case TieEffect::joint_venture: {
        if (!north_south(st, t.source, t.target)) break;
        const bool north_is_source = st.countries[f.country[t.source]].spec.developed;
        const FirmId north = north_is_source ? t.source : t.target;
        const FirmId south = north_is_source ? t.target : t.source;
        const double w_north = st.countries[f.country[north]].spec.wage;
        const double w_south = st.countries[f.country[south]].spec.wage;
        if (!(w_north > 0) || !(w_south < w_north)) break;
        const double moved = std::clamp(t.share * p.jv_scope, 0.0, 1.0) * f.labour_cost[north];
        const double payment = moved * w_south / w_north;
        f.labour_cost[north] -= moved;
        f.coop_paid[north] += payment;
        f.coop_received[south] += payment;
        f.labour_cost[south] += payment;
        // The labour part of the northern unit cost falls by the share of the wage bill saved;
        // per unit of labour, not per unit of output, so it stays finite and positive when
        // output is near zero (a slump).
        if (f.output[north] > 0 && f.labour_cost[north] + moved > 0) {
          const double saved = (moved - payment) / (f.labour_cost[north] + moved);
          const double labour_unit = unit_labour_cost(
              sc.costs, w_north, f.log_productivity[north], f.agglomeration[north],
              st.regions[f.region[north]].spec.infrastructure);
          f.unit_cost[north] -= std::clamp(saved, 0.0, 1.0) * std::min(labour_unit, f.unit_cost[north]);
        }
        t.flow_money += north_is_source ? -payment : payment;
        t.flow_goods += std::clamp(t.share * p.jv_scope, 0.0, 1.0) * f.output[north];
        break;
      }
      default:
        break;
    }
  }

  const double fee = at(p.fee, TieType::university);
  for (InstituteTie& t : st.institute_ties) {
    if (!t.alive || !f.alive[t.firm]) continue;
    const double amount = fee * revenue(t.firm);
    f.coop_paid[t.firm] += amount;
    t.flow_money += amount;
    out += amount;
  }
  st.tally.coop_money_in += in;
  st.tally.coop_money_out += out;
}

}  // namespace firmsim
