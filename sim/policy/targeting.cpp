#include "policy/targeting.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace firmsim::policy {

namespace {

bool listed(const std::vector<double>& list, double value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

void check_indices(const std::vector<double>& list, const char* field, std::size_t count,
                   const char* what, const char* whats, Problems& problems) {
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string at = std::string(field) + "/" + std::to_string(k);
    const double v = list[k];
    if (v != std::floor(v)) {
      problems.push_back({at, "not a whole number: " + std::string(what) + " indices count from "
                                                                           "0"});
    } else if (v < 0 || v >= static_cast<double>(count)) {
      problems.push_back({at, std::string(what) + " " + std::to_string(static_cast<long long>(v)) +
                                  " does not exist (" + std::to_string(count) + " " + whats +
                                  ")"});
    }
  }
}

}  // namespace

Budget::Budget(const InterventionSpec& spec, double spent_so_far, double booked_this_step)
    : step_limit_(spec.budget - booked_this_step),
      total_left_(spec.total_budget - spent_so_far),
      step_limited_(spec.budget > 0),
      total_limited_(spec.total_budget > 0) {}

bool Budget::take(double cost) {
  if (!(cost >= 0)) return false;
  constexpr double kSlack = 1e-12;
  if (step_limited_ && spent_ + cost > step_limit_ * (1 + kSlack)) return false;
  if (total_limited_ && spent_ + cost > total_left_ * (1 + kSlack) + kSlack) return false;
  spent_ += cost;
  return true;
}

double Budget::left() const {
  double left = std::numeric_limits<double>::infinity();
  if (step_limited_) left = std::min(left, step_limit_ - spent_);
  if (total_limited_) left = std::min(left, total_left_ - spent_);
  return std::max(0.0, left);
}

bool in_target(const InterventionSpec& spec, const State& st, FirmId i) {
  const Firms& f = st.firms;
  return listed(spec.countries, f.country[i]) && listed(spec.regions, f.region[i]) &&
         listed(spec.stages, f.stage[i]) && listed(spec.size_classes, f.size_class[i]);
}

std::vector<FirmId> ranked_firms(const InterventionSpec& spec, const State& st) {
  const Firms& f = st.firms;
  std::vector<FirmId> firms;
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i] && in_target(spec, st, static_cast<FirmId>(i)))
      firms.push_back(static_cast<FirmId>(i));
  if (spec.selection == "connections") {
    std::vector<std::uint32_t> ties(f.size(), 0);
    for (const Tie& t : st.ties)
      if (t.alive) ++ties[t.source], ++ties[t.target];
    std::sort(firms.begin(), firms.end(), [&](FirmId a, FirmId b) {
      if (ties[a] != ties[b]) return ties[a] > ties[b];
      if (f.employees[a] != f.employees[b]) return f.employees[a] > f.employees[b];
      return f.id[a] < f.id[b];  // equals by id, not by place (renumbering moves places)
    });
  } else {
    std::sort(firms.begin(), firms.end(), [&](FirmId a, FirmId b) {
      if (f.log_productivity[a] != f.log_productivity[b])
        return f.log_productivity[a] > f.log_productivity[b];
      return f.id[a] < f.id[b];
    });
  }
  if (spec.max_firms > 0 && firms.size() > static_cast<std::size_t>(spec.max_firms))
    firms.resize(static_cast<std::size_t>(spec.max_firms));
  return firms;
}

std::vector<int> target_regions(const InterventionSpec& spec, const State& st) {
  std::vector<int> out;
  for (std::size_t r = 0; r < st.regions.size(); ++r)
    if (listed(spec.regions, static_cast<double>(r)) &&
        listed(spec.countries, st.regions[r].country))
      out.push_back(static_cast<int>(r));
  return out;
}

std::vector<int> target_countries(const InterventionSpec& spec, const State& st) {
  std::vector<int> out;
  for (std::size_t c = 0; c < st.countries.size(); ++c)
    if (listed(spec.countries, static_cast<double>(c))) out.push_back(static_cast<int>(c));
  return out;
}

void validate_target(const Scenario& sc, const InterventionSpec& spec, Problems& problems) {
  check_indices(spec.countries, "countries", sc.world.countries.size(), "country", "countries",
                problems);
  check_indices(spec.regions, "regions", sc.world.regions.size(), "region", "regions", problems);
  check_indices(spec.stages, "stages", static_cast<std::size_t>(std::max(0, sc.world.stages)),
                "stage", "stages", problems);
  check_indices(spec.size_classes, "size_classes", kSizeClassCount, "size class", "size classes",
                problems);
}

}  // namespace firmsim::policy
