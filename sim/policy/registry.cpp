// The two registries: one row per intervention type and per shock type. A new one is a file
// under sim/policy/ (named after it) that returns its row, and one line in each list below.
#include "policy/registry.hpp"

#include <array>
#include <map>

#include "policy/targeting.hpp"

namespace firmsim::policy {

InterventionType rd_subsidy_type();
InterventionType technology_grant_type();
InterventionType brokerage_type();
InterventionType cluster_programme_type();
InterventionType training_type();
InterventionType credit_guarantee_type();
InterventionType export_promotion_type();
InterventionType ip_reform_type();
InterventionType institutional_reform_type();
InterventionType multinational_buyer_type();

ShockType demand_shock_type();
ShockType firm_failure_type();
ShockType regional_disaster_type();
ShockType trade_barrier_type();
ShockType technology_shock_type();

std::span<const InterventionType> intervention_types() {
  static const std::array kTypes = {
      rd_subsidy_type(),       technology_grant_type(), brokerage_type(),
      cluster_programme_type(), training_type(),        credit_guarantee_type(),
      export_promotion_type(), ip_reform_type(),        institutional_reform_type(),
      multinational_buyer_type(),
  };
  return kTypes;
}

std::span<const ShockType> shock_types() {
  static const std::array kTypes = {
      demand_shock_type(), firm_failure_type(),     regional_disaster_type(),
      trade_barrier_type(), technology_shock_type(),
  };
  return kTypes;
}

const InterventionType* find_intervention(std::string_view name) {
  for (const InterventionType& t : intervention_types())
    if (name == t.name) return &t;
  return nullptr;
}

const ShockType* find_shock(std::string_view name) {
  for (const ShockType& t : shock_types())
    if (name == t.name) return &t;
  return nullptr;
}

namespace {

template <class Types>
std::string known_names(const Types& types) {
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : ", ") + std::string(t.name);
  return out;
}

/// Moves `item` problems under `prefix` ("interventions/2") into `out`.
void add_under(const std::string& prefix, Problems& item, Problems& out) {
  for (Problem& p : item)
    out.push_back({p.field.empty() ? prefix : prefix + "/" + p.field, std::move(p.message)});
  item.clear();
}

template <class Spec>
void check_names(const std::vector<Spec>& items, const char* list, Problems& out) {
  std::map<std::string, std::size_t> first;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k].name.empty()) continue;
    const auto [it, inserted] = first.emplace(items[k].name, k);
    if (!inserted)
      out.push_back({std::string(list) + "/" + std::to_string(k) + "/name",
                     "duplicate name \"" + items[k].name + "\": already used by /policy/" + list +
                         "/" + std::to_string(it->second)});
  }
}

}  // namespace

Problems validate_policy(const Scenario& sc) {
  Problems out, item;
  const PolicySpec& p = sc.policy;
  for (std::size_t k = 0; k < p.interventions.size(); ++k) {
    const InterventionSpec& spec = p.interventions[k];
    const std::string prefix = "interventions/" + std::to_string(k);
    const InterventionType* type = find_intervention(spec.type);
    if (type == nullptr) {
      item.push_back({"type", "unknown intervention \"" + spec.type + "\"; known: " +
                                  known_names(intervention_types())});
    } else {
      type->validate(sc, spec, item);
    }
    if (spec.sunset > 0 && spec.sunset <= spec.start)
      item.push_back({"sunset", "sunset " + std::to_string(spec.sunset) +
                                    " is not after start " + std::to_string(spec.start)});
    validate_target(sc, spec, item);
    add_under(prefix, item, out);
  }
  for (std::size_t k = 0; k < p.shocks.size(); ++k) {
    const ShockSpec& spec = p.shocks[k];
    const ShockType* type = find_shock(spec.type);
    if (type == nullptr) {
      item.push_back(
          {"type", "unknown shock \"" + spec.type + "\"; known: " + known_names(shock_types())});
    } else {
      type->validate(sc, spec, item);
    }
    add_under("shocks/" + std::to_string(k), item, out);
  }
  check_names(p.interventions, "interventions", out);
  check_names(p.shocks, "shocks", out);
  return out;
}

}  // namespace firmsim::policy
