// Economy mechanisms on tiny hand-made worlds: each test checks that a mechanism has its effect
// (sim/phases/costs.cpp, sim/core/cost_model.hpp, sim/core/technology.cpp, innovation.cpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/cells.hpp"
#include "core/cost_model.hpp"
#include "core/technology.hpp"
#include "firmsim/rng.hpp"
#include "firmsim/state.hpp"
#include "phases/phases.hpp"
#include "ties/supply.hpp"
#include "ties/supply_score.hpp"

using namespace firmsim;

namespace {

/// One country, `regions` regions; `per_region[r]` alive stage-0 firms in region r, all equal.
State cluster_world(const std::vector<int>& per_region, int fields = 2) {
  State st;
  st.knowledge_fields = fields;
  st.countries.push_back({CountrySpec{}});
  std::size_t n = 0;
  for (int k : per_region) {
    RegionSpec r;
    r.firms = k;  // the firms it started with (the pool of potential entrants)
    st.regions.push_back({r, 0});
    n += static_cast<std::size_t>(k);
  }
  st.firms.resize(n, fields);
  Firms& f = st.firms;
  std::size_t i = 0;
  for (std::size_t r = 0; r < per_region.size(); ++r)
    for (int k = 0; k < per_region[r]; ++k, ++i) {
      f.alive[i] = 1;
      f.region[i] = static_cast<std::uint16_t>(r);
      f.output[i] = 10;
      f.capacity[i] = 12;
      f.rd_intensity[i] = 0.02;
      f.absorptive[i] = 0.5;
      for (int q = 0; q < fields; ++q) f.knowledge[i * fields + q] = 1.0f / fields;
    }
  return st;
}

void refresh(const Scenario& sc, State& st) {
  rebuild_network(st.network, st.ties, st.firms.size());
  rebuild_cells(st, sc.world.stages);
}

}  // namespace

TEST_CASE("a firm in a bigger local cluster has a lower unit cost", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  State st = cluster_world({30, 1});
  refresh(sc, st);
  phases::costs(sc, st);
  const Firms& f = st.firms;
  const FirmId clustered = 0, alone = 30;
  REQUIRE(f.agglomeration[clustered] > f.agglomeration[alone]);
  CHECK(f.unit_cost[clustered] < f.unit_cost[alone]);
  // Switching agglomeration off removes the difference.
  sc.costs.agglomeration_strength = 0;
  phases::costs(sc, st);
  CHECK(f.unit_cost[clustered] == Approx(f.unit_cost[alone]));
}

TEST_CASE("a joint venture shares costs: both partners' unit costs fall with trust", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  State st = cluster_world({3});
  Tie jv;
  jv.source = 0;
  jv.target = 1;
  jv.type = TieType::joint_venture;
  jv.trust = 0.8f;
  st.ties = {jv};
  refresh(sc, st);
  phases::costs(sc, st);
  const Firms& f = st.firms;
  const double saving = sc.cooperation.cost_saving[static_cast<int>(TieType::joint_venture)];
  REQUIRE(saving > 0);
  CHECK(f.unit_cost[0] < f.unit_cost[2]);
  CHECK(f.unit_cost[1] == Approx(f.unit_cost[0]));
  CHECK(f.labour_cost[0] == Approx(f.labour_cost[2] * (1 - saving * 0.8)));
  // Plain subcontracting saves nothing, and no saving exceeds the cap.
  st.ties[0].type = TieType::subcontracting;
  refresh(sc, st);
  phases::costs(sc, st);
  CHECK(f.unit_cost[0] == Approx(f.unit_cost[2]));
  st.ties[0].type = TieType::joint_venture;
  sc.cooperation.cost_saving_cap = 0.01;
  refresh(sc, st);
  phases::costs(sc, st);
  CHECK(f.labour_cost[0] == Approx(f.labour_cost[2] * 0.99));
}

TEST_CASE("higher trust and better institutions lower transaction costs", "[economy]") {
  const CostSpec p;
  REQUIRE(p.transaction_rate > 0);
  const double low = transaction_rate(p, 0.1, 0.5, 100, 0.5);
  CHECK(transaction_rate(p, 0.9, 0.5, 100, 0.5) < low);
  CHECK(transaction_rate(p, 0.1, 0.9, 100, 0.5) < low);
  CHECK(transaction_rate(p, 0.1, 0.5, 1000, 0.5) > low);  // and rise with distance
}

TEST_CASE("a spin-off inherits part of its parent's productivity", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  State st = cluster_world({2});
  Firms& f = st.firms;
  f.log_productivity[0] = 1.0;  // the parent, far above the population mean
  const FirmId child = 1;
  const int draws = 200;
  double spinoff = 0, independent = 0;
  for (int d = 0; d < draws; ++d) {
    Rng a(sc.seed, child, static_cast<std::uint32_t>(d), Stream::entry);
    init_entrant_technology(sc, st, child, 0, a);
    spinoff += f.log_productivity[child] / draws;
    Rng b(sc.seed, child, static_cast<std::uint32_t>(d), Stream::entry);
    init_entrant_technology(sc, st, child, kNoFirm, b);
    independent += f.log_productivity[child] / draws;
  }
  const double rho = sc.innovation.spinoff_inheritance;
  CHECK(spinoff > independent + 0.5 * rho * (1.0 - independent));
  CHECK(spinoff == Approx(rho * 1.0 + (1 - rho) * independent).margin(0.05));
}

TEST_CASE("innovation follows R&D intensity, not firm size, with a revenue-scaled hazard",
          "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  InnovationSpec& p = sc.innovation;
  p.innovation_rate = 0.5;
  p.imitation_rate = 0;
  p.spillover_rate = 0;
  p.tie_learning.assign(kTieTypeCount, 0.0);
  State st = cluster_world({2});
  st.firms.revenue[0] = 1e4;
  st.firms.revenue[1] = 1e5;  // ten times the size, the same R&D intensity
  refresh(sc, st);
  const int steps = 600;
  auto rates = [&](double kappa) {
    sc.innovation.rd_scale_revenue = kappa;
    int count[2] = {0, 0};
    for (st.step = 0; st.step < steps; ++st.step) {
      phases::innovation(sc, st);
      for (int i = 0; i < 2; ++i) count[i] += st.firms.innovated[i];
    }
    return std::pair<double, double>(count[0] / double(steps), count[1] / double(steps));
  };
  const auto [small, big] = rates(0.02);
  CHECK(big < 0.5);  // not an innovation every step
  CHECK(std::abs(big - small) < 0.08);
  // With the fixed money scale only, both innovate almost whenever the draw is kept.
  const auto [small0, big0] = rates(0.0);
  CHECK(big0 > big + 0.15);
  CHECK(small0 > small + 0.15);
}

namespace {

/// A world of profitable firms for the entry and exit phase: every firm has a fair market share,
/// positive net worth and a return on equity well above the interest rate.
State profitable_world(const std::vector<int>& per_region, double entrepreneurship) {
  State st = cluster_world(per_region);
  for (RegionState& r : st.regions) r.spec.entrepreneurship = entrepreneurship;
  Firms& f = st.firms;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.market_share[i] = 1.0 / static_cast<double>(f.size());
    f.net_worth[i] = 10;
    f.profit[i] = 1;
    f.price[i] = 1;
    f.log_productivity[i] = 0;
    f.demand[i] = f.capacity[i];  // fully used capacity: room for entrants
  }
  return st;
}

/// Entrants over `draws` entry phases of copies of `base` (each copy at its own step).
int entrants_over(const Scenario& sc, const State& base, int draws) {
  int n = 0;
  for (int step = 0; step < draws; ++step) {
    State st = base;
    st.step = step;
    rebuild_network(st.network, st.ties, st.firms.size());
    rebuild_cells(st, sc.world.stages);
    phases::entry_exit(sc, st);
    n += static_cast<int>(st.firms.size() - base.firms.size());
  }
  return n;
}

}  // namespace

TEST_CASE("a firm with negative net worth exits and its ties end", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  State st = profitable_world({3}, 0.0);
  st.firms.net_worth[0] = -1;
  Tie a, b;
  a.source = 0;
  a.target = 1;
  b.source = 2;
  b.target = 1;
  st.ties = {a, b};
  refresh(sc, st);
  phases::entry_exit(sc, st);
  CHECK(st.firms.alive[0] == 0);
  CHECK(st.firms.alive[1] == 1);
  CHECK(st.firms.alive[2] == 1);
  CHECK(st.ties[0].alive == 0);  // the exiting supplier's tie ends
  CHECK(st.ties[1].alive == 1);
  CHECK(st.tally.exits == 1);
}

TEST_CASE("a firm whose market share stays under a fixed f_min exits", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  sc.entry_exit.tiny_share_steps = 2;
  State st = profitable_world({3}, 0.0);
  Firms& f = st.firms;
  f.market_share[0] = 0.001;
  f.market_share[1] = f.market_share[2] = 0.4995;
  f.capacity[0] = 0.001 * f.capacity[1];  // its share matches its capacity: not tiny relative to it
  for (FirmId i = 0; i < 3; ++i) f.net_worth[i] = 1;
  refresh(sc, st);
  sc.entry_exit.min_relative_share = 0;
  phases::entry_exit(sc, st);
  phases::entry_exit(sc, st);
  CHECK(f.alive[0] == 1);  // without f_min a small firm with a proportionate share stays
  sc.entry_exit.min_relative_share = 0.01 * 3;  // a share of 0.01 among three firms
  phases::entry_exit(sc, st);
  CHECK(f.alive[0] == 1);  // one step under f_min
  phases::entry_exit(sc, st);
  CHECK(f.alive[0] == 0);  // two in a row: it exits
  CHECK(f.alive[1] == 1);
}

TEST_CASE("f_min is relative to the mean share: a bigger economy loses the same share of firms",
          "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  sc.entry_exit.tiny_share_steps = 1;
  sc.entry_exit.min_relative_share = 0.02;  // the profile below puts 5-50% of firms under it
  double exit_share[2] = {0, 0};
  int k = 0;
  for (const int n : {200, 2000}) {
    State st = profitable_world({n}, 0.0);
    Firms& f = st.firms;
    // The same profile of shares, relative to the mean, at both sizes; capacity in proportion
    // to the share, so only f_min can make a firm's share tiny.
    double total = 0;
    for (int i = 0; i < n; ++i) total += std::exp(-12.0 * (i % 100) / 100.0);
    for (int i = 0; i < n; ++i) {
      f.market_share[i] = std::exp(-12.0 * (i % 100) / 100.0) / total;
      f.capacity[i] = 1000 * f.market_share[i];
    }
    refresh(sc, st);
    phases::entry_exit(sc, st);
    exit_share[k++] = static_cast<double>(st.tally.exits) / n;
  }
  CHECK(exit_share[0] > 0.05);  // the smallest firms of the profile leave ...
  CHECK(exit_share[0] < 0.5);
  CHECK(exit_share[1] == exit_share[0]);  // ... and the same share of them at ten times the size
}

TEST_CASE("entry per firm rises with the size of the local cluster", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  REQUIRE(sc.entry_exit.cluster_entry_effect > 0);
  const State base = profitable_world({200, 10}, 0.02);
  double entrants[2] = {0, 0};
  for (int step = 0; step < 200; ++step) {
    State st = base;
    st.step = step;
    refresh(sc, st);
    phases::entry_exit(sc, st);
    for (std::size_t i = base.firms.size(); i < st.firms.size(); ++i)
      entrants[st.firms.region[i]] += 1;
  }
  const double big = entrants[0] / 200.0, small = entrants[1] / 10.0;
  REQUIRE(entrants[0] > 0);
  CHECK(big > small);
}

TEST_CASE("entry stops where the stage's capacity stands idle", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  REQUIRE(sc.entry_exit.entry_room_exponent > 0);
  State used = profitable_world({200}, 0.02);
  State idle = used;  // the same firms and returns, orders for half their capacity
  for (std::size_t i = 0; i < idle.firms.size(); ++i) idle.firms.demand[i] = 0.5 * idle.firms.capacity[i];
  const int in_used = entrants_over(sc, used, 100), in_idle = entrants_over(sc, idle, 100);
  REQUIRE(in_used > 100);
  CHECK(in_idle < in_used / 20);
  // The room factor is what keeps them out: without it the idle market draws as many.
  sc.entry_exit.entry_room_exponent = 0;
  CHECK(entrants_over(sc, idle, 100) == entrants_over(sc, used, 100));
}

TEST_CASE("potential entrants come from the region's initial firms: entry does not compound",
          "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  REQUIRE(sc.entry_exit.entrant_pool == "initial_firms");
  const State start = profitable_world({200}, 0.02);
  State grown = profitable_world({400}, 0.02);  // the same region after its population doubled
  grown.regions[0].spec.firms = 200;
  const double at_start = entrants_over(sc, start, 100), later = entrants_over(sc, grown, 100);
  REQUIRE(at_start > 300);
  // Only the cluster term grows: (1 + 0.5 log 9) / (1 + 0.5 log 5) = 1.16.
  CHECK(later / at_start > 1.0);
  CHECK(later / at_start < 1.4);
  // With the pool set to the alive firms, entry doubles with them and more: it compounds.
  sc.entry_exit.entrant_pool = "alive_firms";
  const double a0 = entrants_over(sc, start, 100), a1 = entrants_over(sc, grown, 100);
  CHECK(a1 / a0 > 2.0);
}

TEST_CASE("cash above the buffer goes to the owners: net worth stays tied to capital",
          "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  REQUIRE(sc.finance.cash_buffer >= 0);
  State st = cluster_world({2});
  Firms& f = st.firms;
  for (FirmId i = 0; i < 2; ++i) {
    f.demand[i] = f.expected_demand[i] = 0.85 * f.capacity[i];
    f.price[i] = 1;
    f.net_worth[i] = 100;  // capital 18, so 82 of cash
    f.debt[i] = capital_per_capacity(sc.finance, 0.0) * f.capacity[i] - f.net_worth[i];
  }
  refresh(sc, st);
  State kept = st;
  phases::accounting(sc, st);
  for (FirmId i = 0; i < 2; ++i) {
    const double capital = capital_per_capacity(sc.finance, 0.0) * f.capacity[i];
    CHECK(-f.debt[i] == Approx(sc.finance.cash_buffer * capital));
    CHECK(f.net_worth[i] == Approx(capital - f.debt[i]));
    CHECK(f.net_worth[i] < 30);
  }
  // Off: the cash stays in the firm.
  sc.finance.cash_buffer = -1;
  phases::accounting(sc, kept);
  CHECK(kept.firms.net_worth[0] > 95);
  CHECK(-kept.firms.debt[0] > 75);
}

TEST_CASE("buyers differ in which supplier fits them", "[economy]") {
  Scenario sc;
  sc.world.stages = 2;
  REQUIRE(sc.supply.fit_weight > 0);
  State st = cluster_world({102});
  Firms& f = st.firms;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.price[i] = 1;
    f.stage[i] = i < 2 ? 0 : 1;  // two identical suppliers, 100 buyers
  }
  refresh(sc, st);
  const std::vector<StageMeans> means = stage_means(st, 2);
  const auto prefer_first = [&] {
    int n = 0;
    for (FirmId b = 2; b < 102; ++b) {
      const double s0 = supply_score(sc, st, b, 0, 0.5, means[0]).total();
      const double s1 = supply_score(sc, st, b, 1, 0.5, means[0]).total();
      if (s0 > s1) ++n;
    }
    return n;
  };
  // The fit is fixed for the pair: the same draw whenever the pair is scored.
  CHECK(supplier_fit(sc.seed, 5, 0) == supplier_fit(sc.seed, 5, 0));
  CHECK(supplier_fit(sc.seed, 5, 0) != supplier_fit(sc.seed, 5, 1));
  const int with_fit = prefer_first();
  CHECK(with_fit > 30);
  CHECK(with_fit < 70);
  sc.supply.fit_weight = 0;  // without it every buyer ranks the two alike
  CHECK(prefer_first() == 0);
}

TEST_CASE("a cheaper final-stage firm gains market share", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;  // stage 0 is the final stage
  sc.market.demand_noise = 0;
  REQUIRE(sc.market.selection > 0);
  State st = cluster_world({2});
  st.market_demand = {1000.0, 0.0};  // the home market and the export market
  Firms& f = st.firms;
  f.market_share[0] = f.market_share[1] = 0.5;
  f.price[0] = 1.0;
  f.price[1] = 1.2;  // the same in everything but price
  refresh(sc, st);
  double last = 0.5;
  for (st.step = 0; st.step < 20; ++st.step) {
    phases::demand(sc, st);
    CHECK(f.market_share[0] > last);
    last = f.market_share[0];
  }
  CHECK(f.market_share[0] + f.market_share[1] == Approx(1.0));
  CHECK(f.demand[0] > f.demand[1]);
}

TEST_CASE("a country with a lower leverage limit invests less", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  sc.finance.max_capacity_growth = 1.0;  // only finance limits the investment here
  State st = cluster_world({1, 1});
  CountrySpec tight;
  tight.leverage_limit = 0.5;
  CountrySpec loose;
  loose.leverage_limit = 2.0;
  st.countries = {{loose}, {tight}};
  st.regions[1].country = 1;
  Firms& f = st.firms;
  f.country[1] = 1;
  for (FirmId i = 0; i < 2; ++i) {
    f.demand[i] = f.expected_demand[i] = 20;  // orders well above capacity 12
    f.net_worth[i] = 15;
    f.debt[i] = capital_per_capacity(sc.finance, 0.0) * f.capacity[i] - f.net_worth[i];
  }
  refresh(sc, st);
  phases::accounting(sc, st);
  CHECK(f.capacity[0] > f.capacity[1]);
  CHECK(f.debt[0] > f.debt[1]);
  CHECK(f.debt[1] <= tight.leverage_limit * f.net_worth[1] + 1e-9);
}

TEST_CASE("an OEM supplier's productivity is pulled toward its buyer's", "[economy]") {
  Scenario sc;
  sc.world.stages = 1;
  InnovationSpec& p = sc.innovation;
  p.innovation_rate = 0;
  p.imitation_rate = 0;
  p.spillover_rate = 0;
  p.absorptive_adjustment = 0;
  p.tie_learning.assign(kTieTypeCount, 0.0);
  p.tie_learning[static_cast<int>(TieType::oem)] = 0.1;
  State st = cluster_world({3});
  Firms& f = st.firms;
  f.log_productivity[0] = 0.0;  // the OEM supplier
  f.log_productivity[1] = 0.5;  // its buyer
  f.log_productivity[2] = 0.0;  // an untied firm like the supplier
  Tie t;
  t.source = 0;
  t.target = 1;
  t.type = TieType::oem;
  st.ties = {t};
  refresh(sc, st);
  double gap = 0.5;
  for (st.step = 0; st.step < 10; ++st.step) {
    phases::innovation(sc, st);
    const double now = f.log_productivity[1] - f.log_productivity[0];
    CHECK(now < gap);
    gap = now;
  }
  CHECK(f.log_productivity[1] == Approx(0.5));  // the buyer does not learn from its supplier
  CHECK(f.log_productivity[2] == Approx(0.0));  // and nothing moves without the tie
  CHECK(st.ties[0].flow_knowledge > 0);
}

TEST_CASE("an exiting supplier leaves its buyer with unmet orders the next step", "[economy]") {
  Scenario sc;
  sc.world.stages = 2;
  State st = profitable_world({3}, 0.0);
  Firms& f = st.firms;
  f.stage[0] = 0;  // the tied supplier
  f.stage[1] = 1;  // its buyer, the final stage
  f.stage[2] = 0;  // a small supplier with little spare capacity
  f.capacity[0] = 20;
  f.capacity[1] = 12;
  f.capacity[2] = 1;
  f.demand[1] = 10;
  Tie t;
  t.source = 0;
  t.target = 1;
  t.share = 1.0;
  st.ties = {t};
  refresh(sc, st);
  auto produce = [&] {
    f.demand[1] = 10;
    phases::production(sc, st);
  };
  produce();
  REQUIRE(f.output[1] == Approx(10));
  CHECK(f.unmet[1] == Approx(0).margin(1e-9));

  f.net_worth[0] = -1;  // the supplier goes bankrupt
  phases::entry_exit(sc, st);
  REQUIRE(f.alive[0] == 0);
  REQUIRE(st.ties[0].alive == 0);
  refresh(sc, st);
  produce();
  CHECK(f.output[1] < 10);
  CHECK(f.unmet[1] > 0);
}

TEST_CASE("buyers move orders to a cheaper supplier and switch to a much cheaper one",
          "[economy]") {
  Scenario sc;
  sc.world.stages = 2;
  sc.supply.target_suppliers = 1;
  sc.supply.fit_weight = 0;  // the suppliers differ in price only
  sc.supply.search_probability = 0;  // first: shares only, no search
  State st = profitable_world({4}, 0.0);
  Firms& f = st.firms;
  // Firms 0 and 1 supply buyer 2 at equal shares; 0 is cheaper. Firm 3 is a much cheaper
  // supplier the buyer is not tied to yet.
  for (FirmId i : {0u, 1u, 3u}) f.stage[i] = 0;
  f.stage[2] = 1;
  f.price[0] = 0.8;
  f.price[1] = 1.2;
  f.price[3] = 0.3;
  for (std::size_t i = 0; i < f.size(); ++i) f.demand[i] = 0;
  Tie a, b;
  a.source = 0, b.source = 1;
  a.target = b.target = 2;
  a.share = b.share = 0.5;
  a.end_step = b.end_step = 1000;
  st.ties = {a, b};
  refresh(sc, st);
  count_customers(sc, st);
  for (int k = 0; k < 5; ++k) review_suppliers(sc, st);
  CHECK(st.ties[0].share > 0.5);
  CHECK(st.ties[1].share < 0.5);
  CHECK(st.ties[0].share + st.ties[1].share == Approx(1.0));
  CHECK(st.ties[0].alive == 1);
  CHECK(st.ties[1].alive == 1);

  // With searching on, the buyer finds firm 3 and replaces its worst supplier (firm 1).
  sc.supply.search_probability = 1;
  sc.supply.local_candidates = 1;
  sc.supply.candidates = 8;
  bool switched = false;
  for (int k = 0; k < 20 && !switched; ++k) {
    st.step = k;
    review_suppliers(sc, st);
    refresh(sc, st);
    for (const Tie& t : st.ties)
      switched = switched || (t.alive && t.source == 3 && t.target == 2);
  }
  CHECK(switched);
  CHECK(st.ties[1].alive == 0);  // the expensive supplier lost the buyer
  CHECK(st.ties[0].alive == 1);
}

TEST_CASE("larger buyers keep more suppliers", "[economy]") {
  Scenario sc;
  sc.world.stages = 2;
  sc.supply.target_suppliers = 2;
  sc.supply.local_candidates = 1;
  const auto suppliers_after_search = [&](double elasticity) {
    sc.supply.suppliers_size_elasticity = elasticity;
    State st = profitable_world({42}, 0.0);
    Firms& f = st.firms;
    for (std::size_t i = 0; i < f.size(); ++i) {
      f.stage[i] = i < 40 ? 0 : 1;  // 40 suppliers with room, 2 buyers
      f.demand[i] = 0;
    }
    // Buyer capacities 10 and 160: each is 4 times from the stage's geometric mean (40), so
    // targets max(2, round(2 * 0.25^0.8)) = 2 and round(2 * 4^0.8) = 6.
    f.capacity[40] = 10;
    f.capacity[41] = 160;
    refresh(sc, st);
    for (st.step = 0; st.step < 20; ++st.step) {
      count_customers(sc, st);
      review_suppliers(sc, st);
      refresh(sc, st);
    }
    std::array<int, 2> n{};
    for (const Tie& t : st.ties)
      if (t.alive && t.target >= 40) ++n[t.target - 40];
    return n;
  };
  const auto scaled = suppliers_after_search(0.8);
  CHECK(scaled[0] == 2);
  CHECK(scaled[1] == 6);
  const auto flat = suppliers_after_search(0.0);
  CHECK(flat[0] == 2);
  CHECK(flat[1] == 2);
}
