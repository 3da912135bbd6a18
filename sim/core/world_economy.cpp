// The initial economy, consistent with firm sizes: capacity from employees and productivity
// (scaled per stage so that every stage can supply the next at the start), prices from unit
// costs along the initial ties, balance sheets, export status, final demand and market shares
// that match what firms produce at the initial utilisation.
#include <algorithm>
#include <cmath>

#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "core/cost_model.hpp"
#include "core/technology.hpp"
#include "core/world.hpp"

namespace firmsim {

namespace {

double by_class(const std::vector<double>& v, int size_class) {
  if (v.empty()) return 0.0;
  return v[std::min<std::size_t>(static_cast<std::size_t>(size_class), v.size() - 1)];
}

/// Capacity-weighted mean price of each stage.
std::vector<double> stage_prices(const Firms& f, int stages) {
  std::vector<double> value(static_cast<std::size_t>(stages), 0.0), units(value.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    value[f.stage[i]] += f.price[i] * f.capacity[i];
    units[f.stage[i]] += f.capacity[i];
  }
  for (std::size_t s = 0; s < value.size(); ++s) value[s] = units[s] > 0 ? value[s] / units[s] : 0;
  return value;
}

}  // namespace

void init_capacity_and_costs(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const int stages = std::max(1, sc.world.stages);
  const double u0 = sc.market.initial_utilisation;
  const double coef = sc.production.input_coefficient;
  const std::size_t n = f.size();

  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    f.capacity[i] = f.employees[i] * std::exp(f.log_productivity[i]) / u0;
  });
  // Every stage's capacity set to what the final stage needs from it at the start.
  std::vector<double> cap(static_cast<std::size_t>(stages), 0.0), need(cap.size(), 1.0);
  for (std::size_t i = 0; i < n; ++i) cap[f.stage[i]] += f.capacity[i];
  for (int s = stages - 2; s >= 0; --s) need[s] = need[s + 1] * coef;
  double final_units = 0;
  int counted = 0;
  for (int s = 0; s < stages; ++s)
    if (cap[s] > 0 && need[s] > 0) final_units += cap[s] / need[s], ++counted;
  if (counted > 0) final_units /= counted;
  std::vector<double> scale(cap.size(), 1.0);
  for (int s = 0; s < stages; ++s)
    if (cap[s] > 0 && need[s] > 0) scale[s] = final_units * need[s] / cap[s];

  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    f.capacity[i] *= scale[f.stage[i]];
    f.employees[i] = std::max(1.0, f.capacity[i] * u0 * std::exp(-f.log_productivity[i]));
    f.markup[i] = sc.market.initial_markup;
    f.brand[i] = by_class(sc.market.initial_brand, f.size_class[i]);
    f.agglomeration[i] = agglomeration_saving(
        sc.costs, local_cluster_size(st.cells, f.stage[i], f.region[i]));
    f.tie_fill[i] = 1;
  });
  // Price estimates stage by stage (before any tie): labour plus the previous stage's mean.
  double upstream_price = 0;
  for (int s = 0; s < stages; ++s) {
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      if (f.stage[i] != s) return;
      const RegionState& r = st.regions[f.region[i]];
      const double labour = unit_labour_cost(sc.costs, st.countries[r.country].spec.wage,
                                             f.log_productivity[i], f.agglomeration[i],
                                             r.spec.infrastructure);
      f.unit_cost[i] = labour + coef * upstream_price;
      f.price[i] = (1 + f.markup[i]) * f.unit_cost[i];
    });
    upstream_price = stage_prices(f, stages)[s];
  }
}

void init_markets_and_finance(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const int stages = std::max(1, sc.world.stages);
  const std::size_t n = f.size();
  const double u0 = sc.market.initial_utilisation;
  const double coef = sc.production.input_coefficient;

  // Prices through the initial ties: tied inputs at the supplier's price plus transaction
  // costs, the rest at the stage's mean price plus the spot premium.
  std::vector<double> tied_cost(n, 0.0), tied_share(n, 0.0);
  for (int s = 1; s < stages; ++s) {
    const double spot = stage_prices(f, stages)[s - 1] * (1 + sc.production.spot_premium);
    for (const Tie& t : st.ties) {
      if (f.stage[t.target] != s) continue;
      tied_cost[t.target] += t.share * f.price[t.source] *
                             (1 + tie_transaction_rate(sc.costs, st, t.source, t.target, t.trust));
      tied_share[t.target] += t.share;
    }
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      if (f.stage[i] != s) return;
      const RegionState& r = st.regions[f.region[i]];
      const double labour = unit_labour_cost(sc.costs, st.countries[r.country].spec.wage,
                                             f.log_productivity[i], f.agglomeration[i],
                                             r.spec.infrastructure);
      const double inputs = tied_cost[i] + std::max(0.0, 1 - tied_share[i]) * spot;
      f.unit_cost[i] = labour + coef * inputs;
      f.price[i] = (1 + f.markup[i]) * f.unit_cost[i];
    });
  }

  // Balance sheets, expectations, upstream shares, revenue and the R&D stock it implies.
  std::vector<double> stage_capacity(static_cast<std::size_t>(stages), 0.0);
  for (std::size_t i = 0; i < n; ++i) stage_capacity[f.stage[i]] += f.capacity[i];
  double final_log_a = 0, final_count = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (f.stage[i] == stages - 1) final_log_a += f.log_productivity[i], final_count += 1;
  if (final_count > 0) final_log_a /= final_count;
  const InnovationSpec& inn = sc.innovation;
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    const double capital = capital_per_capacity(sc.finance, f.log_productivity[i]) * f.capacity[i];
    f.debt[i] = sc.finance.initial_debt_ratio * capital;
    f.net_worth[i] = capital - f.debt[i];
    f.expected_demand[i] = u0 * f.capacity[i];
    f.demand[i] = f.expected_demand[i];
    f.revenue[i] = f.price[i] * u0 * f.capacity[i];
    const CountrySpec& c = st.countries[f.country[i]].spec;
    if (f.stage[i] == stages - 1) {
      const double gap = f.log_productivity[i] - final_log_a;
      f.exporter[i] = gap >= sc.market.export_entry_gap +
                                 sc.market.export_cost_weight * c.export_access_cost;
    } else {
      const double total = stage_capacity[f.stage[i]];
      f.market_share[i] = total > 0 ? f.capacity[i] / total : 0;
    }
    f.rd_stock[i] =
        inn.rd_depreciation > 0 ? f.rd_intensity[i] * f.revenue[i] / inn.rd_depreciation : 0;
    f.absorptive[i] = absorptive_level(inn, f.size_class[i], f.rd_stock[i]);
  });

  // Final markets: each final-stage firm's sales at the initial utilisation, an exporter's
  // split between home and the export market; demand is their sum, shares their parts.
  const std::size_t exports = st.countries.size();
  std::fill(st.market_demand.begin(), st.market_demand.end(), 0.0);
  const double x0 = sc.market.initial_export_fraction;
  for (std::size_t i = 0; i < n; ++i) {
    if (f.stage[i] != stages - 1) continue;
    const double sales = f.revenue[i];
    const double abroad = f.exporter[i] ? x0 * sales : 0.0;
    st.market_demand[f.country[i]] += sales - abroad;
    st.market_demand[exports] += abroad;
  }
  // Without an initial exporter the export market still exists: as large as one firm's
  // export sales, waiting for the first firm that qualifies.
  double final_sales = 0, final_firms = 0;
  for (std::size_t m = 0; m < exports; ++m) final_sales += st.market_demand[m];
  for (std::size_t i = 0; i < n; ++i) final_firms += f.stage[i] == stages - 1;
  if (st.market_demand[exports] <= 0 && final_firms > 0)
    st.market_demand[exports] = x0 * final_sales / final_firms;
  for (std::size_t i = 0; i < n; ++i) {
    if (f.stage[i] != stages - 1) continue;
    const double sales = f.revenue[i];
    const double abroad = f.exporter[i] ? x0 * sales : 0.0;
    const double home = st.market_demand[f.country[i]];
    f.market_share[i] = home > 0 ? (sales - abroad) / home : 0;
    f.export_share[i] = st.market_demand[exports] > 0 ? abroad / st.market_demand[exports] : 0;
    f.export_demand[i] = f.price[i] > 0 ? abroad / f.price[i] : 0;
  }
}

}  // namespace firmsim
