// Policy interventions, shocks and resilience measures (sim/policy/, sim/phases/policy.cpp,
// sim/core/resilience.cpp): each intervention and each shock shows its effect on a small world,
// against the same world without it (common random numbers), and the measures on hand-made
// series.
#include <oneapi/tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "firmsim/engine.hpp"
#include "firmsim/invariants.hpp"
#include "firmsim/io/results.hpp"
#include "firmsim/io/run.hpp"
#include "firmsim/metrics.hpp"
#include "firmsim/resilience.hpp"
#include "phases/phases.hpp"
#include "policy/registry.hpp"
#include "policy/targeting.hpp"
#include "ties/cooperation.hpp"
#include "test_cli_support.hpp"

using namespace firmsim;
namespace fs = std::filesystem;

namespace {

/// The place of the firm with id `id` (Firms::id; the measure phase may renumber places).
FirmId place_of(const Firms& f, std::uint64_t id) {
  const auto it = std::find(f.id.begin(), f.id.end(), id);
  REQUIRE(it != f.id.end());
  return static_cast<FirmId>(it - f.id.begin());
}

/// The default world with an eighth of its firms (about 340), `steps` steps.
Scenario small_world(int steps) {
  Scenario sc;
  for (RegionSpec& r : sc.world.regions) r.firms = std::max(6, r.firms / 8);
  sc.steps = steps;
  return sc;
}

InterventionSpec intervention(const char* type, int start = 0) {
  InterventionSpec s;
  s.type = type;
  s.start = start;
  return s;
}

ShockSpec shock(const char* type, int start) {
  ShockSpec s;
  s.type = type;
  s.start = start;
  return s;
}

/// One metric over every step of a run.
std::vector<double> metric_series(const Scenario& sc, const char* name, int threads = 1) {
  Simulation sim(sc, threads);
  std::vector<double> out;
  const int column = metric_index(name);
  REQUIRE(column >= 0);
  while (!sim.done()) {
    sim.step();
    out.push_back(sim.metrics()[column]);
  }
  return out;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

/// A world built from `sc` with its network, at step `step`, ready for a phase call.
State world_at(const Scenario& sc, int step = 0) {
  State st = make_world(sc);
  rebuild_network(st.network, st.ties, st.firms.size());
  st.step = step;
  return st;
}

std::string file_bytes(const fs::path& file) {
  REQUIRE(fs::is_regular_file(file));
  return firmsim::test::read_text(file);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Interventions

TEST_CASE("rd_subsidy raises R&D spend and innovations, and its spending is accounted",
          "[policy]") {
  Scenario base = small_world(24);
  Scenario arm = base;
  InterventionSpec s = intervention("rd_subsidy", 4);
  s.share = 0.6;
  arm.policy.interventions = {s};
  const std::vector<double> rd0 = metric_series(base, "rd_spend");
  const std::vector<double> rd1 = metric_series(arm, "rd_spend");
  const std::vector<double> inn0 = metric_series(base, "innovations");
  const std::vector<double> inn1 = metric_series(arm, "innovations");
  const std::vector<double> spend = metric_series(arm, "policy_spend");
  // Before the start nothing differs (the same draws); after it R&D and innovations rise.
  for (int t = 0; t < 4; ++t) {
    CHECK(rd1[t] == rd0[t]);
    CHECK(spend[t] == 0);
  }
  CHECK(rd1[4] > 1.5 * rd0[4]);
  CHECK(sum(inn1) > sum(inn0) * 1.1);
  // Full additionality at share 0.6: the grant is 60% of the subsidised firms' R&D spend, so
  // spending is 0.6 times R&D spend in the first step (every firm funded).
  CHECK(spend[4] == Approx(0.6 * rd1[4]).epsilon(1e-9));
  CHECK(spend[5] > 0);
}

TEST_CASE("rd_subsidy performance criteria cut funding of firms that do not innovate",
          "[policy]") {
  Scenario sc = small_world(8);
  sc.innovation.innovation_rate = 0;  // nobody innovates: everybody misses the criterion
  InterventionSpec s = intervention("rd_subsidy", 1);
  s.performance_steps = 3;
  sc.policy.interventions = {s};
  Simulation sim(sc, 1);
  sim.step(), sim.step();
  // Funded in step 1, when the programme starts. The per-firm policy arrays cover the firms of
  // the last policy phase; entrants of that step come after them (reading up to firms.size()
  // read past the array's end: the flaky failure of this test, when the garbage there was 1).
  std::vector<FirmId> first;
  const std::vector<std::int32_t>& funded = sim.state().policy.programmes[0].funded_step;
  REQUIRE(funded.size() <= sim.state().firms.size());
  for (std::size_t i = 0; i < funded.size(); ++i)
    if (funded[i] == 1) first.push_back(sim.state().firms.id[i]);  // ids: places may change
  REQUIRE(first.size() > 10);
  while (!sim.done()) sim.step();
  const ProgrammeState& p = sim.state().policy.programmes[0];
  // Funded in steps 1, 2, 3; at step 4 three steps have passed without an innovation: only
  // entrants (whose clock starts when their funding does) are still funded.
  CHECK(p.spend[1] > 0);
  CHECK(p.spend[3] > 0);
  CHECK(p.spend[4] < 0.05 * p.spend[3]);
  CHECK(p.spend[7] < 0.05 * p.spend[3]);
  const Firms& f = sim.state().firms;
  int cut = 0;
  for (const FirmId id : first) {
    const FirmId i = place_of(f, id);
    if (!f.alive[i]) continue;
    CHECK(p.dropped[i] == 1);
    CHECK(p.funded_step[i] <= 3);
    ++cut;
  }
  CHECK(cut > 10);
  // Without the criterion the funding goes on.
  sc.policy.interventions[0].performance_steps = 0;
  Simulation again(sc, 1);
  while (!again.done()) again.step();
  CHECK(again.state().policy.programmes[0].spend[7] > 0);
}

TEST_CASE("merit and connections select different firms", "[policy]") {
  const Scenario sc = small_world(1);
  const State st = world_at(sc);
  InterventionSpec merit = intervention("training");
  merit.max_firms = 10;
  InterventionSpec capture = merit;
  capture.selection = "connections";
  const std::vector<FirmId> a = policy::ranked_firms(merit, st);
  const std::vector<FirmId> b = policy::ranked_firms(capture, st);
  REQUIRE(a.size() == 10);
  REQUIRE(b.size() == 10);
  CHECK(std::set<FirmId>(a.begin(), a.end()) != std::set<FirmId>(b.begin(), b.end()));
  // merit: no firm left out is more productive than the last chosen.
  const Firms& f = st.firms;
  std::vector<std::uint32_t> ties(f.size(), 0);
  for (const Tie& t : st.ties)
    if (t.alive) ++ties[t.source], ++ties[t.target];
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || std::find(a.begin(), a.end(), i) != a.end()) continue;
    CHECK(f.log_productivity[i] <= f.log_productivity[a.back()]);
  }
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || std::find(b.begin(), b.end(), i) != b.end()) continue;
    CHECK(ties[i] <= ties[b.back()]);
  }
  CHECK(ties[b.front()] > ties[a.front()]);
}

TEST_CASE("training raises the absorptive capacity of its targets only", "[policy]") {
  Scenario sc = small_world(1);
  InterventionSpec s = intervention("training");
  s.stages = {1};
  s.absorptive_gain = 0.2;
  sc.policy.interventions = {s};
  State st = world_at(sc);
  const std::vector<double> before = st.firms.absorptive;
  phases::policy(sc, st);
  const Firms& f = st.firms;
  int trained = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    if (f.stage[i] == 1) {
      CHECK(f.absorptive[i] == Approx(before[i] + 0.2 * (1 - before[i])));
      ++trained;
    } else {
      CHECK(f.absorptive[i] == before[i]);
    }
  }
  CHECK(st.policy.programmes[0].supported[0] == static_cast<std::uint32_t>(trained));
  CHECK(st.tally.policy_spend == Approx(trained * s.cost_per_firm));
}

TEST_CASE("a budget caps spending per step and in total", "[policy]") {
  Scenario sc = small_world(5);
  InterventionSpec s = intervention("training");
  s.cost_per_firm = 2;
  s.budget = 7;         // 3 firms a step
  s.total_budget = 15;  // 3 + 3 + 1 firms
  sc.policy.interventions = {s};
  Simulation sim(sc, 1);
  std::vector<double> spend;
  while (!sim.done()) {
    sim.step();
    spend.push_back(sim.metrics()[metric_index("policy_spend")]);
  }
  CHECK(spend == std::vector<double>{6, 6, 2, 0, 0});
  const ProgrammeState& p = sim.state().policy.programmes[0];
  CHECK(p.supported == std::vector<std::uint32_t>{3, 3, 1, 0, 0});
  CHECK(p.spent == 14);
}

TEST_CASE("a sunset stops the programme and its spending", "[policy]") {
  Scenario sc = small_world(8);
  InterventionSpec s = intervention("training", 2);
  s.sunset = 5;
  s.max_firms = 4;
  sc.policy.interventions = {s};
  const std::vector<double> spend = metric_series(sc, "policy_spend");
  CHECK(spend == std::vector<double>{0, 0, 4, 4, 4, 0, 0, 0});
}

TEST_CASE("credit_guarantee lets its targets borrow more and cheaper", "[policy]") {
  Scenario sc = small_world(1);
  sc.finance.max_capacity_growth = 1;  // investment limited by finance, not by growth
  InterventionSpec s = intervention("credit_guarantee");
  s.leverage_bonus = 3;
  s.spread_cut = 0.01;
  s.stages = {0};
  sc.policy.interventions = {s};
  State plain = world_at(sc);
  for (std::size_t i = 0; i < plain.firms.size(); ++i) plain.firms.expected_demand[i] *= 3;
  State guaranteed = plain;
  phases::policy(sc, guaranteed);
  plain.region_policy = guaranteed.region_policy;
  phases::accounting(sc, plain);
  phases::accounting(sc, guaranteed);
  int grew = 0;
  for (std::size_t i = 0; i < plain.firms.size(); ++i) {
    const bool target = plain.firms.stage[i] == 0;
    if (!target) {
      CHECK(guaranteed.firms.capacity[i] == plain.firms.capacity[i]);
      continue;
    }
    CHECK(guaranteed.firms.capacity[i] >= plain.firms.capacity[i]);
    grew += guaranteed.firms.capacity[i] > plain.firms.capacity[i];
    if (plain.firms.debt[i] > 0) CHECK(guaranteed.firms.profit[i] > plain.firms.profit[i]);
  }
  CHECK(grew > 0);
  CHECK(guaranteed.tally.policy_spend > 0);
  CHECK(check_invariants(sc, guaranteed).empty());
}

TEST_CASE("export_promotion brings more final-stage firms to the export market", "[policy]") {
  Scenario base = small_world(6);
  Scenario arm = base;
  InterventionSpec s = intervention("export_promotion");
  s.export_cost_cut = 1;
  arm.policy.interventions = {s};
  // Exporters summed over the steps: total exports are set by the world market's demand, so
  // the programme shows in how many firms serve it, not in the volume.
  const auto exporters = [](const Scenario& sc) {
    Simulation sim(sc, 1);
    int n = 0;
    while (!sim.done()) {
      sim.step();
      const Firms& f = sim.state().firms;
      for (std::size_t i = 0; i < f.size(); ++i) n += f.alive[i] && f.exporter[i];
    }
    return n;
  };
  const int n0 = exporters(base), n1 = exporters(arm);
  INFO("exporter-steps: without " << n0 << ", with " << n1);
  CHECK(n1 > n0 * 1.1);
  // Only final-stage firms are served.
  State st = world_at(arm);
  phases::policy(arm, st);
  for (std::size_t i = 0; i < st.firms.size(); ++i)
    CHECK(st.firms.export_cost_cut[i] == (st.firms.stage[i] == arm.world.stages - 1 ? 1.0 : 0.0));
}

TEST_CASE("ip_reform and institutional_reform move a country toward their target", "[policy]") {
  Scenario sc = small_world(1);
  InterventionSpec ip = intervention("ip_reform");
  ip.countries = {1};
  ip.target_value = 0.9;
  ip.speed = 0.5;
  InterventionSpec inst = intervention("institutional_reform");
  inst.countries = {1};
  inst.target_value = 1.0;
  inst.speed = 0.25;
  sc.policy.interventions = {ip, inst};
  State st = world_at(sc);
  const CountrySpec north = st.countries[0].spec, south = st.countries[1].spec;
  for (int t = 0; t < 3; ++t) {
    st.step = t;
    phases::policy(sc, st);
  }
  const double ip_gap = (0.9 - south.ip_strength) * std::pow(0.5, 3);
  const double iq_gap = (1.0 - south.institutional_quality) * std::pow(0.75, 3);
  CHECK(st.countries[1].spec.ip_strength == Approx(0.9 - ip_gap));
  CHECK(st.countries[1].spec.institutional_quality == Approx(1.0 - iq_gap));
  CHECK(st.countries[0].spec.ip_strength == north.ip_strength);
  CHECK(st.countries[0].spec.institutional_quality == north.institutional_quality);
  CHECK(st.policy.programmes[0].spent == Approx(3 * ip.operating_cost));
}

TEST_CASE("cluster_programme builds a science park and an incubator in its region", "[policy]") {
  Scenario base = small_world(16);
  for (RegionSpec& r : base.world.regions) r.entrepreneurship = 0.002;
  Scenario arm = base;
  InterventionSpec s = intervention("cluster_programme");
  s.regions = {2};
  s.research_institutes = 2;
  s.infrastructure_gain = 0.1;
  s.entry_boost = 0.1;
  arm.policy.interventions = {s};
  Simulation a(base, 1), b(arm, 1);
  while (!a.done()) a.step(), b.step();
  const RegionSpec& before = base.world.regions[2];
  const RegionSpec& after = b.state().regions[2].spec;
  CHECK(after.research_institutes == before.research_institutes + 2);
  CHECK(after.infrastructure ==
        Approx(1 - (1 - before.infrastructure) * std::pow(0.9, base.steps)));
  CHECK(b.state().regions[3].spec.infrastructure == base.world.regions[3].infrastructure);
  const auto born_in = [](const State& st, int region) {
    int n = 0;
    for (std::size_t i = 0; i < st.firms.size(); ++i)
      n += st.firms.birth_step[i] > 0 && st.firms.region[i] == region;
    return n;
  };
  CHECK(born_in(b.state(), 2) > born_in(a.state(), 2));
}

TEST_CASE("brokerage fills the region policy of its regions for partner search", "[policy]") {
  Scenario sc = small_world(1);
  InterventionSpec s = intervention("brokerage");
  s.countries = {1};
  s.brokered_candidates = 4;
  s.brokered_trust = 0.7;
  s.search_cost_cover = 0.3;
  s.operating_cost = 5;
  s.cost_per_contact = 0;
  sc.policy.interventions = {s};
  State st = world_at(sc);
  phases::policy(sc, st);
  int served = 0;
  for (std::size_t r = 0; r < st.regions.size(); ++r) {
    const RegionPolicy& rp = st.region_policy[r];
    if (st.regions[r].country == 1) {
      CHECK(rp.brokered_candidates == 4);
      CHECK(rp.brokered_trust == Approx(0.7));
      CHECK(rp.search_cost_cover == Approx(0.3));
      ++served;
    } else {
      CHECK(rp.brokered_candidates == 0);
      CHECK(rp.search_cost_cover == 0);
    }
  }
  REQUIRE(served > 0);
  CHECK(st.tally.policy_spend == Approx(5.0 * served));
}

TEST_CASE("brokerage pays per brokered contact within its budget", "[policy]") {
  Scenario sc = small_world(1);
  sc.cooperation.search_probability = 0.3;
  InterventionSpec s = intervention("brokerage");
  s.countries = {1};
  s.brokered_candidates = 3;
  s.search_cost_cover = 0;
  s.operating_cost = 1;
  s.cost_per_contact = 2;
  sc.policy.interventions = {s};
  const int regions = static_cast<int>(policy::target_regions(s, world_at(sc)).size());
  REQUIRE(regions > 0);

  // No budget: every firm of the target that searches this step gets 3 contacts, no other firm.
  State st = world_at(sc);
  phases::policy(sc, st);
  int contacts = 0, searchers = 0;
  for (std::size_t i = 0; i < st.firms.size(); ++i) {
    const FirmId id = static_cast<FirmId>(i);
    const bool target = st.firms.alive[i] && st.firms.country[i] == 1;
    const bool searches = target && draws_partner_search(sc, st, id);
    searchers += searches;
    CHECK(st.policy.brokered[i] == (searches ? 3 : 0));
    contacts += st.policy.brokered[i];
  }
  REQUIRE(searchers >= 3);
  CHECK(st.policy.programmes[0].supported[0] == static_cast<std::uint32_t>(searchers));
  CHECK(st.tally.policy_spend == Approx(1.0 * regions + 2.0 * contacts));

  // A budget for the regions' operating cost and 7 contacts: 3 + 3 + 1.
  s.budget = regions + 2.0 * 7 + 1.0;
  sc.policy.interventions = {s};
  State capped = world_at(sc);
  phases::policy(sc, capped);
  std::vector<int> given;
  for (std::uint16_t k : capped.policy.brokered)
    if (k > 0) given.push_back(k);
  std::sort(given.rbegin(), given.rend());
  CHECK(given == std::vector<int>{3, 3, 1});
  CHECK(capped.tally.policy_spend == Approx(regions + 2.0 * 7));
  CHECK(capped.tally.policy_spend <= s.budget);
}

TEST_CASE("brokerage books the search and contract costs it covered", "[policy]") {
  Scenario sc = small_world(3);
  sc.cooperation.search_probability = 0.3;
  InterventionSpec s = intervention("brokerage");
  s.countries = {1};
  s.search_cost_cover = 0.5;
  s.operating_cost = 0;
  s.cost_per_contact = 0;
  sc.policy.interventions = {s};
  Simulation sim(sc, 1);
  sim.step();
  CHECK(sim.metrics()[metric_index("policy_spend")] == 0);  // contacts free, nothing booked yet
  const std::vector<double>& paid = sim.state().policy.cover_paid;
  const double covered = std::accumulate(paid.begin(), paid.end(), 0.0);
  CHECK(covered > 0);
  for (std::size_t i = 0; i < paid.size(); ++i)
    if (paid[i] > 0) CHECK(sim.state().firms.country[i] == 1);
  sim.step();
  CHECK(sim.state().policy.programmes[0].spend[1] == Approx(covered));
  CHECK(sim.metrics()[metric_index("policy_spend")] == Approx(covered));

  // With a budget, the cover stops where the money does: no step spends more than its budget.
  s.budget = 0.5;
  sc.steps = 6;
  sc.policy.interventions = {s};
  const std::vector<double> spend = metric_series(sc, "policy_spend");
  for (const double x : spend) CHECK(x <= 0.5 + 1e-9);
  CHECK(sum(spend) > 0.5);
}

TEST_CASE("technology_grant sets fee cover and books the fees it paid", "[policy]") {
  Scenario sc = small_world(3);
  InterventionSpec s = intervention("technology_grant");
  s.share = 0.4;
  s.max_firms = 3;
  sc.policy.interventions = {s};
  Simulation sim(sc, 1);
  sim.step();
  const Firms& f = sim.state().firms;
  std::vector<FirmId> covered;
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.fee_cover[i] > 0) covered.push_back(static_cast<FirmId>(i));
  REQUIRE(covered.size() == 3);
  CHECK(f.fee_cover[covered[0]] == 0.4);
  // What fee payment reports as covered is the programme's spending at the next step.
  sim.mutable_state().firms.fees_covered[covered[0]] = 2.5;
  sim.mutable_state().firms.fees_covered[covered[2]] = 1.0;
  sim.step();
  CHECK(sim.state().policy.programmes[0].spend[1] == Approx(3.5));
  CHECK(sim.metrics()[metric_index("policy_spend")] == Approx(3.5));
  CHECK(sim.state().firms.fees_covered[covered[0]] == 0);
}

TEST_CASE("multinational_buyer brings in a large local buyer with local suppliers",
          "[policy]") {
  Scenario sc = small_world(6);
  InterventionSpec s = intervention("multinational_buyer", 2);
  s.regions = {0};
  s.local_suppliers = 3;
  s.grant = 50;
  sc.policy.interventions = {s};
  Simulation sim(sc, 1);
  const std::size_t firms_at_start = sim.state().firms.size();
  for (int t = 0; t < 3; ++t) sim.step();
  // At its arrival (step 2) it forms ties with three suppliers of its region and the stage
  // before; later they may be switched like any supply tie.
  int local = 0;
  for (const TieEvent& e : sim.state().events)
    if (e.formed && std::string(e.reason) == "policy_attraction") {
      CHECK(sim.state().firms.id[e.target] == sim.state().policy.programmes[0].firm);
      CHECK(sim.state().firms.region[e.source] == 0);
      CHECK(sim.state().firms.stage[e.source] == sc.world.stages - 2);
      ++local;
    }
  CHECK(local == 3);
  while (!sim.done()) sim.step();
  const State& st = sim.state();
  const ProgrammeState& p = st.policy.programmes[0];
  REQUIRE(p.firm >= static_cast<std::int64_t>(firms_at_start));
  const FirmId m = place_of(st.firms, static_cast<std::uint64_t>(p.firm));
  CHECK(st.firms.region[m] == 0);
  CHECK(st.firms.stage[m] == sc.world.stages - 1);
  CHECK(st.firms.birth_step[m] == 2);
  CHECK(st.firms.alive[m] == 1);
  CHECK(p.spent == 50);
  CHECK(p.spend[2] == 50);
  CHECK(st.firms.output[m] > 0);
}

// ---------------------------------------------------------------------------------------------
// Shocks

TEST_CASE("a demand shock cuts output, and output returns when it is lifted", "[policy][shock]") {
  Scenario base = small_world(12);
  Scenario arm = base;
  ShockSpec s = shock("demand", 5);
  s.factor = 0.6;
  s.duration = 3;
  arm.policy.shocks = {s};
  const std::vector<double> y0 = metric_series(base, "output");
  const std::vector<double> y1 = metric_series(arm, "output");
  for (int t = 0; t < 5; ++t) CHECK(y1[t] == y0[t]);
  CHECK(y1[5] < 0.8 * y0[5]);
  CHECK(y1[7] < 0.8 * y0[7]);
  CHECK(y1[9] > 0.9 * y0[9]);
}

TEST_CASE("the failure of hubs leaves their buyers with unmet orders", "[policy][shock]") {
  Scenario base = small_world(6);
  for (double& s : base.population.stage_shares) s = 0.25;
  Scenario arm = base;
  ShockSpec s = shock("firm_failure", 3);
  s.count = 30;
  s.stage = 1;
  arm.policy.shocks = {s};
  Simulation a(base, 1), b(arm, 1);
  std::vector<FirmId> buyers;
  for (int t = 0; t < 3; ++t) a.step(), b.step();
  // Their buyers: alive ties from the firms that will fail (the hubs of stage 1).
  a.step(), b.step();
  const State& st = b.state();
  const std::vector<std::uint32_t>& failed = st.policy.shocks[0].failed;
  REQUIRE(failed.size() == 30);
  for (const std::uint32_t id : failed) CHECK(st.firms.alive[place_of(st.firms, id)] == 0);
  int ended = 0;
  for (const TieEvent& e : st.events)  // buyers by id: the two runs place firms apart
    if (!e.formed && std::string(e.reason) == "partner_exit" &&
        std::find(failed.begin(), failed.end(), st.firms.id[e.source]) != failed.end()) {
      ++ended;
      buyers.push_back(st.firms.id[e.target]);
    }
  REQUIRE(ended > 0);
  double gap = 0, gap_before = 0;
  for (const FirmId id : buyers) {
    gap += st.firms.supply_gap[place_of(st.firms, id)];
    gap_before += a.state().firms.supply_gap[place_of(a.state().firms, id)];
  }
  CHECK(gap > gap_before);
  CHECK(b.state().tally.unmet_orders > a.state().tally.unmet_orders);
  CHECK(b.state().tally.exits >= 30);
  CHECK(check_invariants(arm, st).empty());
}

TEST_CASE("random failures are drawn from their own stream", "[policy][shock]") {
  Scenario sc = small_world(2);
  ShockSpec s = shock("firm_failure", 1);
  s.count = 5;
  s.selection = "random";
  sc.policy.shocks = {s};
  Simulation a(sc, 1), b(sc, 2);
  while (!a.done()) a.step(), b.step();
  const auto& fa = a.state().policy.shocks[0].failed;
  CHECK(fa.size() == 5);
  CHECK(fa == b.state().policy.shocks[0].failed);
  sc.seed = 2;
  Simulation c(sc, 1);
  while (!c.done()) c.step();
  CHECK(c.state().policy.shocks[0].failed != fa);
}

TEST_CASE("a regional disaster cuts capacity in its region only", "[policy][shock]") {
  Scenario sc = small_world(1);
  ShockSpec s = shock("regional_disaster", 0);
  s.region = 4;
  s.capacity_loss = 0.25;
  sc.policy.shocks = {s};
  State st = world_at(sc);
  const std::vector<double> before = st.firms.capacity;
  const std::vector<double> worth = st.firms.net_worth;
  phases::policy(sc, st);
  int hit = 0;
  for (std::size_t i = 0; i < st.firms.size(); ++i) {
    if (st.firms.region[i] == 4) {
      CHECK(st.firms.capacity[i] == Approx(0.75 * before[i]));
      CHECK(st.firms.net_worth[i] < worth[i]);
      ++hit;
    } else {
      CHECK(st.firms.capacity[i] == before[i]);
    }
  }
  CHECK(hit > 0);
  CHECK(check_invariants(sc, st).empty());  // net worth = capital - debt still holds
}

TEST_CASE("a trade barrier raises the export access cost until it is lifted", "[policy][shock]") {
  Scenario sc = small_world(1);
  ShockSpec s = shock("trade_barrier", 2);
  s.country = 1;
  s.access_cost_rise = 0.2;
  s.duration = 2;
  sc.policy.shocks = {s};
  State st = world_at(sc);
  const double north = st.countries[0].spec.export_access_cost;
  const double south = st.countries[1].spec.export_access_cost;
  std::vector<double> seen;
  for (int t = 0; t < 6; ++t) {
    st.step = t;
    phases::policy(sc, st);
    seen.push_back(st.countries[1].spec.export_access_cost);
    CHECK(st.countries[0].spec.export_access_cost == north);
  }
  CHECK(seen[1] == south);
  CHECK(seen[2] == Approx(south + 0.2));
  CHECK(seen[3] == Approx(south + 0.2));
  CHECK(seen[4] == Approx(south));
}

TEST_CASE("a technology shock moves log productivity of its stage", "[policy][shock]") {
  Scenario sc = small_world(1);
  ShockSpec s = shock("technology", 0);
  s.stage = 2;
  s.log_change = -0.2;
  sc.policy.shocks = {s};
  State st = world_at(sc);
  const std::vector<double> before = st.firms.log_productivity;
  phases::policy(sc, st);
  for (std::size_t i = 0; i < st.firms.size(); ++i)
    CHECK(st.firms.log_productivity[i] == Approx(before[i] + (st.firms.stage[i] == 2 ? -0.2 : 0)));
  CHECK(check_invariants(sc, st).empty());
}

// ---------------------------------------------------------------------------------------------
// Resilience measures

TEST_CASE("resilience of a hand-made dip and recovery", "[policy][resilience]") {
  // Flat output 100 for 8 steps, a dip to 70 at step 8, then 80, 90, 99.5 (within 1%).
  const std::vector<double> output = {100, 100, 100, 100, 100, 100, 100, 100,
                                      70,  80,  90,  99.5, 100, 100};
  const std::vector<double> firms = {50, 50, 50, 50, 50, 50, 50, 50, 47, 46, 46, 48, 50, 50};
  const std::vector<double> unmet = {1, 1, 1, 1, 1, 1, 1, 1, 10, 6, 2, 1, 1, 1};
  const Resilience r = measure_resilience({output, firms, unmet}, 8, 8, 0.01, 4);
  REQUIRE(r.valid);
  CHECK(r.trend_growth == Approx(0).margin(1e-12));
  CHECK(r.trend_at_shock == Approx(100));
  CHECK(r.trough_loss == Approx(0.3));
  CHECK(r.trough_step == 8);
  CHECK(r.recovered);
  CHECK(r.recovery_step == 11);
  CHECK(r.steps_to_recover == 3);
  CHECK(r.quarters_to_recover == 3);
  CHECK(r.cumulative_loss == Approx(0.3 + 0.2 + 0.1));
  CHECK(r.firms_lost == 4);
  CHECK(r.unmet_orders == Approx((10 - 1) + (6 - 1) + (2 - 1) + 0));
  CHECK(r.unmet_peak == 10);
  CHECK(r.window_end == 11);
}

TEST_CASE("resilience is measured against the pre-shock trend", "[policy][resilience]") {
  // Output grows 2% a step; the shock holds it flat for 3 steps, then it jumps back to trend.
  std::vector<double> output;
  for (int t = 0; t < 10; ++t) output.push_back(100 * std::exp(0.02 * t));
  const double level = output.back();
  for (int t = 10; t < 13; ++t) output.push_back(level);
  for (int t = 13; t < 16; ++t) output.push_back(100 * std::exp(0.02 * t));
  const Resilience r = measure_resilience({output, {}, {}}, 10, 6, 0.01, 12);
  CHECK(r.trend_growth == Approx(0.02));
  CHECK(r.trough_step == 12);
  CHECK(r.trough_loss == Approx(1 - std::exp(-0.06)));  // 3 steps of 2% growth missed
  CHECK(r.recovery_step == 13);
  // Monthly steps: 3 steps are one quarter.
  CHECK(r.quarters_to_recover == Approx(1.0));
  // A path that never returns is not recovered.
  std::vector<double> lost(output.begin(), output.begin() + 10);
  for (int t = 10; t < 16; ++t) lost.push_back(50);
  const Resilience never = measure_resilience({lost, {}, {}}, 10, 6, 0.01, 4);
  CHECK_FALSE(never.recovered);
  CHECK(std::isnan(never.steps_to_recover));
  CHECK(never.window_end == 15);
  // A shock before any step cannot be measured.
  CHECK_FALSE(measure_resilience({output, {}, {}}, 0, 6, 0.01, 4).valid);
}

// ---------------------------------------------------------------------------------------------
// Outputs and determinism

TEST_CASE("a run with policy is identical on 1 and 2 threads and reports resilience",
          "[policy][determinism]") {
  Scenario sc = small_world(20);
  InterventionSpec rd = intervention("rd_subsidy", 2);
  rd.name = "rd";
  rd.budget = 5;
  rd.performance_steps = 6;
  InterventionSpec train = intervention("training", 3);
  train.selection = "connections";
  train.max_firms = 20;
  train.sunset = 12;
  InterventionSpec mnc = intervention("multinational_buyer", 4);
  mnc.regions = {1};
  InterventionSpec broker = intervention("brokerage", 1);
  sc.policy.interventions = {rd, train, mnc, broker};
  ShockSpec demand = shock("demand", 8);
  demand.factor = 0.7;
  demand.duration = 4;
  ShockSpec failure = shock("firm_failure", 10);
  failure.count = 3;
  failure.selection = "random";
  sc.policy.shocks = {demand, failure};

  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 2);
  const firmsim::test::TempDir tmp;
  for (int threads : {1, 2}) {
    io::RunOptions opt;
    opt.out_dir = tmp.path() / ("t" + std::to_string(threads));
    opt.threads = threads;
    io::execute_run(sc, opt);
  }
  for (const char* name : {"timeseries.csv", "policy.csv", "firms.csv", "events.csv"}) {
    INFO(name);
    CHECK(file_bytes(tmp.path() / "t1" / name) == file_bytes(tmp.path() / "t2" / name));
  }
  const auto summary = [&](const char* dir) {
    return nlohmann::json::parse(file_bytes(tmp.path() / dir / "summary.json"));
  };
  const nlohmann::json one = summary("t1"), two = summary("t2");
  CHECK(one["resilience"] == two["resilience"]);
  CHECK(one["policy"] == two["policy"]);
  REQUIRE(one["resilience"].size() == 2);
  const nlohmann::json& r = one["resilience"][0];
  CHECK(r["name"] == "demand_0");
  CHECK(r["trough_loss"].get<double>() > 0.1);
  CHECK(one["resilience"][1]["firms_lost"].get<double>() >= 0);
  REQUIRE(one["policy"]["interventions"].size() == 4);
  CHECK(one["policy"]["interventions"][0]["name"] == "rd");
  CHECK(one["policy"]["interventions"][1]["name"] == "training_1");
  // policy.csv adds up to the policy_spend column and the summary's totals.
  std::ifstream csv(tmp.path() / "t1" / "policy.csv");
  std::string line;
  std::getline(csv, line);
  CHECK(line == "step,programme,type,spend,supported");
  double total = 0;
  int rows = 0;
  while (std::getline(csv, line)) {
    const auto a = line.find(',', line.find(',', line.find(',') + 1) + 1);
    total += std::stod(line.substr(a + 1, line.find(',', a + 1) - a - 1));
    ++rows;
  }
  CHECK(rows == 4 * sc.steps);
  CHECK(total == Approx(one["policy"]["spent"].get<double>()));
  double rd_spent = one["policy"]["interventions"][0]["spent"].get<double>();
  CHECK(rd_spent <= 5.0 * (sc.steps - 2) + 1e-9);
  CHECK(rd_spent > 0);
}

TEST_CASE("every intervention and shock has one registry row and is validated",
          "[policy][scenario]") {
  std::set<std::string> names;
  for (const policy::InterventionType& t : policy::intervention_types()) names.insert(t.name);
  CHECK(names.size() == 10);
  for (const char* name : {"rd_subsidy", "technology_grant", "brokerage", "cluster_programme",
                           "training", "credit_guarantee", "export_promotion", "ip_reform",
                           "institutional_reform", "multinational_buyer"})
    CHECK(policy::find_intervention(name) != nullptr);
  std::set<std::string> shocks;
  for (const policy::ShockType& t : policy::shock_types()) shocks.insert(t.name);
  CHECK(shocks == std::set<std::string>{"demand", "firm_failure", "regional_disaster",
                                        "trade_barrier", "technology"});
  CHECK(policy::find_intervention("rd_subsdy") == nullptr);
  Scenario sc = small_world(1);
  CHECK(policy::validate_policy(sc).empty());
}
