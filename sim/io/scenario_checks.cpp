#include "io/scenario_checks.hpp"

#include <array>
#include <cmath>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "firmsim/state.hpp"
#include "io/scenario_reader.hpp"
#include "policy/registry.hpp"

namespace firmsim::io {

namespace {

std::string json_quoted(const std::string& text) { return nlohmann::json(text).dump(); }

void check_world(const Scenario& s, Errors& errors) {
  const std::vector<std::string> countries = names_of(s.world.countries);
  check_unique_names(countries, "/world/countries", errors);
  check_unique_names(names_of(s.world.regions), "/world/regions", errors);
  for (std::size_t i = 0; i < s.world.regions.size(); ++i) {
    check_reference(s.world.regions[i].country, countries,
                    pointer_append(pointer_append("/world/regions", i), "country"), "country",
                    errors);
  }
}

void check_population(const Scenario& s, Errors& errors) {
  check_shares(s.population.stage_shares, static_cast<std::size_t>(s.world.stages),
               "one per stage: /world/stages is " + std::to_string(s.world.stages),
               "/population/stage_shares", errors);
  std::string classes;
  for (const char* name : kSizeClassNames) classes += std::string(classes.empty() ? "" : ", ") + name;
  check_shares(s.population.size_class_shares, kSizeClassCount, "one per size class: " + classes,
               "/population/size_class_shares", errors);
}

/// Interventions and shocks: each type's own checks live in its registry row (sim/policy/).
void check_policy(const Scenario& s, Errors& errors) {
  for (policy::Problem& p : policy::validate_policy(s))
    errors.push_back({"/policy/" + p.field, std::move(p.message)});
}

void check_cooperation(const Scenario& s, Errors& errors) {
  const CooperationSpec& c = s.cooperation;
  const std::pair<const char*, const std::vector<double>*> per_type[] = {
      {"value", &c.value},
      {"fee", &c.fee},
      {"contract_steps", &c.contract_steps},
      {"contract_cost", &c.contract_cost},
      {"cost_saving", &c.cost_saving}};
  for (const auto& [name, values] : per_type)
    if (values->size() != static_cast<std::size_t>(kTieTypeCount))
      errors.push_back({std::string("/cooperation/") + name,
                        "wrong length: " + std::to_string(values->size()) +
                            " values given, " + std::to_string(kTieTypeCount) +
                            " needed (one per tie type, in the order of the tie-type table)"});
}

constexpr std::array kChecks = {
    ConsistencyCheck{"/world", check_world},
    ConsistencyCheck{"/population", check_population},
    ConsistencyCheck{"/cooperation", check_cooperation},
    ConsistencyCheck{"/policy", check_policy},
};

}  // namespace

std::span<const ConsistencyCheck> consistency_checks() { return kChecks; }

void check_unique_names(const std::vector<std::string>& names, const std::string& list_path,
                        Errors& errors) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string path = pointer_append(pointer_append(list_path, i), "name");
    if (names[i].empty()) {
      errors.push_back({path, "empty name: give each item a unique name"});
      continue;
    }
    const auto [it, inserted] = first.emplace(names[i], i);
    if (!inserted) {
      errors.push_back({path, "duplicate name " + json_quoted(names[i]) + ": already used by " +
                                  pointer_append(list_path, it->second)});
    }
  }
}

void check_reference(const std::string& name, const std::vector<std::string>& names,
                     const std::string& path, const char* what, Errors& errors) {
  for (const std::string& candidate : names) {
    if (candidate == name) return;
  }
  std::string message = std::string("no ") + what + " named " + json_quoted(name);
  if (const auto near = closest_name(name, names)) {
    message += "; did you mean " + json_quoted(*near) + "?";
  } else {
    message += "; known: ";
    std::set<std::string> listed;
    for (const std::string& candidate : names) {
      if (listed.insert(candidate).second) message += (listed.size() > 1 ? ", " : "") + candidate;
    }
  }
  errors.push_back({path, message});
}

void check_shares(const std::vector<double>& shares, std::size_t count,
                  const std::string& count_reason, const std::string& path, Errors& errors) {
  if (shares.size() != count) {
    errors.push_back({path, "wrong length: " + std::to_string(shares.size()) + " shares given, " +
                                std::to_string(count) + " needed (" + count_reason + ")"});
  }
  double sum = 0;
  for (const double share : shares) sum += share;
  if (std::abs(sum - 1.0) > 1e-6) {
    std::ostringstream text;
    text << std::setprecision(10) << sum;
    errors.push_back({path, "shares sum to " + text.str() + ", not 1 (tolerance 1e-6)"});
  }
}

}  // namespace firmsim::io
