#pragma once
// What every intervention shares: its budget, its target (countries, regions, stages, size
// classes) and the selection rule that orders the firms it serves (merit or connections).
#include <cstdint>
#include <vector>

#include "policy/registry.hpp"

namespace firmsim::policy {

/// What a programme may spend this step: the per-step budget less what was already booked this
/// step (last step's fees and cost cover), and what is left of the total (a limit of 0 means
/// none).
class Budget {
 public:
  Budget(const InterventionSpec& spec, double spent_so_far, double booked_this_step = 0);
  /// Spends `cost` if it fits both limits; false (and nothing spent) otherwise.
  bool take(double cost);
  double spent() const { return spent_; }
  /// What may still be spent this step (infinity when neither limit is set).
  double left() const;

 private:
  double step_limit_, total_left_, spent_ = 0;
  bool step_limited_, total_limited_;
};

/// Whether firm `i` (alive) lies in the intervention's target.
bool in_target(const InterventionSpec& spec, const State& st, FirmId i);

/// Alive firms in the target, best first by the selection rule: `merit` by log productivity
/// (highest first), `connections` by alive ties (most first), then employees; ties by id.
/// `max_firms` (when > 0) cuts the list.
std::vector<FirmId> ranked_firms(const InterventionSpec& spec, const State& st);

/// Target regions (those listed, or all, restricted to the target countries), ascending.
std::vector<int> target_regions(const InterventionSpec& spec, const State& st);
/// Target countries (those listed, or all), ascending.
std::vector<int> target_countries(const InterventionSpec& spec, const State& st);

/// Checks of the target lists against the world: indices that exist, whole numbers.
void validate_target(const Scenario& sc, const InterventionSpec& spec, Problems& problems);

}  // namespace firmsim::policy
