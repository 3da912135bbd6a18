#pragma once
// events.csv for the page: why each drawn tie formed, and the recent history of drawn firms.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <unordered_map>
#include <vector>

#include "report/view_common.hpp"

namespace firmsim::report {

struct ViewTables;

class TieEvents {
 public:
  /// Reads `file` (step, source, target, type, event, reason), keeping the events of firms for
  /// which `keep` is true (at most the last `max_events` of them for the history) and the
  /// formation reasons of their ties. Throws std::runtime_error on a malformed file.
  TieEvents(const std::filesystem::path& file, const std::function<bool(std::uint64_t)>& keep,
            std::size_t max_events, ViewTables& tables);

  /// The reason (an index into tables.reasons) of the last formation, at or before `step`, of
  /// the tie (source, target, type) in either direction; -1 when none was recorded.
  int reason_at(std::uint64_t source, std::uint64_t target, int type, int step) const;

  /// {step, source, target, type, formed, reason} columns, plus total and truncated.
  Json to_json() const;

 private:
  struct Formed {
    std::int32_t step;
    std::int32_t type;
    std::int32_t reason;
  };
  struct Row {
    std::int32_t step;
    std::uint64_t source, target;
    std::int32_t type;
    bool formed;
    std::int32_t reason;
  };
  /// Firm ids are 32-bit (FirmId), so a pair packs into one 64-bit key.
  static std::uint64_t pair_key(std::uint64_t source, std::uint64_t target);

  std::unordered_map<std::uint64_t, std::vector<Formed>> formed_;  ///< by (source, target)
  std::vector<Row> rows_;  ///< a ring of the last max_events rows
  std::size_t next_ = 0, total_ = 0, max_events_;
};

}  // namespace firmsim::report
