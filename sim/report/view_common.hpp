#pragma once
// Pieces shared by the views the page draws (a run folder, an experiment folder, a live model):
// compact numbers, the tie-type table, interned strings and the deterministic firm sample.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace firmsim::report {

using Json = nlohmann::ordered_json;

/// Version of the data format the page reads (web/README.md describes it).
inline constexpr int kViewFormat = 1;

/// A number for the page, rounded to `digits` significant digits; NaN and infinities as null.
Json number(double v, int digits = 6);

/// Assigns small integers to strings in order of first use (tie types, regions, reasons).
class StringTable {
 public:
  int index(std::string_view text);
  /// The index of `text`, or -1 when it was never added.
  int find(std::string_view text) const;
  const std::vector<std::string>& strings() const { return strings_; }
  std::size_t size() const { return strings_.size(); }

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, int> index_;
};

/// A tie-type table seeded with the program's tie types, in their order; names found in files
/// that the program does not know are appended.
StringTable tie_type_table();
/// [{name, domain, two_way}] for every entry of `types` (domain "other" for unknown names).
Json tie_types_json(const StringTable& types);
/// A size-class table seeded with micro, sme, large, multinational.
StringTable size_class_table();

/// A deterministic sample of firms, the same ids at every step: when the largest population
/// exceeds `limit`, each id is kept when a hash of it falls below limit/population.
class FirmSample {
 public:
  FirmSample(std::size_t population, std::size_t limit);
  bool keeps(std::uint64_t id) const { return all_ || hash(id) < threshold_; }
  bool all() const { return all_; }
  /// A sentence for the page saying what is drawn; empty when every firm is.
  std::string note(std::size_t drawn, std::size_t total) const;

 private:
  static std::uint64_t hash(std::uint64_t id);
  std::uint64_t threshold_ = 0;
  bool all_ = true;
};

}  // namespace firmsim::report
