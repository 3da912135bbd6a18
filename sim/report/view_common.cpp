#include "report/view_common.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "firmsim/state.hpp"
#include "firmsim/tie_types.hpp"

namespace firmsim::report {

Json number(double v, int digits) {
  if (!std::isfinite(v)) return nullptr;
  if (v == std::floor(v) && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return std::strtod(buf, nullptr);
}

int StringTable::index(std::string_view text) {
  const auto it = index_.find(std::string(text));
  if (it != index_.end()) return it->second;
  const int i = static_cast<int>(strings_.size());
  strings_.emplace_back(text);
  index_.emplace(strings_.back(), i);
  return i;
}

int StringTable::find(std::string_view text) const {
  const auto it = index_.find(std::string(text));
  return it == index_.end() ? -1 : it->second;
}

StringTable tie_type_table() {
  StringTable t;
  for (const TieRule& r : kTieRules) t.index(r.name);
  return t;
}

Json tie_types_json(const StringTable& types) {
  static constexpr const char* kDomains[] = {"rd", "production", "distribution", "information"};
  Json out = Json::array();
  for (const std::string& name : types.strings()) {
    Json t = {{"name", name}, {"domain", "other"}, {"two_way", false}};
    if (const auto type = tie_type_from_name(name)) {
      t["domain"] = kDomains[static_cast<int>(rule(*type).domain)];
      t["two_way"] = rule(*type).two_way;
    }
    out.push_back(std::move(t));
  }
  return out;
}

StringTable size_class_table() {
  StringTable t;
  for (const char* name : kSizeClassNames) t.index(name);
  return t;
}

FirmSample::FirmSample(std::size_t population, std::size_t limit) {
  if (population <= limit || limit == 0) return;
  all_ = false;
  const double fraction = static_cast<double>(limit) / static_cast<double>(population);
  threshold_ = static_cast<std::uint64_t>(fraction * 18446744073709551616.0);
}

std::string FirmSample::note(std::size_t drawn, std::size_t total) const {
  if (all_) return {};
  return "The network shows a deterministic sample of " + std::to_string(drawn) + " of " +
         std::to_string(total) +
         " firms (the same firms at every step) and only the ties among them; the map and the "
         "charts count every firm and tie.";
}

std::uint64_t FirmSample::hash(std::uint64_t id) {
  std::uint64_t z = id + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace firmsim::report
