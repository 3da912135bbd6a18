// firms.csv and ties.csv: the state at one moment as two tables.
#include <cmath>
#include <ostream>

#include "firmsim/io/results.hpp"
#include "io/results_firm_links.hpp"
#include "io/results_text.hpp"

namespace firmsim::io {

void write_firms_csv(std::ostream& os, const State& st) {
  check_firm_arrays(st);
  const Firms& f = st.firms;
  const FirmLinks links = firm_links(st, true);
  TextOut out(os);
  out << "id,country,region,stage,size_class,alive,employees,productivity,unit_cost,output,"
         "net_worth,exports,age,degree,cooperating,gvc,birth_step,price,revenue,profit,rd_spend,"
         "market_share";
  for (const TieRule& r : kTieRules) out << ",ties_" << r.name;
  out << '\n';
  for (std::size_t i = 0; i < f.size(); ++i) {
    out.integer(static_cast<std::int64_t>(i)) << ',';
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
    for (int k = 0; k < kTieTypeCount; ++k)
      (out << ',').integer(links.ties_by_type[i * kTieTypeCount + k]);
    out << '\n';
  }
}

void write_ties_csv(std::ostream& os, const State& st) {
  TextOut out(os);
  out << "source,target,type,start_step,trust,share,flow_goods,flow_money,flow_knowledge\n";
  for (const Tie& t : st.ties) {
    if (!t.alive) continue;
    out.integer(t.source) << ',';
    out.integer(t.target) << ',';
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
