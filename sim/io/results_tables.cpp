// firms.csv and ties.csv: the state at one moment as two tables.
#include <algorithm>
#include <array>
#include <cmath>
#include <ostream>

#include "firmsim/io/results.hpp"
#include "io/results_firm_links.hpp"
#include "io/results_text.hpp"

namespace firmsim::io {

namespace {

/// Whether the network's incident lists hold exactly the ends of the alive ties of the tie
/// table (they do after every step: the measure phase rebuilds them last), so that a firm's
/// ties can be counted from its own list.
bool incident_lists_current(const State& st) {
  const Network& net = st.network;
  const std::size_t n = st.firms.size();
  if (net.incident_offsets.size() != n + 1 || net.incident_ties.size() != net.incident_offsets[n] ||
      net.incident_others.size() != net.incident_ties.size())
    return false;
  std::size_t ends = 0;
  for (const Tie& t : st.ties) ends += t.alive ? 1 + (t.source != t.target) : 0;
  std::size_t listed = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto [first, last] = incident_slots(net, i);
    for (std::uint32_t s = first; s < last; ++s) {
      const std::uint32_t k = net.incident_ties[s];
      if (k >= st.ties.size()) return false;
      const Tie& t = st.ties[k];
      const FirmId other = t.source == i ? t.target : t.source;
      if ((t.source != i && t.target != i) || net.incident_others[s] != other) return false;
      listed += t.alive;
    }
  }
  return listed == ends;
}

/// firms.csv's ties_<type> columns: alive ties of each type between alive firms, parallel ties
/// apart, plus university ties. Counted one firm at a time from the firm's incident list (as
/// the firms are written), not as a table of kTieTypeCount counters per firm: that
/// table was 75 MB at 1.3 million firms and set the peak memory of a large run. Where the
/// lists do not match the tie table, it counts that table as before (FirmLinks::ties_by_type).
class TieCounts {
 public:
  explicit TieCounts(const State& st) : st_(st), from_lists_(incident_lists_current(st)) {
    if (!from_lists_) {
      table_ = firm_links(st, true).ties_by_type;
      return;
    }
    const Firms& f = st.firms;
    for (const InstituteTie& t : st.institute_ties)
      if (t.alive && t.firm < f.size() && f.alive[t.firm]) institute_firms_.push_back(t.firm);
    std::sort(institute_firms_.begin(), institute_firms_.end());
  }
  /// The counts of the firm at place i.
  const std::array<std::uint32_t, kTieTypeCount>& of(std::size_t i) {
    if (!from_lists_) {
      std::copy_n(table_.begin() + static_cast<std::ptrdiff_t>(i * kTieTypeCount), kTieTypeCount,
                  counts_.begin());
      return counts_;
    }
    counts_.fill(0);
    const Firms& f = st_.firms;
    if (!f.alive[i]) return counts_;
    const Network& net = st_.network;
    const auto [first, last] = incident_slots(net, i);
    for (std::uint32_t s = first; s < last; ++s) {
      const Tie& t = st_.ties[net.incident_ties[s]];
      if (t.alive && f.alive[net.incident_others[s]]) ++counts_[static_cast<int>(t.type)];
    }
    const auto [lo, hi] = std::equal_range(institute_firms_.begin(), institute_firms_.end(), i);
    counts_[static_cast<int>(TieType::university)] += static_cast<std::uint32_t>(hi - lo);
    return counts_;
  }

 private:
  const State& st_;
  bool from_lists_;
  std::vector<std::uint32_t> table_;  // the per-firm table, where the lists cannot be used
  std::vector<FirmId> institute_firms_;  // alive firms of alive university ties, sorted
  std::array<std::uint32_t, kTieTypeCount> counts_{};
};

}  // namespace

void write_firms_csv(std::ostream& os, const State& st) {
  check_firm_arrays(st);
  const Firms& f = st.firms;
  const FirmLinks links = firm_links(st);
  TieCounts tie_counts(st);
  TextOut out(os);
  out << "id,country,region,stage,size_class,alive,employees,productivity,unit_cost,output,"
         "net_worth,exports,age,degree,cooperating,gvc,birth_step,price,revenue,profit,rd_spend,"
         "market_share";
  for (const TieRule& r : kTieRules) out << ",ties_" << r.name;
  out << '\n';
  for (const FirmId i : places_by_id(f)) {  // in id order, whatever the firms' places
    out.integer(f.id[i]) << ',';
    out.csv(st.countries[f.country[i]].spec.name) << ',';
    out.csv(st.regions[f.region[i]].spec.name) << ',';
    out.integer(f.stage[i]) << ',';
    out.csv(kSizeClassNames[f.size_class[i] % kSizeClassCount]) << ',';
    out.integer(f.alive[i] != 0) << ',';
    out.num(f.employees[i]) << ',';
    out.num(std::exp(f.log_productivity[i])) << ',';
    out.num(f.unit_cost[i]) << ',';
    out.num(f.output[i]) << ',';
    out.num(f.net_worth[i]) << ',';
    out.num(f.exports[i]) << ',';
    out.integer(st.step - f.birth_step[i]) << ',';
    out.integer(links.degree[i]) << ',';
    out.integer(links.cooperative[i]) << ',';
    out.integer(links.gvc[i]) << ',';
    out.integer(f.birth_step[i]) << ',';
    out.num(f.price[i]) << ',';
    out.num(f.revenue[i]) << ',';
    out.num(f.profit[i]) << ',';
    out.num(f.rd_spend[i]) << ',';
    out.num(f.market_share[i]);
    for (const std::uint32_t count : tie_counts.of(i)) (out << ',').integer(count);
    out << '\n';
  }
}

void write_ties_csv(std::ostream& os, const State& st) {
  const Firms& f = st.firms;
  TextOut out(os);
  out << "source,target,type,start_step,trust,share,flow_goods,flow_money,flow_knowledge\n";
  for (const Tie& t : st.ties) {
    if (!t.alive) continue;
    out.integer(f.id[t.source]) << ',';
    out.integer(f.id[t.target]) << ',';
    out << tie_name(t.type) << ',';
    out.integer(t.start_step) << ',';
    out.num(t.trust) << ',';
    out.num(t.share) << ',';
    out.num(t.flow_goods) << ',';
    out.num(t.flow_money) << ',';
    out.num(t.flow_knowledge) << '\n';
  }
}

}  // namespace firmsim::io
