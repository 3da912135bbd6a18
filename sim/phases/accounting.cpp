// Accounting and finance (MODEL.md sections 2.6 and 9).
//
// Revenue is price times output (the price posted last step). Costs: wages, inputs,
// transaction costs, export access (a share of export revenue, final stage), depreciation of
// capital (capital_per_unit / A per unit of capacity), interest on debt (base rate plus the
// country's spread; cash earns the deposit rate) and R&D (Firms::rd_spend, set by innovation).
// Policy (sim/phases/policy.cpp): subsidies (Firms::subsidy) are income, taxed with profit; a
// credit guarantee adds Firms::leverage_bonus to the leverage limit and takes
// Firms::spread_cut off the spread; export promotion takes Firms::export_cost_cut off the
// export access cost.
// Cooperation ties (sim/ties/cooperation_flows.cpp): fees, royalties, contract and search costs
// paid (Firms::coop_paid) are costs, those received (Firms::coop_received) income; partners
// abroad save Firms::access_saving of the export access cost.
// Profit pays tax; a share of what is left goes to owners; the rest is net worth. Cash flow
// (retained profit plus depreciation) pays down debt, so net worth = capital - debt always.
// Investment aims at capacity = expected orders / target utilisation, grows capacity by at
// most max_capacity_growth a step, and is financed by debt only while debt stays within the
// country's leverage_limit times net worth. Cash left after investment (negative debt) above
// cash_buffer times capital is paid out to the owners (free cash flow; off when negative), so
// that net worth stays tied to the capital the business uses. Then the mark-up follows demand pressure
// (orders / capacity against the target utilisation), and next step's price is
// (1 + mark-up) * unit cost. Size classes follow employees.
#include <algorithm>
#include <cmath>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cost_model.hpp"
#include "phases/phases.hpp"

namespace firmsim::phases {

namespace {

std::uint8_t size_class_of(const std::vector<double>& bounds, double employees) {
  int k = 0;
  for (int c = 1; c < kSizeClassCount && c < static_cast<int>(bounds.size()); ++c)
    if (employees >= bounds[c]) k = c;
  return static_cast<std::uint8_t>(k);
}

}  // namespace

void accounting(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const FinanceSpec& p = sc.finance;
  const MarketSpec& m = sc.market;
  const int final_stage = std::max(1, sc.world.stages) - 1;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 256), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (!f.alive[i]) continue;
      const CountrySpec& c = st.countries[f.country[i]].spec;
      f.revenue[i] = f.price[i] * f.output[i];
      const double export_cost =
          f.stage[i] == final_stage
              ? c.export_access_cost * (1 - f.export_cost_cut[i]) * (1 - f.access_saving[i]) *
                    f.price[i] * f.exports[i]
              : 0.0;
      const double per_unit = capital_per_capacity(p, f.log_productivity[i]);
      const double capital = per_unit * f.capacity[i];
      const double depreciation = p.depreciation * capital;
      const double spread = std::max(0.0, c.interest_spread - f.spread_cut[i]);
      const double interest = f.debt[i] > 0 ? (p.base_interest + spread) * f.debt[i]
                                            : p.deposit_rate * f.debt[i];
      f.costs[i] = f.labour_cost[i] + f.input_cost[i] + f.transaction_cost[i] + export_cost +
                   depreciation + interest + f.rd_spend[i] + f.coop_paid[i];
      f.profit[i] = f.revenue[i] + f.subsidy[i] + f.coop_received[i] - f.costs[i];
      const double after_tax = f.profit[i] - c.tax_rate * std::max(0.0, f.profit[i]);
      const double retained = after_tax - p.dividend_payout * std::max(0.0, after_tax);
      f.net_worth[i] += retained;
      f.debt[i] -= retained + depreciation;

      // Investment toward the capacity expected orders need, within the leverage limit.
      f.expected_demand[i] =
          p.expectation_weight * f.expected_demand[i] + (1 - p.expectation_weight) * f.demand[i];
      const double kept = (1 - p.depreciation) * f.capacity[i];
      const double wanted = std::clamp(f.expected_demand[i] / p.target_utilisation - kept, 0.0,
                                       p.max_capacity_growth * f.capacity[i] +
                                           (f.capacity[i] > 0 ? 0.0 : f.expected_demand[i]));
      const double room = std::max(
          0.0, (c.leverage_limit + f.leverage_bonus[i]) * f.net_worth[i] - f.debt[i]);
      const double invest =
          per_unit > 0 ? std::min(wanted, room / per_unit) : wanted;
      const double pressure =
          f.capacity[i] > 0 ? f.demand[i] / f.capacity[i] - p.target_utilisation : 0.0;
      f.capacity[i] = kept + invest;
      f.debt[i] += invest * per_unit;
      // Free cash flow: cash (negative debt) beyond the buffer goes to the owners.
      if (p.cash_buffer >= 0) {
        const double excess = -f.debt[i] - p.cash_buffer * per_unit * f.capacity[i];
        if (excess > 0) {
          f.net_worth[i] -= excess;
          f.debt[i] += excess;
        }
      }

      f.markup[i] = std::clamp(f.markup[i] * (1 + m.markup_adjustment * pressure), m.markup_min,
                               m.markup_max);
      f.price[i] = (1 + f.markup[i]) * f.unit_cost[i];
      f.size_class[i] = size_class_of(sc.population.size_class_employees, f.employees[i]);
    }
  });
}

}  // namespace firmsim::phases
