// Innovation and learning on tiny hand-made worlds (sim/phases/innovation.cpp and the mechanism
// files it calls).
#include <oneapi/tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/cells.hpp"
#include "firmsim/state.hpp"
#include "phases/learning.hpp"
#include "phases/phases.hpp"
#include "test_quiet_scenario.hpp"

using namespace firmsim;

namespace {

/// A scenario with every learning mechanism switched off; tests switch on the one they test.
Scenario quiet_scenario(int stages = 1) { return test::quiet_learning_scenario(stages); }

/// `n` alive firms in one country, all in region 0 and stage 0, equal in everything; profiles
/// uniform over `fields` fields.
State tiny_world(std::size_t n, int fields = 2, int regions = 1) {
  State st;
  st.knowledge_fields = fields;
  st.countries.push_back({CountrySpec{}});
  for (int r = 0; r < regions; ++r) st.regions.push_back({RegionSpec{}, 0});
  st.firms.resize(n, fields);
  Firms& f = st.firms;
  for (std::size_t i = 0; i < n; ++i) {
    f.alive[i] = 1;
    f.absorptive[i] = 0.5;
    f.rd_intensity[i] = 0.02;
    f.revenue[i] = 100;
    for (int k = 0; k < fields; ++k) f.knowledge[i * fields + k] = 1.0f / fields;
  }
  return st;
}

void add_tie(State& st, FirmId source, FirmId target, TieType type, std::int32_t group = -1) {
  Tie t;
  t.source = source;
  t.target = target;
  t.type = type;
  t.group = group;
  st.ties.push_back(t);
}

/// Rebuilds the indexes the phase reads (as the measure phase and entry/exit would).
void refresh(const Scenario& sc, State& st) {
  rebuild_network(st.network, st.ties, st.firms.size());
  rebuild_cells(st, sc.world.stages);
}

void set_profile(State& st, FirmId i, std::vector<float> profile) {
  for (std::size_t k = 0; k < profile.size(); ++k)
    st.firms.knowledge[i * st.knowledge_fields + k] = profile[k];
}

}  // namespace

TEST_CASE("a firm with more R&D innovates more often, at the hazard's rate", "[innovation]") {
  Scenario sc = quiet_scenario();
  sc.innovation.innovation_rate = 0.5;
  State st = tiny_world(2);
  st.firms.revenue[0] = 100;   // R&D 2 per step
  st.firms.revenue[1] = 1000;  // R&D 20 per step
  refresh(sc, st);
  int count[2] = {0, 0};
  const int steps = 2000;
  for (st.step = 0; st.step < steps; ++st.step) {
    phases::innovation(sc, st);
    for (int i = 0; i < 2; ++i) count[i] += st.firms.innovated[i];
  }
  REQUIRE(st.firms.rd_spend[0] == Approx(2.0));
  REQUIRE(st.firms.rd_spend[1] == Approx(20.0));
  // Success times the chance that Beta(2, 4) on [-0.05, 0.15] is positive, P(B > 0.25) =
  // P(Binomial(5, 0.25) <= 1) = 0.75^5 + 5 0.25 0.75^4 = 0.6328.
  const double keep = std::pow(0.75, 5) + 5 * 0.25 * std::pow(0.75, 4);
  for (int i = 0; i < 2; ++i) {
    const double p = (1 - std::exp(-0.5 * st.firms.rd_spend[i] / 10.0)) * keep;
    const double se = std::sqrt(p * (1 - p) / steps);
    CHECK(std::abs(count[i] / double(steps) - p) < 4 * se);
  }
  CHECK(count[1] > 2 * count[0]);
  // Innovations only ever raise productivity, and the tally counts them.
  CHECK(st.firms.log_productivity[1] > st.firms.log_productivity[0]);
  CHECK(st.firms.log_productivity[0] > 0);
}

TEST_CASE("imitation moves firms only toward more productive ones", "[innovation]") {
  Scenario sc = quiet_scenario();
  sc.innovation.imitation_rate = 100;  // every firm tries
  sc.innovation.imitation_candidates = 60;
  const std::size_t n = 30;
  State st = tiny_world(n, 3);
  for (std::size_t i = 0; i < n; ++i) {
    st.firms.log_productivity[i] = 0.05 * static_cast<double>(i);
    set_profile(st, static_cast<FirmId>(i), {0.6f - 0.01f * i, 0.2f, 0.2f + 0.01f * i});
  }
  refresh(sc, st);
  const std::vector<double> before = st.firms.log_productivity;
  phases::innovation(sc, st);
  int moved = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double after = st.firms.log_productivity[i];
    CHECK(after >= before[i]);
    CHECK(after <= before[n - 1]);
    CHECK(after - before[i] <= sc.innovation.imitation_catch_up * (before[n - 1] - before[i]) + 1e-12);
    moved += after > before[i];
  }
  CHECK(st.firms.log_productivity[n - 1] == before[n - 1]);  // the leader has no one to imitate
  CHECK(moved >= static_cast<int>(n) - 3);
}

TEST_CASE("imitation follows the inverted U in cognitive distance", "[innovation]") {
  // A learner and one more productive firm whose profile lies at distance d from the learner's.
  auto gain = [](double d) {
    Scenario sc = quiet_scenario();
    sc.innovation.imitation_rate = 1000;
    sc.innovation.imitation_candidates = 40;
    State st = tiny_world(2, 2);
    st.firms.log_productivity[1] = 1.0;
    set_profile(st, 0, {1.0f, 0.0f});
    set_profile(st, 1, {static_cast<float>(1 - d), static_cast<float>(d)});
    refresh(sc, st);
    phases::innovation(sc, st);
    return st.firms.log_productivity[0];
  };
  const double d_star = InnovationSpec{}.optimal_cognitive_distance;
  const double close = gain(0.02), best = gain(d_star), far = gain(1.0);
  CHECK(best > 2 * close);
  CHECK(best > 2 * far);
  CHECK(best == Approx(InnovationSpec{}.imitation_catch_up).epsilon(1e-6));
  CHECK(close == Approx(InnovationSpec{}.imitation_catch_up *
                        learning::learning_value(0.02, d_star)).epsilon(1e-5));
}

TEST_CASE("pooling R&D in partnerships and consortia raises effective R&D and innovation",
          "[innovation]") {
  Scenario sc = quiet_scenario();
  sc.innovation.innovation_rate = 0.2;
  // Firms 0 and 1 are R&D partners; firm 2 is alone; 3, 4, 5 form a consortium in which firm 5
  // contributes half as much as the others.
  State st = tiny_world(6);
  st.firms.revenue[5] = 50;
  add_tie(st, 0, 1, TieType::rd_partnership);
  add_tie(st, 3, 4, TieType::consortium, 7);
  add_tie(st, 3, 5, TieType::consortium, 7);
  add_tie(st, 4, 5, TieType::consortium, 7);
  refresh(sc, st);
  int count[6] = {};
  const int steps = 1500;
  for (st.step = 0; st.step < steps; ++st.step) {
    phases::innovation(sc, st);
    for (int i = 0; i < 6; ++i) count[i] += st.firms.innovated[i];
  }
  const auto& rd = st.technology.rd_effective;
  const double pool = sc.innovation.rd_pooling;
  CHECK(rd[2] == Approx(2.0));
  CHECK(rd[0] == Approx(2.0 + pool * 2.0));
  // Consortium: benefit = pooling * others' R&D * own / mean member R&D (mean 5/3).
  CHECK(rd[3] == Approx(2.0 + pool * 3.0 * 2.0 / (5.0 / 3.0)));
  CHECK(rd[5] == Approx(1.0 + pool * 4.0 * 1.0 / (5.0 / 3.0)));
  CHECK(count[0] > count[2] * 1.25);
  CHECK(count[1] > count[2] * 1.25);
  CHECK(count[3] > count[2] * 1.25);
}

TEST_CASE("an OEM supplier converges toward its buyer; licensing moves the licensee",
          "[innovation]") {
  Scenario sc = quiet_scenario();
  sc.innovation.tie_learning = InnovationSpec{}.tie_learning;
  const double oem_rate = sc.innovation.tie_learning[static_cast<int>(TieType::oem)];
  const double sub_rate = sc.innovation.tie_learning[static_cast<int>(TieType::subcontracting)];
  // 0 supplies 1 under OEM; 2 subcontracts for 3; 4 licenses its technology to 5.
  State st = tiny_world(6);
  Firms& f = st.firms;
  f.log_productivity = {0.0, 1.0, 0.0, 1.0, 1.0, 0.0};
  add_tie(st, 0, 1, TieType::oem);
  add_tie(st, 2, 3, TieType::subcontracting);
  add_tie(st, 4, 5, TieType::licensing);
  refresh(sc, st);
  const int steps = 40;
  for (st.step = 0; st.step < steps; ++st.step) phases::innovation(sc, st);
  const double expected_gap = std::pow(1 - oem_rate * 0.5, steps);
  CHECK(1.0 - f.log_productivity[0] == Approx(expected_gap).epsilon(1e-9));
  CHECK(f.log_productivity[1] == 1.0);  // the buyer teaches, it does not learn
  CHECK(st.ties[0].flow_knowledge == Approx(f.log_productivity[0]));
  CHECK(f.log_productivity[2] > 0);
  CHECK(f.log_productivity[2] < f.log_productivity[0]);  // subcontracting teaches less
  CHECK(1.0 - f.log_productivity[2] == Approx(std::pow(1 - sub_rate * 0.5, steps)));
  CHECK(f.log_productivity[5] > 0.5);  // the licensee (target) learns
  CHECK(f.log_productivity[4] == 1.0);
}

TEST_CASE("cluster spillovers grow with cluster size and research institutes", "[innovation]") {
  // Region 0: 2 firms; region 1: 40 firms; region 2: 2 firms and 5 institutes. Firm 0 of each
  // region lags its cluster's frontier by 1.
  Scenario sc = quiet_scenario();
  sc.innovation.spillover_rate = 0.05;
  State st = tiny_world(44, 2, 3);
  st.regions[2].spec.research_institutes = 5;
  for (std::size_t i = 0; i < 44; ++i) {
    st.firms.region[i] = i < 2 ? 0 : (i < 42 ? 1 : 2);
    st.firms.log_productivity[i] = 1.0;
  }
  st.firms.log_productivity[0] = st.firms.log_productivity[2] = st.firms.log_productivity[42] = 0;
  refresh(sc, st);
  phases::innovation(sc, st);
  const double small = st.firms.log_productivity[0], large = st.firms.log_productivity[2],
               institutes = st.firms.log_productivity[42];
  CHECK(small == Approx(0.05 * 0.5 * std::log1p(2.0 / 50.0)));
  CHECK(large > 10 * small);
  CHECK(institutes == Approx(small * 2.0));
  CHECK(st.firms.log_productivity[1] == 1.0);
}

TEST_CASE("R&D stock accumulates and absorptive capacity follows it", "[innovation]") {
  Scenario sc = quiet_scenario();
  sc.innovation.absorptive_adjustment = 0.1;
  State st = tiny_world(2);
  st.firms.revenue[0] = 1000;  // R&D 20 per step
  st.firms.revenue[1] = 0;     // no R&D: its capacity decays to the human-capital base
  refresh(sc, st);
  for (st.step = 0; st.step < 200; ++st.step) phases::innovation(sc, st);
  const double depreciation = sc.innovation.rd_depreciation;
  CHECK(st.firms.rd_stock[0] == Approx(20.0 * (1 - std::pow(1 - depreciation, 200)) / depreciation));
  CHECK(st.firms.rd_stock[1] == 0);
  CHECK(st.firms.absorptive[0] > 0.5);
  CHECK(st.firms.absorptive[1] == Approx(sc.innovation.absorptive_base[0]).epsilon(1e-3));
  CHECK(st.tally.rd_spend == Approx(20.0 * 200));
}

TEST_CASE("innovation and learning give identical results on 1, 2 and 4 threads",
          "[innovation]") {
  Scenario sc;
  sc.world.stages = 3;
  sc.innovation.rd_scale = 5;
  auto run = [&](int threads) {
    State st = tiny_world(3000, 4, 4);
    Rng rng(99, 0, 0, Stream::experiment);
    Firms& f = st.firms;
    for (std::size_t i = 0; i < f.size(); ++i) {
      f.region[i] = static_cast<std::uint16_t>(rng.below(4));
      f.stage[i] = static_cast<std::uint8_t>(rng.below(3));
      f.log_productivity[i] = rng.normal(0, 0.3);
      f.revenue[i] = rng.lognormal(3, 1);
      f.absorptive[i] = rng.uniform();
      double sum = 0;
      for (int k = 0; k < 4; ++k) sum += f.knowledge[i * 4 + k] = static_cast<float>(rng.uniform());
      for (int k = 0; k < 4; ++k) f.knowledge[i * 4 + k] /= static_cast<float>(sum);
    }
    for (int t = 0; t < 15000; ++t) {
      const auto a = static_cast<FirmId>(rng.below(3000)), b = static_cast<FirmId>(rng.below(3000));
      add_tie(st, a, b, static_cast<TieType>(rng.below(kTieTypeCount)),
              static_cast<std::int32_t>(rng.below(200)));
    }
    f.alive[17] = 0;
    refresh(sc, st);
    tbb::task_arena arena(threads);
    arena.execute([&] {
      for (st.step = 0; st.step < 6; ++st.step) phases::innovation(sc, st);
    });
    return st;
  };
  const State one = run(1), two = run(2), four = run(4);
  for (const State* other : {&two, &four}) {
    REQUIRE(one.firms.log_productivity == other->firms.log_productivity);
    REQUIRE(one.firms.knowledge == other->firms.knowledge);
    REQUIRE(one.firms.absorptive == other->firms.absorptive);
    REQUIRE(one.tally.rd_spend == other->tally.rd_spend);
    for (std::size_t t = 0; t < one.ties.size(); ++t)
      REQUIRE(one.ties[t].flow_knowledge == other->ties[t].flow_knowledge);
  }
  // Profiles stay on the simplex.
  for (std::size_t i = 0; i < one.firms.size(); ++i) {
    float sum = 0;
    for (int k = 0; k < 4; ++k) {
      REQUIRE(one.firms.knowledge[i * 4 + k] >= 0.0f);
      sum += one.firms.knowledge[i * 4 + k];
    }
    REQUIRE(sum == Approx(1.0f).epsilon(1e-5));
  }
}
