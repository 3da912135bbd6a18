#pragma once
// Cross-field consistency checks of a parsed scenario: references between sections, unique
// names, shares that must match a count and sum to one. One check function per scenario
// section, listed in the table of scenario_checks.cpp: a new parameter section adds its own
// function and one row there.
#include <span>
#include <string>
#include <vector>

#include "firmsim/io/scenario_json.hpp"
#include "firmsim/scenario.hpp"

namespace firmsim::io {

using Errors = std::vector<ScenarioError>;

/// Appends the mistakes of one section, each with its JSON path.
using ConsistencyCheckFn = void (*)(const Scenario& scenario, Errors& errors);

struct ConsistencyCheck {
  const char* section;  ///< the JSON path of the section checked, e.g. "/world"
  ConsistencyCheckFn check;
};

/// Every section's check, in the order they run.
std::span<const ConsistencyCheck> consistency_checks();

/// The `name` of each item.
template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  names.reserve(items.size());
  for (const T& item : items) names.push_back(item.name);
  return names;
}

/// Each name non-empty and unique; mistakes at `list_path`/i/name.
void check_unique_names(const std::vector<std::string>& names, const std::string& list_path,
                        Errors& errors);
/// `name` (at `path`) is one of `names`, which are the names of `what` ("country", ...).
void check_reference(const std::string& name, const std::vector<std::string>& names,
                     const std::string& path, const char* what, Errors& errors);
/// `shares` (at `path`) has `count` entries (`count_reason` says why) and sums to 1 (1e-6).
void check_shares(const std::vector<double>& shares, std::size_t count,
                  const std::string& count_reason, const std::string& path, Errors& errors);

}  // namespace firmsim::io
