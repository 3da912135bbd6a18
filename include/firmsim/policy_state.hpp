#pragma once
/// What the policy phase remembers between steps: one ProgrammeState per intervention and one
/// ShockState per shock of the scenario (same order), plain data owned by State.
#include <cstdint>
#include <vector>

namespace firmsim {

struct ProgrammeState {
  /// Per firm (rd_subsidy): last step it was funded, -1 never.
  std::vector<std::int32_t> funded_step;
  /// Per firm (rd_subsidy): step the performance clock last restarted (its first funding or
  /// its last innovation since), -1 never funded.
  std::vector<std::int32_t> clock_step;
  /// Per firm (rd_subsidy): cut off by the performance criterion, for good.
  std::vector<std::uint8_t> dropped;
  std::vector<double> spend;               ///< money spent, one entry per step run
  std::vector<std::uint32_t> supported;    ///< firms (or regions, countries) served per step
  double spent = 0;                        ///< money spent so far
  bool started = false;                    ///< one-off effects of the start are done
  /// multinational_buyer: the id (Firms::id, not the place) of the firm it brought in.
  std::int64_t firm = -1;
};

struct ShockState {
  bool hit = false;     ///< the shock has struck
  bool lifted = false;  ///< a shock with a duration has been lifted
  /// trade_barrier: access cost actually added per country (to take off when lifted).
  std::vector<double> applied;
  std::vector<std::uint32_t> failed;  ///< firm_failure: the ids (Firms::id) of the failed firms
};

struct PolicyState {
  std::vector<ProgrammeState> programmes;
  std::vector<ShockState> shocks;
  /// Per firm: the technology_grant programme whose fee_cover it had last step (-1 none):
  /// Firms::fees_covered is booked to that programme at the next policy phase.
  std::vector<std::int32_t> fee_programme;
  /// Per firm: Firms::fees_covered of last step (what serving it is expected to cost).
  std::vector<double> fee_last;
  /// Per firm: brokered contacts a brokerage commissioned (and paid) for this step's partner
  /// search; partner search draws them as extra local candidates.
  std::vector<std::uint16_t> brokered;
  /// Per firm: search and contract costs a brokerage paid in this step's partner search
  /// (RegionPolicy::search_cost_cover), booked to RegionPolicy::broker at the next policy phase.
  std::vector<double> cover_paid;
  /// Per intervention: what a brokerage may still pay this step for search and contract costs
  /// (its budget left after its contacts); partner search covers costs while it lasts.
  std::vector<double> cover_left;
};

}  // namespace firmsim
