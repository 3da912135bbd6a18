#pragma once
// One frame of the page: the firms alive at one step (columns), the ties among the drawn firms,
// and region-level counts over every firm and tie (for the map).
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/view_common.hpp"

namespace firmsim::report {

/// The lookup tables a whole view shares; frames add to them as they meet new names.
struct ViewTables {
  StringTable regions;
  std::vector<std::string> region_country;  ///< aligned with regions ("" when unknown)
  StringTable size_classes = size_class_table();
  StringTable tie_types = tie_type_table();
  StringTable reasons;

  int region(std::string_view name, std::string_view country);
};

class FrameBuilder {
 public:
  /// `value_columns`: the numeric firm attributes, in the order add_firm() gives them.
  FrameBuilder(int step, const FirmSample& sample, ViewTables& tables,
               std::vector<std::string> value_columns);

  /// A firm alive at this step; `region` and `size_class` index the view's tables (-1: unknown).
  void add_firm(std::uint64_t id, int region, int size_class, std::span<const double> values);
  /// A tie between two firms added before; ties with an end not alive here are ignored.
  /// `reason` indexes the reasons table (-1: not recorded).
  void add_tie(std::uint64_t source, std::uint64_t target, int type, double trust,
               double start_step, int reason);
  /// True when the firm was added and is drawn.
  bool drawn(std::uint64_t id) const;

  std::size_t firms_total() const { return firms_total_; }
  Json finish();

 private:
  int step_;
  const FirmSample& sample_;
  ViewTables& tables_;
  std::vector<std::string> value_columns_;
  std::unordered_map<std::uint64_t, std::int32_t> region_of_;  ///< every alive firm
  std::vector<std::int64_t> ids_;
  std::vector<int> regions_, size_classes_;
  std::vector<std::vector<double>> values_;  ///< per value column
  Json tie_source_ = Json::array(), tie_target_ = Json::array(), tie_type_ = Json::array(),
       tie_trust_ = Json::array(), tie_start_ = Json::array(), tie_reason_ = Json::array();
  std::size_t firms_total_ = 0, ties_total_ = 0;
  std::vector<std::int64_t> region_firms_;
  std::unordered_map<std::uint64_t, std::int64_t> region_pairs_;  ///< (lo << 32 | hi) -> ties
};

}  // namespace firmsim::report
