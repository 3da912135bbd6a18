// Cooperation ties on tiny hand-made worlds (sim/ties/partner_search.cpp, partner_score.cpp,
// cooperation_flows.cpp, cooperation_effects.cpp, cooperation_trust.cpp): one test per tie type
// that checks its rule, and tests of partner search (formation of every type, absorptive
// capacity, institutions, brokerage, thread count).
#include <oneapi/tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <vector>

#include "core/cells.hpp"
#include "core/supply_chain.hpp"
#include "firmsim/engine.hpp"
#include "firmsim/invariants.hpp"
#include "firmsim/rng.hpp"
#include "firmsim/state.hpp"
#include "phases/phases.hpp"
#include "ties/cooperation.hpp"
#include "ties/supply.hpp"
#include "test_quiet_scenario.hpp"

using namespace firmsim;

namespace {

/// Learning, R&D and every partner-search type switched off; tests switch on what they test.
Scenario quiet_scenario(int stages = 1) {
  Scenario sc = test::quiet_learning_scenario(stages);
  sc.cooperation.value.assign(kTieTypeCount, 0.0);
  sc.cooperation.search_probability = 1.0;
  return sc;
}

/// Only `type` can form.
Scenario only(TieType type, int stages = 1) {
  Scenario sc = quiet_scenario(stages);
  sc.cooperation.value[static_cast<int>(type)] = 0.5;
  return sc;
}

/// `n` alive firms in stage 0 of region 0 of country 0 (one country per entry of `countries`,
/// one region per country, 100 km apart). Profiles alternate so that neighbours sit at the
/// optimal cognitive distance 0.3.
State world(std::size_t n, std::vector<CountrySpec> countries = {CountrySpec{}}) {
  State st;
  st.knowledge_fields = 2;
  for (std::size_t c = 0; c < countries.size(); ++c) {
    st.countries.push_back({countries[c]});
    RegionState r{RegionSpec{}, static_cast<std::uint16_t>(c)};
    r.spec.x_km = 100.0 * static_cast<double>(c);
    st.regions.push_back(r);
  }
  st.firms.resize(n, 2);
  Firms& f = st.firms;
  for (std::size_t i = 0; i < n; ++i) {
    f.alive[i] = 1;
    f.absorptive[i] = 0.5;
    f.rd_intensity[i] = 0.02;
    f.revenue[i] = 100;
    f.price[i] = 1;
    f.output[i] = 100;
    f.capacity[i] = 120;
    f.demand[i] = 100;
    f.net_worth[i] = 100;
    f.brand[i] = 0.2;
    f.knowledge[2 * i] = i % 2 ? 0.65f : 0.35f;
    f.knowledge[2 * i + 1] = 1 - f.knowledge[2 * i];
  }
  return st;
}

void refresh(const Scenario& sc, State& st) {
  rebuild_network(st.network, st.ties, st.firms.size());
  rebuild_cells(st, sc.world.stages);
}

std::uint32_t add_tie(State& st, FirmId s, FirmId t, TieType type, double share = 0,
                      std::int32_t group = -1) {
  Tie tie;
  tie.source = s;
  tie.target = t;
  tie.type = type;
  tie.share = share;
  tie.group = group;
  st.ties.push_back(tie);
  return static_cast<std::uint32_t>(st.ties.size() - 1);
}

int alive_of(const State& st, TieType type) {
  int n = 0;
  for (const Tie& t : st.ties) n += t.alive && t.type == type;
  if (type == TieType::university)
    for (const InstituteTie& t : st.institute_ties) n += t.alive;
  return n;
}

/// Runs partner search `steps` times (network and cells refreshed in between).
void search(const Scenario& sc, State& st, int steps) {
  for (int k = 0; k < steps; ++k, ++st.step) {
    refresh(sc, st);
    st.events.clear();
    search_partners(sc, st);
  }
  refresh(sc, st);
}

/// Sum of cooperation money received less paid, against the tally of money from outside.
void check_conservation(const State& st) {
  double net = 0;
  for (std::size_t i = 0; i < st.firms.size(); ++i)
    net += st.firms.coop_received[i] - st.firms.coop_paid[i];
  CHECK(net == Approx(st.tally.coop_money_in - st.tally.coop_money_out).margin(1e-9));
}

/// A one-way fee tie 0 -> 1: royalties flow from the target to the source and the target
/// learns from the more productive source.
void check_one_way_fee(TieType type) {
  Scenario sc = quiet_scenario();
  const double fee = sc.cooperation.fee[static_cast<int>(type)];
  REQUIRE(fee > 0);
  sc.innovation.tie_learning[static_cast<int>(type)] = InnovationSpec{}.tie_learning[static_cast<int>(type)];
  REQUIRE(sc.innovation.tie_learning[static_cast<int>(type)] > 0);
  State st = world(2);
  st.firms.log_productivity = {1.0, 0.0};
  st.firms.output[1] = 50;  // revenue 50
  add_tie(st, 0, 1, type);
  refresh(sc, st);
  settle_cooperation(sc, st);
  CHECK(st.firms.coop_paid[1] == Approx(fee * 50));
  CHECK(st.firms.coop_received[0] == Approx(fee * 50));
  CHECK(st.ties[0].flow_money == Approx(fee * 50));
  check_conservation(st);
  for (st.step = 0; st.step < 20; ++st.step) phases::innovation(sc, st);
  CHECK(st.firms.log_productivity[1] > 0.1);
  CHECK(st.firms.log_productivity[1] < 1.0);
  CHECK(st.firms.log_productivity[0] == 1.0);
}

}  // namespace

TEST_CASE("licensing: the licensee learns from the licensor and pays royalties",
          "[cooperation]") {
  check_one_way_fee(TieType::licensing);
  // Partner search licenses the more productive firm's technology to the less productive one.
  Scenario sc = only(TieType::licensing);
  State st = world(2);
  st.firms.log_productivity = {0.0, 0.8};
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::licensing) == 1);
  CHECK(st.ties[0].source == 1);
  CHECK(st.ties[0].target == 0);
}

TEST_CASE("second-source licensing: the second source learns and pays royalties",
          "[cooperation]") {
  check_one_way_fee(TieType::second_source);
  Scenario sc = only(TieType::second_source);
  State st = world(2);
  st.firms.log_productivity = {0.5, 0.0};
  search(sc, st, 1);
  CHECK(alive_of(st, TieType::second_source) == 1);
}

TEST_CASE("cross-licensing: both pay royalties and the weaker partner learns",
          "[cooperation]") {
  Scenario sc = quiet_scenario();
  const double fee = sc.cooperation.fee[static_cast<int>(TieType::cross_licensing)];
  sc.innovation.tie_learning[static_cast<int>(TieType::cross_licensing)] = 0.05;
  State st = world(2);
  st.firms.output = {100, 40};
  st.firms.log_productivity = {0.0, 0.5};
  add_tie(st, 0, 1, TieType::cross_licensing);
  refresh(sc, st);
  settle_cooperation(sc, st);
  CHECK(st.firms.coop_paid[0] == Approx(fee * 100));
  CHECK(st.firms.coop_paid[1] == Approx(fee * 40));
  CHECK(st.ties[0].flow_money == Approx(fee * (40 - 100)));
  check_conservation(st);
  for (st.step = 0; st.step < 10; ++st.step) phases::innovation(sc, st);
  CHECK(st.firms.log_productivity[0] > 0);  // two-way: the less productive partner learns
  CHECK(st.firms.log_productivity[1] == 0.5);
}

TEST_CASE("subcontracting: supplier search ties a buyer to a supplier; no cooperation fees",
          "[cooperation]") {
  Scenario sc = quiet_scenario(2);
  sc.supply.oem_probability = 0;
  sc.supply.fit_weight = 0;        // two equal suppliers
  sc.supply.max_new_customers = 2;  // both buyers may pick the same one in the same step
  State st = world(4);
  st.firms.stage = {0, 0, 1, 1};
  st.firms.input_need = {0, 0, 50, 50};
  refresh(sc, st);
  review_suppliers(sc, st);
  REQUIRE(alive_of(st, TieType::subcontracting) >= 2);
  for (const Tie& t : st.ties) {
    CHECK(st.firms.stage[t.source] + 1 == st.firms.stage[t.target]);
    CHECK(std::string(st.events[0].reason).size() > 0);
  }
  refresh(sc, st);
  settle_cooperation(sc, st);
  CHECK(st.firms.coop_paid[2] == 0);
}

TEST_CASE("oem: the supplier gains productivity from its buyer but loses its own brand",
          "[cooperation]") {
  Scenario sc = quiet_scenario(2);
  sc.innovation.tie_learning = InnovationSpec{}.tie_learning;
  State st = world(2);
  st.firms.stage = {0, 1};
  st.firms.log_productivity = {0.0, 1.0};
  st.firms.input_need = {0, 50};
  st.firms.planned = {100, 100};
  st.firms.tie_fill = {1, 1};
  add_tie(st, 0, 1, TieType::oem, 1.0);
  refresh(sc, st);
  REQUIRE(is_supply_flow(st.firms, st.ties[0]));
  for (st.step = 0; st.step < 10; ++st.step) {
    phases::innovation(sc, st);
    count_customers(sc, st);
  }
  CHECK(st.firms.log_productivity[0] > 0.05);
  CHECK(st.firms.brand[0] < 0.2 * 0.9);
  CHECK(st.firms.brand[1] == 0.2);
}

TEST_CASE("ownership: a large firm acquires a small one, which keeps operating and pays its owner",
          "[cooperation]") {
  Scenario sc = only(TieType::ownership);
  sc.innovation.tie_learning[static_cast<int>(TieType::ownership)] = 0.05;
  State st = world(2);
  st.firms.net_worth = {1000, 50};
  st.firms.log_productivity = {0.6, 0.0};
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::ownership) == 1);
  const Tie& t = st.ties[0];
  CHECK(t.source == 0);
  CHECK(t.target == 1);
  CHECK(t.end_step == t.start_step);  // open-ended: no contract end
  // The acquired firm keeps its market, capacity and accounts, and learns from its owner.
  settle_cooperation(sc, st);
  const double fee = sc.cooperation.fee[static_cast<int>(TieType::ownership)];
  CHECK(st.firms.coop_received[0] == Approx(fee * 100));
  for (st.step = 1; st.step < 10; ++st.step) {
    phases::innovation(sc, st);
    apply_cooperation_effects(sc, st);
  }
  CHECK(st.firms.alive[1] == 1);
  CHECK(st.firms.capacity[1] >= 120);
  CHECK(st.firms.log_productivity[1] > 0.05);
  // Without the size gap there is no acquisition.
  State equal = world(2);
  equal.firms.log_productivity = {0.6, 0.0};
  search(sc, equal, 3);
  CHECK(alive_of(equal, TieType::ownership) == 0);
}

TEST_CASE("franchising: the franchisee's brand closes on the franchisor's, for a fee",
          "[cooperation]") {
  Scenario sc = only(TieType::franchising);
  State st = world(2);
  st.firms.brand = {0.8, 0.1};
  st.firms.log_productivity = {0.3, 0.0};
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::franchising) == 1);
  CHECK(st.ties[0].source == 0);
  for (int k = 0; k < 20; ++k) apply_cooperation_effects(sc, st);
  CHECK(st.firms.brand[1] > 0.4);
  CHECK(st.firms.brand[0] == 0.8);
  settle_cooperation(sc, st);
  CHECK(st.firms.coop_paid[1] > 0);
  check_conservation(st);
}

TEST_CASE("rd_partnership: partners pool R&D", "[cooperation]") {
  Scenario sc = only(TieType::rd_partnership);
  State st = world(3);
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::rd_partnership) == 1);
  phases::innovation(sc, st);
  const auto& rd = st.technology.rd_effective;
  const FirmId a = st.ties[0].source, b = st.ties[0].target;
  FirmId alone = 0;
  while (alone == a || alone == b) ++alone;
  CHECK(rd[alone] == Approx(2.0));
  CHECK(rd[a] == Approx(2.0 + sc.innovation.rd_pooling * 2.0));
  CHECK(rd[b] == Approx(rd[a]));
}

TEST_CASE("consortium: one group, each member's benefit proportional to its contribution",
          "[cooperation]") {
  Scenario sc = only(TieType::consortium);
  sc.cooperation.candidates = 8;
  sc.cooperation.local_candidates = 1.0;
  sc.cooperation.referral_candidates = 0.0;
  State st = world(6);
  st.firms.revenue[5] = 50;  // contributes half as much R&D
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::consortium) >= 3);
  std::set<FirmId> members;
  std::set<std::int32_t> groups;
  for (const Tie& t : st.ties)
    if (t.alive && t.type == TieType::consortium) {
      members.insert(t.source), members.insert(t.target), groups.insert(t.group);
    }
  REQUIRE(groups.size() == 1);
  CHECK(*groups.begin() >= 0);
  const std::size_t m = members.size();
  REQUIRE(m >= 3);
  CHECK(alive_of(st, TieType::consortium) == static_cast<int>(m * (m - 1) / 2));
  // Pooled R&D: pooling * (others' R&D) * own / mean member R&D.
  phases::innovation(sc, st);
  double total = 0;
  for (FirmId i : members) total += st.firms.rd_spend[i];
  const double mean = total / static_cast<double>(m);
  for (FirmId i : members) {
    const double own = st.firms.rd_spend[i];
    CHECK(st.technology.rd_effective[i] ==
          Approx(own + sc.innovation.rd_pooling * (total - own) * own / mean));
  }
}

TEST_CASE("university: the institute's knowledge reaches the firm, which pays a fee",
          "[cooperation]") {
  Scenario sc = only(TieType::university);
  sc.innovation.tie_learning[static_cast<int>(TieType::university)] = 0.05;
  State st = world(3);
  st.regions[0].spec.research_institutes = 1;
  st.firms.log_productivity = {0.0, 0.2, 0.4};
  st.firms.absorptive = {0.5, 0.5, 0.1};  // firm 2 cannot absorb
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::university) == 2);
  for (const InstituteTie& t : st.institute_ties) CHECK(t.firm != 2);
  REQUIRE(st.events.size() == 2);
  CHECK(st.events[0].source == kNoFirm);
  CHECK(st.ties.empty());  // an institute is not a firm: no tie in the firm network
  const double level = 0.4 + sc.cooperation.institute_lead;
  for (int k = 0; k < 30; ++k) apply_cooperation_effects(sc, st);
  const double rate = 0.05 * 0.5;  // tie_learning[university] * absorptive
  CHECK(st.firms.log_productivity[0] == Approx(level - level * std::pow(1 - rate, 30)));
  CHECK(st.firms.capacity[0] == Approx(120 * std::exp(st.firms.log_productivity[0])));
  CHECK(st.institute_ties[0].flow_knowledge == Approx(st.firms.log_productivity[0]));
  CHECK(st.firms.log_productivity[2] == 0.4);
  settle_cooperation(sc, st);
  CHECK(st.tally.coop_money_out > 0);
  check_conservation(st);
  // The firm exits: its university tie ends.
  st.firms.alive[0] = 0;
  end_institute_ties_of_dead_firms(st);
  CHECK(alive_of(st, TieType::university) == 1);
}

TEST_CASE("joint_venture: the southern local content rises over the years; the North saves cost",
          "[cooperation]") {
  CountrySpec north, south;
  north.developed = true;
  south.developed = false;
  south.wage = 0.3;
  Scenario sc = only(TieType::joint_venture);
  sc.cooperation.distance_weight = 0;
  State st = world(2, {north, south});
  st.firms.country = {1, 0};  // firm 0 in the South, firm 1 in the North
  st.firms.region = {1, 0};
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::joint_venture) == 1);
  Tie& jv = st.ties[0];
  CHECK(jv.source == 1);  // oriented North -> South
  CHECK(jv.share == Approx(sc.cooperation.local_content_initial));
  std::vector<double> path;
  for (int k = 0; k < 40; ++k) {
    apply_cooperation_effects(sc, st);
    path.push_back(jv.share);
  }
  for (std::size_t k = 1; k < path.size(); ++k) CHECK(path[k] >= path[k - 1]);
  CHECK(path[3] < 0.2);  // a few per cent in the first year
  CHECK(path.back() > 0.6);  // most of the product after ten years
  CHECK(st.firms.access_saving[1] > 0);  // the North gains access abroad
  // Money: the North moves wages to the South, which is paid for the work.
  st.firms.labour_cost = {30, 60};
  st.firms.unit_cost = {1, 1};
  settle_cooperation(sc, st);
  const double moved = jv.share * sc.cooperation.jv_scope * 60;
  CHECK(st.firms.labour_cost[1] == Approx(60 - moved));
  CHECK(st.firms.coop_received[0] == Approx(moved * 0.3));
  CHECK(st.firms.unit_cost[1] < 1);
  check_conservation(st);
}

TEST_CASE("modular_supply: capable firms of successive stages co-design a supply tie",
          "[cooperation]") {
  Scenario sc = only(TieType::modular_supply, 2);
  sc.innovation.tie_learning[static_cast<int>(TieType::modular_supply)] = 0.05;
  State st = world(2);
  st.firms.stage = {0, 1};
  st.firms.input_need = {0, 50};
  st.firms.log_productivity = {0.0, 0.5};
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::modular_supply) == 1);
  const Tie& t = st.ties[0];
  CHECK(t.source == 0);  // the upstream module maker supplies
  CHECK(is_supply_flow(st.firms, t));
  CHECK(t.share == 0);  // orders move to it through the buyer's order shares
  review_suppliers(sc, st);
  CHECK(st.ties[0].share > 0);
  for (st.step = 1; st.step < 10; ++st.step) phases::innovation(sc, st);
  CHECK(st.firms.log_productivity[0] > 0);
  // Without absorptive capacity there is no co-design.
  State weak = world(2);
  weak.firms.stage = {0, 1};
  weak.firms.absorptive = {0.1, 0.5};
  search(sc, weak, 3);
  CHECK(alive_of(weak, TieType::modular_supply) == 0);
}

TEST_CASE("joint_marketing: brands pooled and export access shared", "[cooperation]") {
  CountrySpec a, b;
  Scenario sc = only(TieType::joint_marketing);
  State st = world(2, {a, b});
  st.firms.country = {0, 1};
  st.firms.region = {0, 1};
  st.firms.brand = {0.6, 0.1};
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::joint_marketing) == 1);
  for (int k = 0; k < 10; ++k) apply_cooperation_effects(sc, st);
  CHECK(st.firms.brand[1] > 0.2);
  CHECK(st.firms.brand[0] == 0.6);
  CHECK(st.firms.access_saving[0] == Approx(sc.cooperation.access_saving));
  CHECK(st.firms.access_saving[1] == Approx(sc.cooperation.access_saving));
  // Not in the final stage: no joint marketing.
  Scenario two = only(TieType::joint_marketing, 2);
  State upstream = world(2);
  search(two, upstream, 3);
  CHECK(alive_of(upstream, TieType::joint_marketing) == 0);
}

TEST_CASE("knowledge_exchange: informal ties move knowledge and no money", "[cooperation]") {
  Scenario sc = only(TieType::knowledge_exchange);
  sc.innovation.tie_learning[static_cast<int>(TieType::knowledge_exchange)] = 0.05;
  State st = world(2);
  st.firms.log_productivity = {0.0, 0.4};
  search(sc, st, 1);
  REQUIRE(alive_of(st, TieType::knowledge_exchange) == 1);
  settle_cooperation(sc, st);
  CHECK(st.firms.coop_paid[0] == Approx(sc.cooperation.search_cost * 100 +
                                        sc.cooperation.contract_cost[13] * 100));
  CHECK(st.firms.coop_received[0] == 0);
  CHECK(st.firms.coop_received[1] == 0);
  for (st.step = 1; st.step < 10; ++st.step) phases::innovation(sc, st);
  CHECK(st.firms.log_productivity[0] > 0);
}

TEST_CASE("partner search forms every partner-search type with a reason", "[cooperation]") {
  Scenario sc = quiet_scenario();
  sc.cooperation.value = CooperationSpec{}.value;
  sc.cooperation.max_ties = 6;
  sc.cooperation.max_new_ties = 2;
  sc.cooperation.distance_weight = 0;
  CountrySpec north, south;
  south.developed = false;
  south.wage = 0.3;
  const int n = 60;
  State st = world(n, {north, south});
  st.regions[0].spec.research_institutes = 2;
  Rng rng(7, 0, 0, Stream::world_init);
  for (int i = 0; i < n; ++i) {
    st.firms.country[i] = st.firms.region[i] = i % 3 == 0 ? 1 : 0;
    st.firms.stage[i] = static_cast<std::uint8_t>(i % 2);
    st.firms.log_productivity[i] = rng.normal(0, 0.4);
    st.firms.brand[i] = rng.uniform();
    st.firms.net_worth[i] = i % 10 == 0 ? 2000 : 100;
    st.firms.absorptive[i] = rng.uniform(0.2, 0.8);
    st.firms.knowledge[2 * i] = static_cast<float>(rng.uniform(0.1, 0.9));
    st.firms.knowledge[2 * i + 1] = 1 - st.firms.knowledge[2 * i];
  }
  sc.world.stages = 2;
  std::set<std::string> reasons;
  for (int k = 0; k < 40; ++k, ++st.step) {
    refresh(sc, st);
    st.events.clear();
    search_partners(sc, st);
    for (const TieEvent& e : st.events) reasons.insert(e.reason);
    // Ties end so that firms keep searching.
    for (Tie& t : st.ties) t.alive = t.start_step + 5 > st.step;
  }
  for (int k = 0; k < kTieTypeCount; ++k) {
    const TieType type = static_cast<TieType>(k);
    if (!rule(type).searched) continue;
    INFO(tie_name(type));
    int formed = 0;
    for (const Tie& t : st.ties) formed += t.type == type;
    if (type == TieType::university) formed = static_cast<int>(st.institute_ties.size());
    CHECK(formed > 0);
  }
  CHECK(reasons.size() > 3);
  CHECK(reasons.count("") == 0);
}

namespace {

/// Cooperation ties formed by `n` firms over `steps` steps of partner search, ties ending
/// after two steps so that firms keep searching.
int formation(Scenario sc, std::vector<CountrySpec> countries, int steps,
              std::vector<RegionPolicy> policy = {}) {
  State st = world(40, std::move(countries));
  st.region_policy = std::move(policy);
  int formed = 0;
  for (int k = 0; k < steps; ++k, ++st.step) {
    refresh(sc, st);
    search_partners(sc, st);
    for (Tie& t : st.ties) {
      formed += t.start_step == st.step;
      t.alive = t.start_step + 2 > st.step;
    }
  }
  return formed;
}

}  // namespace

TEST_CASE("firms with weak absorptive capacity find no R&D partners", "[cooperation]") {
  Scenario sc = quiet_scenario();
  sc.cooperation.value = CooperationSpec{}.value;
  State st = world(20);
  for (int i = 0; i < 20; ++i) st.firms.absorptive[i] = i < 10 ? 0.1 : 0.6;
  search(sc, st, 10);
  int rd_ties = 0;
  for (const Tie& t : st.ties) {
    if (!rule(t.type).rd) continue;
    ++rd_ties;
    CHECK(st.firms.absorptive[t.target] >= sc.cooperation.min_absorptive);
    if (rule(t.type).two_way) CHECK(st.firms.absorptive[t.source] >= sc.cooperation.min_absorptive);
  }
  CHECK(rd_ties > 0);
  for (const InstituteTie& t : st.institute_ties) CHECK(st.firms.absorptive[t.firm] >= 0.3);
}

TEST_CASE("weak institutions, weak IP and poor finance lower formation", "[cooperation]") {
  Scenario sc = quiet_scenario();
  sc.cooperation.value = CooperationSpec{}.value;
  sc.cooperation.search_probability = 0.5;
  CountrySpec strong;
  strong.institutional_quality = 0.9;
  strong.ip_strength = 0.9;
  CountrySpec weak_institutions = strong;
  weak_institutions.institutional_quality = 0.3;
  CountrySpec weak_ip = strong;
  weak_ip.ip_strength = 0.2;
  CountrySpec poor_finance = strong;
  poor_finance.leverage_limit = 0.3;
  const int base = formation(sc, {strong}, 20);
  CHECK(base > 20);
  CHECK(formation(sc, {weak_institutions}, 20) < base * 0.8);
  CHECK(formation(sc, {weak_ip}, 20) < base);
  CHECK(formation(sc, {poor_finance}, 20) < base);
}

TEST_CASE("brokered candidates raise formation", "[cooperation]") {
  Scenario sc = quiet_scenario();
  sc.cooperation.value = CooperationSpec{}.value;
  sc.cooperation.search_probability = 0.5;
  sc.cooperation.candidates = 1;
  CountrySpec c;
  c.institutional_quality = 0.5;
  const int without = formation(sc, {c}, 20);
  RegionPolicy broker;
  broker.brokered_candidates = 3;
  broker.brokered_trust = 0.8;
  broker.search_cost_cover = 0.5;
  const int with = formation(sc, {c}, 20, {broker});
  CHECK(with > without * 1.3);
}

TEST_CASE("cooperation gives identical results on 1 and 2 threads", "[cooperation][determinism]") {
  Scenario sc;
  for (RegionSpec& r : sc.world.regions) r.firms /= 4;
  sc.steps = 25;
  sc.cooperation.search_probability = 0.2;
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
  std::vector<Tie> ties[2];
  std::vector<InstituteTie> institutes[2];
  std::vector<double> log_a[2];
  for (int k = 0; k < 2; ++k) {
    Simulation sim(sc, k + 1);
    while (!sim.done()) sim.step();
    ties[k] = sim.state().ties;
    institutes[k] = sim.state().institute_ties;
    log_a[k] = sim.state().firms.log_productivity;
  }
  int coop = 0;
  for (const Tie& t : ties[0]) coop += rule(t.type).searched;
  CHECK(coop > 20);
  CHECK(!institutes[0].empty());
  REQUIRE(ties[0].size() == ties[1].size());
  for (std::size_t i = 0; i < ties[0].size(); ++i) {
    CHECK(ties[0][i].source == ties[1][i].source);
    CHECK(ties[0][i].target == ties[1][i].target);
    CHECK(ties[0][i].type == ties[1][i].type);
    CHECK(ties[0][i].trust == ties[1][i].trust);
    CHECK(ties[0][i].flow_money == ties[1][i].flow_money);
  }
  REQUIRE(institutes[0].size() == institutes[1].size());
  CHECK(log_a[0] == log_a[1]);
}

TEST_CASE("with cooperation ties the economy keeps its invariants, money included",
          "[cooperation]") {
  Scenario sc;
  for (RegionSpec& r : sc.world.regions) r.firms /= 4;
  sc.steps = 40;
  sc.cooperation.search_probability = 0.2;
  Simulation sim(sc, 1);
  double moved = 0;
  while (!sim.done()) {
    sim.step();
    const auto broken = check_invariants(sim.scenario(), sim.state());
    INFO((broken.empty() ? std::string() : broken.front()));
    REQUIRE(broken.empty());
    for (double v : sim.state().firms.coop_received) moved += v;
  }
  CHECK(moved > 0);
  const State& st = sim.state();
  int one_way_fees = 0;
  for (const Tie& t : st.ties)
    if (rule(t.type).effect == TieEffect::royalty && t.flow_money > 0) ++one_way_fees;
  CHECK(one_way_fees > 0);
}
