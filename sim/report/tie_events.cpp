#include "report/tie_events.hpp"

#include <cmath>
#include <stdexcept>

#include "report/csv_reader.hpp"
#include "report/frame_builder.hpp"

namespace firmsim::report {

TieEvents::TieEvents(const std::filesystem::path& file,
                     const std::function<bool(std::uint64_t)>& keep, std::size_t max_events,
                     ViewTables& tables)
    : max_events_(max_events) {
  CsvReader csv(file);
  const int c_step = csv.column("step"), c_source = csv.column("source"),
            c_target = csv.column("target"), c_type = csv.column("type"),
            c_event = csv.column("event"), c_reason = csv.column("reason");
  if (c_step < 0 || c_source < 0 || c_target < 0 || c_type < 0)
    throw std::runtime_error(file.string() + ": needs the columns step, source, target, type");
  std::vector<std::string> f;
  const auto field = [&f](int c) -> const std::string& {
    static const std::string kEmpty;
    return c >= 0 && static_cast<std::size_t>(c) < f.size() ? f[c] : kEmpty;
  };
  while (csv.next(f)) {
    const double step = parse_number(field(c_step)), source = parse_number(field(c_source)),
                 target = parse_number(field(c_target));
    if (!std::isfinite(step) || !std::isfinite(source) || !std::isfinite(target)) continue;
    const auto s = static_cast<std::uint64_t>(source), t = static_cast<std::uint64_t>(target);
    if (!keep(s) && !keep(t)) continue;
    const std::string& event = field(c_event);
    const bool formed = event != "ended";
    const int type = tables.tie_types.index(field(c_type));
    const std::string& why = field(c_reason);
    const int reason = why.empty() ? -1 : tables.reasons.index(why);
    if (formed)
      formed_[pair_key(s, t)].push_back({static_cast<std::int32_t>(step), type, reason});
    const Row row{static_cast<std::int32_t>(step), s, t, type, formed, reason};
    ++total_;
    if (max_events_ == 0) continue;
    if (rows_.size() < max_events_) {
      rows_.push_back(row);
    } else {
      rows_[next_] = row;
      next_ = (next_ + 1) % max_events_;
    }
  }
}

std::uint64_t TieEvents::pair_key(std::uint64_t source, std::uint64_t target) {
  return source << 32 | (target & 0xffffffffu);
}

int TieEvents::reason_at(std::uint64_t source, std::uint64_t target, int type, int step) const {
  int best_step = -1, best = -1;
  for (const std::uint64_t k : {pair_key(source, target), pair_key(target, source)}) {
    const auto it = formed_.find(k);
    if (it == formed_.end()) continue;
    for (const Formed& f : it->second)
      if (f.type == type && f.step <= step && f.step >= best_step) {
        best_step = f.step;
        best = f.reason;
      }
  }
  return best;
}

Json TieEvents::to_json() const {
  Json step = Json::array(), source = Json::array(), target = Json::array(),
       type = Json::array(), formed = Json::array(), reason = Json::array();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const Row& r = rows_[(next_ + i) % rows_.size()];
    step.push_back(r.step);
    source.push_back(r.source);
    target.push_back(r.target);
    type.push_back(r.type);
    formed.push_back(r.formed ? 1 : 0);
    reason.push_back(r.reason);
  }
  Json out;
  out["step"] = std::move(step);
  out["source"] = std::move(source);
  out["target"] = std::move(target);
  out["type"] = std::move(type);
  out["formed"] = std::move(formed);
  out["reason"] = std::move(reason);
  out["total"] = total_;
  out["truncated"] = total_ > rows_.size();
  return out;
}

}  // namespace firmsim::report
