#include "report/frame_builder.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace firmsim::report {

int ViewTables::region(std::string_view name, std::string_view country) {
  const int i = regions.index(name);
  if (static_cast<std::size_t>(i) >= region_country.size()) region_country.resize(i + 1);
  if (region_country[i].empty()) region_country[i] = std::string(country);
  return i;
}

FrameBuilder::FrameBuilder(int step, const FirmSample& sample, ViewTables& tables,
                           std::vector<std::string> value_columns)
    : step_(step),
      sample_(sample),
      tables_(tables),
      value_columns_(std::move(value_columns)),
      values_(value_columns_.size()) {}

void FrameBuilder::add_firm(std::uint64_t id, int region, int size_class,
                            std::span<const double> values) {
  ++firms_total_;
  region_of_[id] = region;
  if (region >= 0) {
    if (static_cast<std::size_t>(region) >= region_firms_.size()) region_firms_.resize(region + 1);
    ++region_firms_[region];
  }
  if (!sample_.keeps(id)) return;
  ids_.push_back(static_cast<std::int64_t>(id));
  regions_.push_back(region);
  size_classes_.push_back(size_class);
  for (std::size_t c = 0; c < values_.size(); ++c)
    values_[c].push_back(c < values.size() ? values[c] : std::numeric_limits<double>::quiet_NaN());
}

bool FrameBuilder::drawn(std::uint64_t id) const {
  return region_of_.count(id) != 0 && sample_.keeps(id);
}

void FrameBuilder::add_tie(std::uint64_t source, std::uint64_t target, int type, double trust,
                           double start_step, int reason) {
  const auto s = region_of_.find(source), t = region_of_.find(target);
  if (s == region_of_.end() || t == region_of_.end()) return;
  ++ties_total_;
  if (s->second >= 0 && t->second >= 0) {
    const auto lo = static_cast<std::uint64_t>(std::min(s->second, t->second));
    const auto hi = static_cast<std::uint64_t>(std::max(s->second, t->second));
    ++region_pairs_[lo << 32 | hi];
  }
  if (!sample_.keeps(source) || !sample_.keeps(target)) return;
  tie_source_.push_back(source);
  tie_target_.push_back(target);
  tie_type_.push_back(type);
  tie_trust_.push_back(number(trust, 4));
  tie_start_.push_back(number(start_step));
  tie_reason_.push_back(reason);
}

Json FrameBuilder::finish() {
  Json firms = Json::object();
  firms["id"] = ids_;
  firms["region"] = regions_;
  firms["size_class"] = size_classes_;
  for (std::size_t c = 0; c < value_columns_.size(); ++c) {
    Json col = Json::array();
    for (double v : values_[c]) col.push_back(number(v, 5));
    firms[value_columns_[c]] = std::move(col);
  }
  Json ties = Json::object();
  ties["source"] = std::move(tie_source_);
  ties["target"] = std::move(tie_target_);
  ties["type"] = std::move(tie_type_);
  ties["trust"] = std::move(tie_trust_);
  ties["start_step"] = std::move(tie_start_);
  ties["reason"] = std::move(tie_reason_);
  region_firms_.resize(tables_.regions.size());
  const std::map<std::uint64_t, std::int64_t> pairs(region_pairs_.begin(), region_pairs_.end());
  Json region_ties = Json::array();
  for (const auto& [key, count] : pairs)
    region_ties.push_back({static_cast<std::int64_t>(key >> 32),
                           static_cast<std::int64_t>(key & 0xffffffffu), count});
  Json frame;
  frame["step"] = step_;
  frame["firms_total"] = firms_total_;
  frame["ties_total"] = ties_total_;
  frame["firms"] = std::move(firms);
  frame["ties"] = std::move(ties);
  frame["region_firms"] = region_firms_;
  frame["region_ties"] = std::move(region_ties);
  return frame;
}

}  // namespace firmsim::report
