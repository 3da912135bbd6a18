// The per-step metrics (sim/core/metrics.cpp) on tiny hand-made states with hand-computed values.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "firmsim/metrics.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

using namespace firmsim;

namespace {

/// `n` alive firms in one country and region, stage 0, one employee and one unit of output each.
State metric_world(std::size_t n, int regions = 1) {
  State st;
  st.knowledge_fields = 1;
  st.countries.push_back({CountrySpec{}});
  for (int r = 0; r < regions; ++r) st.regions.push_back({RegionSpec{}, 0});
  st.firms.resize(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    st.firms.alive[i] = 1;
    st.firms.employees[i] = 1;
    st.firms.output[i] = 1;
    st.firms.unit_cost[i] = 1;
  }
  return st;
}

void tie(State& st, FirmId a, FirmId b, TieType type = TieType::subcontracting) {
  Tie t;
  t.source = a;
  t.target = b;
  t.type = type;
  st.ties.push_back(t);
}

Scenario one_stage() {
  Scenario sc;
  sc.world.stages = 1;
  sc.steps = 10;
  return sc;
}

double metric(const std::vector<double>& v, const std::string& name) {
  const int k = metric_index(name);
  REQUIRE(k >= 0);
  return v[static_cast<std::size_t>(k)];
}

std::vector<double> metrics_of(State& st, const Scenario& sc = one_stage()) {
  rebuild_network(st.network, st.ties, st.firms.size());
  std::vector<double> v;
  compute_metrics(sc, st, v);
  REQUIRE(v.size() == metric_definitions().size());
  return v;
}

/// A triangle 0-1-2 with a pendant 3 on 0 (the "paw"): n 4, m 4, 5 connected triples.
State paw(std::size_t n = 4) {
  State st = metric_world(n);
  tie(st, 0, 1);
  tie(st, 1, 2, TieType::licensing);
  tie(st, 2, 0);
  tie(st, 3, 0, TieType::rd_partnership);
  return st;
}

}  // namespace

TEST_CASE("the timeseries columns the users' scripts read are all there", "[outputs]") {
  for (const char* name :
       {"firms", "entries", "exits", "output", "exports", "mean_productivity", "mean_unit_cost",
        "innovations", "rd_spend", "ties", "density", "mean_degree", "clustering",
        "giant_component_share", "assortativity", "hhi", "gini_size", "unmet_orders_share",
        "policy_spend"})
    CHECK(metric_index(name) >= 0);
  for (const TieRule& r : kTieRules) CHECK(metric_index("ties_" + std::string(r.name)) >= 0);
  const auto& defs = metric_definitions();
  for (std::size_t i = 0; i < defs.size(); ++i) {
    CHECK(metric_index(defs[i].name) == static_cast<int>(i));  // names are unique
    CHECK(!defs[i].unit.empty());
    CHECK(!defs[i].meaning.empty());
  }
}

TEST_CASE("network metrics of a triangle with a pendant", "[outputs]") {
  State st = paw();
  const auto v = metrics_of(st);
  CHECK(metric(v, "firms") == 4);
  CHECK(metric(v, "ties") == 4);
  CHECK(metric(v, "ties_subcontracting") == 2);
  CHECK(metric(v, "ties_licensing") == 1);
  CHECK(metric(v, "ties_rd_partnership") == 1);
  CHECK(metric(v, "ties_oem") == 0);
  CHECK(metric(v, "density") == Approx(8.0 / 12.0));
  CHECK(metric(v, "mean_degree") == Approx(2.0));
  CHECK(metric(v, "clustering") == Approx(3.0 / 5.0));  // 1 triangle, 5 connected triples
  CHECK(metric(v, "giant_component_share") == Approx(1.0));
  // Degrees 3,2,2,1; over the 8 arcs r = (38/8 - 2.25^2) / (44/8 - 2.25^2) = -5/7.
  CHECK(metric(v, "assortativity") == Approx(-5.0 / 7.0));
  CHECK(metric(v, "cooperating_share") == Approx(1.0));
}

TEST_CASE("parallel and reversed ties count once in the network metrics", "[outputs]") {
  State st = paw();
  tie(st, 1, 0, TieType::licensing);  // the same pair again, other direction and type
  tie(st, 0, 1, TieType::oem);
  const auto v = metrics_of(st);
  CHECK(metric(v, "ties") == 6);
  CHECK(metric(v, "density") == Approx(8.0 / 12.0));
  CHECK(metric(v, "clustering") == Approx(0.6));
  CHECK(metric(v, "assortativity") == Approx(-5.0 / 7.0));
}

TEST_CASE("dead firms and their ties are left out of every metric", "[outputs]") {
  // Firm 4 is dead but still tied to 0 and 3 (which would close a second triangle), firm 5 is
  // alive and isolated.
  State st = paw(6);
  tie(st, 4, 0);
  tie(st, 4, 3);
  st.firms.alive[4] = 0;
  st.firms.employees[4] = 1000;
  st.firms.output[4] = 1000;
  const auto v = metrics_of(st);
  CHECK(metric(v, "firms") == 5);
  CHECK(metric(v, "density") == Approx(8.0 / 20.0));
  CHECK(metric(v, "mean_degree") == Approx(8.0 / 5.0));
  CHECK(metric(v, "clustering") == Approx(0.6));
  CHECK(metric(v, "giant_component_share") == Approx(4.0 / 5.0));
  CHECK(metric(v, "assortativity") == Approx(-5.0 / 7.0));
  CHECK(metric(v, "output") == Approx(5.0));
  CHECK(metric(v, "employees") == Approx(5.0));
  CHECK(metric(v, "cooperating_share") == Approx(4.0 / 5.0));
  CHECK(metric(v, "gini_size") == Approx(0.0));
  CHECK(metric(v, "hhi") == Approx(1.0 / 5.0));
}

TEST_CASE("a graph without ties or without triples", "[outputs]") {
  State st = metric_world(3);
  auto v = metrics_of(st);
  CHECK(metric(v, "density") == 0);
  CHECK(metric(v, "mean_degree") == 0);
  CHECK(metric(v, "clustering") == 0);
  CHECK(metric(v, "giant_component_share") == Approx(1.0 / 3.0));
  CHECK(std::isnan(metric(v, "assortativity")));
  CHECK(metric(v, "cooperating_share") == 0);
  // A star: every edge joins the hub (degree 3) to a leaf (degree 1): perfectly disassortative.
  State star = metric_world(4);
  tie(star, 0, 1), tie(star, 0, 2), tie(star, 3, 0);
  v = metrics_of(star);
  CHECK(metric(v, "clustering") == 0);
  CHECK(metric(v, "assortativity") == Approx(-1.0));
  State none = metric_world(0);
  v = metrics_of(none);
  CHECK(metric(v, "firms") == 0);
  CHECK(metric(v, "density") == 0);
  CHECK(metric(v, "giant_component_share") == 0);
  CHECK(metric(v, "gini_size") == 0);
}

TEST_CASE("clustering is computed every K steps and on the last step, NA otherwise",
          "[outputs]") {
  Scenario sc = one_stage();
  sc.output.clustering_every = 3;
  sc.steps = 8;
  State st = paw();
  for (int step = 0; step < sc.steps; ++step) {
    st.step = step;
    const auto v = metrics_of(st, sc);
    INFO("step " << step);
    if (step % 3 == 0 || step == 7)
      CHECK(metric(v, "clustering") == Approx(0.6));
    else
      CHECK(std::isnan(metric(v, "clustering")));
    CHECK(metric(v, "density") == Approx(8.0 / 12.0));  // the rest every step
  }
}

TEST_CASE("gini and hhi on known sizes", "[outputs]") {
  const std::vector<double> equal{2, 2, 2, 2}, one_holds{0, 0, 0, 5}, mixed{1, 2, 3, 4};
  CHECK(gini(equal) == Approx(0.0).margin(1e-12));
  CHECK(gini(one_holds) == Approx(0.75));
  // Mean absolute difference over all ordered pairs / (2 mean): (20/16) / 5 = 0.25.
  CHECK(gini(mixed) == Approx(0.25));
  CHECK(gini(std::vector<double>{}) == 0);
  CHECK(hhi(equal) == Approx(0.25));
  CHECK(hhi(one_holds) == Approx(1.0));
  CHECK(hhi(mixed) == Approx((1 + 4 + 9 + 16) / 100.0));
  CHECK(hhi(std::vector<double>{0, 0}) == 0);

  // Through compute_metrics: employees 1,2,3,4 and output shares within two stages.
  Scenario sc = one_stage();
  sc.world.stages = 2;
  State st = metric_world(4);
  for (int i = 0; i < 4; ++i) st.firms.employees[i] = i + 1;
  st.firms.stage[2] = st.firms.stage[3] = 1;
  st.firms.output = {1, 3, 5, 5};  // stage 0: shares 1/4, 3/4; stage 1: 1/2, 1/2
  const auto v = metrics_of(st, sc);
  CHECK(metric(v, "gini_size") == Approx(0.25));
  CHECK(metric(v, "hhi") == Approx(((1.0 + 9.0) / 16.0 + 0.5) / 2.0));
  CHECK(metric(v, "output") == Approx(14.0));
}

TEST_CASE("gini_size is exactly gini() of the alive firms' sizes", "[outputs]") {
  // Sizes over many magnitudes, repeated values, zeros, negatives (counted as 0) and a NaN (as
  // 0 too): the metric sorts them its own way, which must give the sequence std::sort gives.
  const std::size_t n = 3000;
  State st = metric_world(n);
  std::uint64_t x = 99;
  std::vector<double> alive_sizes;
  for (std::size_t i = 0; i < n; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const double u = static_cast<double>(x >> 11) / 9007199254740992.0;
    double e = std::exp(12 * u) * (1 + u / 3);
    if (i % 11 == 0) e = std::round(e);
    if (i % 97 == 0) e = 0;
    if (i % 101 == 0) e = -3;
    if (i % 103 == 0) e = i % 2 ? -0.0 : std::numeric_limits<double>::quiet_NaN();
    st.firms.employees[i] = e;
    st.firms.alive[i] = i % 13 != 0;
    if (st.firms.alive[i]) alive_sizes.push_back(std::max(0.0, e));
  }
  const auto v = metrics_of(st);
  CHECK(metric(v, "gini_size") == gini(alive_sizes));
  CHECK(metric(v, "gini_size") > 0.5);
  State one = metric_world(1);
  CHECK(metric(metrics_of(one), "gini_size") == 0);
  State none = metric_world(0);
  CHECK(metric(metrics_of(none), "gini_size") == 0);
}

TEST_CASE("means, dispersion, tallies and the cooperating comparison", "[outputs]") {
  State st = metric_world(4);
  st.firms.log_productivity = {0.0, std::log(2.0), std::log(4.0), 0.0};
  st.firms.unit_cost = {1.0, 2.0, 4.0, 9.0};
  st.firms.output = {1, 1, 1, 0};  // firm 3 produced nothing: no unit cost counted
  st.firms.exports = {0, 0, 0.5, 0};
  st.countries.push_back({CountrySpec{}});
  st.firms.country[1] = 1;
  // 0 and 1 cooperate across countries (an R&D partnership); 2 exports; 3 is alone. A plain
  // subcontracting tie (arm's-length supply) is not cooperation: 2 and 3 stay "isolated".
  tie(st, 0, 1, TieType::rd_partnership);
  tie(st, 2, 3);
  st.tally.entries = 3;
  st.tally.exits = 2;
  st.tally.innovations = 5;
  st.tally.rd_spend = 1.5;
  st.tally.policy_spend = 0.25;
  st.tally.orders = 8;
  st.tally.unmet_orders = 2;
  const auto v = metrics_of(st);
  CHECK(metric(v, "entries") == 3);
  CHECK(metric(v, "exits") == 2);
  CHECK(metric(v, "innovations") == 5);
  CHECK(metric(v, "rd_spend") == 1.5);
  CHECK(metric(v, "policy_spend") == 0.25);
  CHECK(metric(v, "unmet_orders_share") == Approx(0.25));
  CHECK(metric(v, "exports") == Approx(0.5));
  CHECK(metric(v, "mean_productivity") == Approx((1 + 2 + 4 + 1) / 4.0));
  // log A = 0, l, 2l, 0 with l = log 2: sample sd = l * sqrt(11/12).
  CHECK(metric(v, "sd_log_productivity") == Approx(std::log(2.0) * std::sqrt(11.0 / 12.0)));
  CHECK(metric(v, "mean_unit_cost") == Approx(7.0 / 3.0));
  CHECK(metric(v, "sd_log_unit_cost") == Approx(std::log(2.0)));
  CHECK(metric(v, "mean_unit_cost_cooperating") == Approx(1.5));
  CHECK(metric(v, "mean_unit_cost_isolated") == Approx(4.0));
  CHECK(metric(v, "mean_productivity_cooperating") == Approx(1.5));
  CHECK(metric(v, "mean_productivity_isolated") == Approx(2.5));
  CHECK(metric(v, "cooperating_share") == Approx(0.5));
  CHECK(metric(v, "gvc_share") == Approx(0.75));
}

TEST_CASE("location quotients and spatial concentration", "[outputs]") {
  // Two regions, two stages. Stage 0 sits only in region 0; stage 1 is spread evenly.
  Scenario sc = one_stage();
  sc.world.stages = 2;
  State st = metric_world(4, 2);
  st.firms.stage = {0, 1, 1, 0};
  st.firms.region = {0, 0, 1, 0};
  st.firms.employees = {2, 1, 1, 2};  // E = 6; region 0: 5, region 1: 1; stage 0: 4, stage 1: 2
  const auto v = metrics_of(st, sc);
  // LQ(stage 1, region 1) = (1/1) / (2/6) = 3; LQ(stage 0, region 0) = (4/5) / (4/6) = 1.2.
  CHECK(metric(v, "max_location_quotient") == Approx(3.0));
  // Stage 0: 1/2 (|1 - 5/6| + |0 - 1/6|) = 1/6; stage 1: 1/2 (|1/2 - 5/6| + |1/2 - 1/6|) = 1/3.
  CHECK(metric(v, "spatial_concentration") == Approx(4.0 / 6.0 / 6.0 + 2.0 / 6.0 / 3.0));
}

TEST_CASE("network metrics of a random graph agree with brute force", "[outputs]") {
  // 150 firms, about 5% of pairs tied (some twice), every seventh firm dead.
  const std::size_t n = 150;
  State st = metric_world(n);
  std::uint64_t x = 12345;
  auto next = [&x] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(x >> 11) / 9007199254740992.0;
  };
  std::vector<std::vector<int>> adj(n, std::vector<int>(n, 0));
  for (FirmId a = 0; a < n; ++a)
    for (FirmId b = a + 1; b < n; ++b)
      if (next() < 0.05) {
        if (next() < 0.5)
          tie(st, a, b);
        else
          tie(st, b, a);
        if (next() < 0.2) tie(st, b, a, TieType::licensing);
        adj[a][b] = adj[b][a] = 1;
      }
  for (std::size_t i = 0; i < n; i += 7) st.firms.alive[i] = 0;
  const auto alive = [&st](std::size_t i) { return st.firms.alive[i] != 0; };
  double nn = 0, m = 0, triangles = 0, triples = 0;
  std::vector<double> deg(n, 0);
  for (std::size_t a = 0; a < n; ++a) {
    if (!alive(a)) continue;
    nn += 1;
    for (std::size_t b = 0; b < n; ++b) deg[a] += alive(b) && adj[a][b];
    triples += deg[a] * (deg[a] - 1) / 2;
    for (std::size_t b = a + 1; b < n; ++b) {
      if (!alive(b) || !adj[a][b]) continue;
      m += 1;
      for (std::size_t c = b + 1; c < n; ++c) triangles += alive(c) && adj[a][c] && adj[b][c];
    }
  }
  // Pearson correlation of the end degrees over both directions of every edge.
  double sx = 0, sxx = 0, sxy = 0, arcs = 0;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      if (alive(a) && alive(b) && adj[a][b]) {
        arcs += 1, sx += deg[a], sxx += deg[a] * deg[a], sxy += deg[a] * deg[b];
      }
  const double mean = sx / arcs;
  const double r = (sxy / arcs - mean * mean) / (sxx / arcs - mean * mean);
  // Largest component by repeated flood fill.
  std::vector<int> seen(n, 0);
  double largest = 0;
  for (std::size_t s = 0; s < n; ++s) {
    if (!alive(s) || seen[s]) continue;
    std::vector<std::size_t> stack{s};
    seen[s] = 1;
    double size = 0;
    while (!stack.empty()) {
      const std::size_t a = stack.back();
      stack.pop_back();
      size += 1;
      for (std::size_t b = 0; b < n; ++b)
        if (alive(b) && adj[a][b] && !seen[b]) seen[b] = 1, stack.push_back(b);
    }
    largest = std::max(largest, size);
  }
  REQUIRE(triangles > 0);
  const auto v = metrics_of(st);
  CHECK(metric(v, "firms") == nn);
  CHECK(metric(v, "density") == Approx(2 * m / (nn * (nn - 1))));
  CHECK(metric(v, "mean_degree") == Approx(2 * m / nn));
  CHECK(metric(v, "clustering") == Approx(3 * triangles / triples));
  CHECK(metric(v, "giant_component_share") == Approx(largest / nn));
  CHECK(metric(v, "assortativity") == Approx(r));
}
