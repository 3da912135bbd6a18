// Policy and shocks (MODEL.md sections 2.1 and 5): the first phase of a step.
//
// 1. Last step's technology-grant payments (Firms::fees_covered, written by fee payment in
//    sim/ties/) are booked to the programme that covered each firm, and the search and contract
//    costs a brokerage covered (PolicyState::cover_paid, written by partner search) to the
//    brokerage of the firm's region (RegionPolicy::broker). Both count against this step's
//    budget of the programme.
// 2. The per-step effects are reset: Firms::subsidy, rd_grant, fee_cover, leverage_bonus,
//    spread_cut, export_cost_cut, PolicyState::brokered and State::region_policy.
// 3. Every shock of policy.shocks acts (at its start, and at its end if it has a duration).
// 4. Every intervention active this step (start <= step, and step < sunset when a sunset is
//    given) applies its effect within its budget.
// Each programme's spending of the step is recorded (ProgrammeState::spend) and summed into
// StepTally::policy_spend; what was paid to firms (Firms::subsidy, income in accounting) also
// into StepTally::subsidies, which the invariant check compares with the firms' subsidies.
// The phase runs serially in list order; its draws come from Stream::policy and Stream::shock
// keyed by programme or shock, so a policy arm moves no other draw (common random numbers).
#include <algorithm>

#include "phases/phases.hpp"
#include "policy/registry.hpp"
#include "policy/targeting.hpp"

namespace firmsim::phases {

namespace {

/// Sizes the per-firm arrays of PolicyState to the firm slots. A scenario without interventions
/// leaves them empty (22 bytes per firm slot, ~28 MB at 10^6 firms): without a programme they
/// would hold their initial values for the whole run (no fee programme, no brokered contacts,
/// nothing covered), and their readers take a missing entry for that value.
void size_policy_arrays(const Scenario& sc, State& st) {
  if (sc.policy.interventions.empty()) return;
  const std::size_t n = st.firms.size();
  PolicyState& p = st.policy;
  p.fee_programme.resize(n, -1);
  p.fee_last.resize(n, 0.0);
  p.brokered.resize(n, 0);
  p.cover_paid.resize(n, 0.0);
  for (ProgrammeState& s : p.programmes) {
    s.funded_step.resize(n, -1);
    s.clock_step.resize(n, -1);
    s.dropped.resize(n, 0);
  }
}

void book_fees(State& st) {
  Firms& f = st.firms;
  PolicyState& p = st.policy;
  const std::size_t sized = std::min(f.size(), p.fee_programme.size());  // see size_policy_arrays
  for (std::size_t i = 0; i < sized; ++i) {
    const std::int32_t k = p.fee_programme[i];
    p.fee_last[i] = k >= 0 ? f.fees_covered[i] : 0.0;
    if (k >= 0 && static_cast<std::size_t>(k) < p.programmes.size()) {
      p.programmes[k].spend.back() += f.fees_covered[i];
      p.programmes[k].spent += f.fees_covered[i];
    }
    p.fee_programme[i] = -1;
  }
  std::fill(f.fees_covered.begin(), f.fees_covered.end(), 0.0);
}

void book_brokerage_cover(State& st) {
  const Firms& f = st.firms;
  PolicyState& p = st.policy;
  for (std::size_t i = 0; i < std::min(f.size(), p.cover_paid.size()); ++i) {
    const double paid = p.cover_paid[i];
    p.cover_paid[i] = 0;
    if (!(paid > 0) || f.region[i] >= st.region_policy.size()) continue;
    const std::int32_t k = st.region_policy[f.region[i]].broker;
    if (k >= 0 && static_cast<std::size_t>(k) < p.programmes.size()) {
      p.programmes[k].spend.back() += paid;
      p.programmes[k].spent += paid;
    }
  }
}

void reset_effects(State& st) {
  Firms& f = st.firms;
  for (auto* v : {&f.subsidy, &f.rd_grant, &f.fee_cover, &f.leverage_bonus, &f.spread_cut,
                  &f.export_cost_cut})
    std::fill(v->begin(), v->end(), 0.0);
  std::fill(st.policy.brokered.begin(), st.policy.brokered.end(), 0);
  st.region_policy.assign(st.regions.size(), RegionPolicy{});
}

bool active(const InterventionSpec& spec, int step) {
  return step >= spec.start && (spec.sunset <= 0 || step < spec.sunset);
}

}  // namespace

void policy(const Scenario& sc, State& st) {
  const PolicySpec& p = sc.policy;
  PolicyState& ps = st.policy;
  ps.programmes.resize(p.interventions.size());
  ps.shocks.resize(p.shocks.size());
  for (ProgrammeState& s : ps.programmes) s.spend.push_back(0.0), s.supported.push_back(0);
  size_policy_arrays(sc, st);
  ps.cover_left.assign(p.interventions.size(), 0.0);
  book_fees(st);
  book_brokerage_cover(st);
  reset_effects(st);

  for (std::size_t k = 0; k < p.shocks.size(); ++k)
    if (const policy::ShockType* type = policy::find_shock(p.shocks[k].type))
      type->apply(sc, st, p.shocks[k], k, ps.shocks[k]);

  for (std::size_t k = 0; k < p.interventions.size(); ++k) {
    const InterventionSpec& spec = p.interventions[k];
    const policy::InterventionType* type = policy::find_intervention(spec.type);
    if (type == nullptr || !active(spec, st.step)) continue;
    size_policy_arrays(sc, st);  // an earlier programme may have brought a firm in
    ProgrammeState& s = ps.programmes[k];
    policy::Budget budget(spec, s.spent, s.spend.back());
    policy::Programme programme{spec, k, s, budget};
    type->apply(sc, st, programme);
    s.spend.back() += budget.spent();
    s.spent += budget.spent();
  }

  for (const ProgrammeState& s : ps.programmes) st.tally.policy_spend += s.spend.back();
  const Firms& f = st.firms;
  for (std::size_t i = 0; i < f.size(); ++i) st.tally.subsidies += f.subsidy[i];
}

}  // namespace firmsim::phases
