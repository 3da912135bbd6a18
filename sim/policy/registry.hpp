#pragma once
// The registries of interventions and shocks (MODEL.md section 5): one row each, with its name,
// its validation (cross-field checks the scenario reader reports with JSON paths) and its
// effect. Adding an intervention or a shock is one file under sim/policy/ and one row in
// registry.cpp; the policy phase (sim/phases/policy.cpp) only walks these tables.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim::policy {

/// A mistake in one item: `field` is relative to the item ("regions/0", "share"; "" the item).
struct Problem {
  std::string field;
  std::string message;
};
using Problems = std::vector<Problem>;

/// What an active intervention works with in one step. `budget` says what it may still spend.
class Budget;
struct Programme {
  const InterventionSpec& spec;
  std::size_t index;  ///< position in policy.interventions
  ProgrammeState& state;
  Budget& budget;
};

using InterventionValidateFn = void (*)(const Scenario& sc, const InterventionSpec& spec,
                                        Problems& problems);
/// Applies one step of an active intervention; what it spends it takes from the budget.
using InterventionApplyFn = void (*)(const Scenario& sc, State& st, Programme& programme);

struct InterventionType {
  const char* name;
  InterventionValidateFn validate;
  InterventionApplyFn apply;
};

using ShockValidateFn = void (*)(const Scenario& sc, const ShockSpec& spec, Problems& problems);
/// Called every step for every shock; it acts at its start (and at its end, if any).
using ShockApplyFn = void (*)(const Scenario& sc, State& st, const ShockSpec& spec,
                              std::size_t index, ShockState& state);

struct ShockType {
  const char* name;
  ShockValidateFn validate;
  ShockApplyFn apply;
};

std::span<const InterventionType> intervention_types();
std::span<const ShockType> shock_types();
/// The row named `name`, or nullptr.
const InterventionType* find_intervention(std::string_view name);
const ShockType* find_shock(std::string_view name);

/// Every mistake of the policy section: unknown types, targets that do not exist, start and
/// sunset, duplicate names, and each type's own checks. `field` is relative to /policy.
Problems validate_policy(const Scenario& sc);

}  // namespace firmsim::policy
