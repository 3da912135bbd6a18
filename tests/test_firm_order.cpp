// Firm order for locality (sim/core/firm_order.cpp): renumbering moves the firms in memory by
// region and stage, keeps every firm's id, values and ties, and changes nothing a firm draws.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/firm_order.hpp"
#include "firmsim/engine.hpp"
#include "firmsim/invariants.hpp"
#include "firmsim/network.hpp"
#include "firmsim/policy_spec.hpp"

using namespace firmsim;

namespace {

/// One step of the phases on `st`, as Simulation::step runs them (without the metrics).
void step(const Scenario& sc, State& st) {
  st.tally = StepTally{};
  st.events.clear();
  for (const Phase& p : step_phases()) p.run(sc, st);
  ++st.step;
}

/// The alive ties as (source id, target id, type, start step), in tie-table order.
std::vector<std::tuple<std::uint32_t, std::uint32_t, int, int>> tie_rows(const State& st) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, int, int>> rows;
  for (const Tie& t : st.ties)
    if (t.alive)
      rows.emplace_back(st.firms.id[t.source], st.firms.id[t.target], static_cast<int>(t.type),
                        t.start_step);
  return rows;
}

/// The default world after `steps` steps without renumbering: entrants have been appended
/// after the initial firms and some firms have exited, so the firms are out of order.
State run_unordered(Scenario& sc, int steps) {
  sc.world.renumber_every = 0;
  State st = make_world(sc);
  rebuild_network(st.network, st.ties, st.firms.size());
  for (int k = 0; k < steps; ++k) step(sc, st);
  return st;
}

}  // namespace

TEST_CASE("renumbering places firms by alive, region, stage and id and keeps what they are",
          "[firm_order]") {
  Scenario sc;
  State st = run_unordered(sc, 16);
  const State before = st;
  const Firms& f = st.firms;
  const Firms& b = before.firms;
  const std::size_t initial =
      static_cast<std::size_t>(std::count(b.birth_step.begin(), b.birth_step.end(), 0));
  REQUIRE(b.size() > initial);                                 // entrants were appended
  REQUIRE(std::count(b.alive.begin(), b.alive.end(), 0) > 0);  // and firms exited

  REQUIRE(renumber_firms(sc, st));
  REQUIRE(f.size() == b.size());
  const std::vector<FirmId> old_place = places_by_id(b), new_place = places_by_id(f);

  // The order: alive firms first, by region, stage and id; then the dead ones by id.
  std::size_t moved = 0;
  for (std::size_t i = 0; i + 1 < f.size(); ++i) {
    const auto key = [&](std::size_t k) {
      if (!f.alive[k]) return std::make_tuple(true, std::uint16_t{0}, std::uint8_t{0}, f.id[k]);
      return std::make_tuple(false, f.region[k], f.stage[k], f.id[k]);
    };
    INFO("places " << i << ", " << i + 1 << ": alive " << int(f.alive[i]) << ", "
                   << int(f.alive[i + 1]) << "; region " << f.region[i] << ", " << f.region[i + 1]
                   << "; stage " << int(f.stage[i]) << ", " << int(f.stage[i + 1]) << "; id "
                   << f.id[i] << ", " << f.id[i + 1]);
    CHECK(key(i) < key(i + 1));
  }
  for (std::size_t id = 0; id < f.size(); ++id) {
    const FirmId i = new_place[id], j = old_place[id];
    moved += i != j;
    // Every array moves with the firm.
    CHECK(f.alive[i] == b.alive[j]);
    CHECK(f.region[i] == b.region[j]);
    CHECK(f.stage[i] == b.stage[j]);
    CHECK(f.birth_step[i] == b.birth_step[j]);
    CHECK(f.parent[i] == b.parent[j]);
    CHECK(f.employees[i] == b.employees[j]);
    CHECK(f.log_productivity[i] == b.log_productivity[j]);
    CHECK(f.net_worth[i] == b.net_worth[j]);
    CHECK(f.customers[i] == b.customers[j]);
    const auto w = static_cast<std::size_t>(st.knowledge_fields);
    CHECK(std::equal(f.knowledge.begin() + i * w, f.knowledge.begin() + (i + 1) * w,
                     b.knowledge.begin() + j * w));
  }
  CHECK(moved > 0);

  // The tie table keeps its rows and order; their ends follow the firms.
  CHECK(tie_rows(st) == tie_rows(before));
  for (std::size_t k = 0; k < st.institute_ties.size(); ++k)
    CHECK(f.id[st.institute_ties[k].firm] == b.id[before.institute_ties[k].firm]);
  for (std::size_t k = 0; k < st.events.size(); ++k) {
    const TieEvent &e = st.events[k], &o = before.events[k];
    CHECK((e.source == kNoFirm ? kNoFirm : f.id[e.source]) ==
          (o.source == kNoFirm ? kNoFirm : b.id[o.source]));
    CHECK(f.id[e.target] == b.id[o.target]);
  }

  // Cells list the same firms, by id, in the same order.
  REQUIRE(st.cells.members.size() == before.cells.members.size());
  for (std::size_t k = 0; k < st.cells.members.size(); ++k)
    CHECK(f.id[st.cells.members[k]] == b.id[before.cells.members[k]]);

  // In order already: nothing to do.
  CHECK_FALSE(renumber_firms(sc, st));

  // The invariants check that ids stay 0..n-1, each once.
  const auto id_problems = [&] {
    int k = 0;
    for (const std::string& p : check_invariants(sc, st)) k += p.find(" id ") != std::string::npos;
    return k;
  };
  CHECK(id_problems() == 0);
  st.firms.id[0] = st.firms.id[1];
  CHECK(id_problems() == 1);
}

TEST_CASE("a renumbered world steps on like the world it came from", "[firm_order]") {
  // Random streams are keyed by the firms' ids and cells keep id order, so the two worlds draw
  // the same numbers; only sums over firms run in another order, which moves last digits.
  Scenario sc;
  State same = run_unordered(sc, 16);
  State moved = same;
  REQUIRE(renumber_firms(sc, moved));
  rebuild_network(moved.network, moved.ties, moved.firms.size());
  for (int k = 0; k < 4; ++k) {
    step(sc, same);
    step(sc, moved);
  }
  const Firms &a = same.firms, &b = moved.firms;
  REQUIRE(a.size() == b.size());
  const std::vector<FirmId> pa = places_by_id(a), pb = places_by_id(b);
  std::size_t alive = 0;
  double worst = 0;
  for (std::size_t id = 0; id < a.size(); ++id) {
    const FirmId i = pa[id], j = pb[id];
    REQUIRE(a.alive[i] == b.alive[j]);
    alive += a.alive[i] != 0;
    using Array = std::vector<double> Firms::*;
    for (const Array v : {&Firms::employees, &Firms::log_productivity, &Firms::net_worth}) {
      const double x = (a.*v)[i], y = (b.*v)[j];
      worst = std::max(worst, std::abs(x - y) / std::max(1.0, std::abs(x)));
    }
  }
  CHECK(alive > 2000);
  CHECK(worst < 1e-9);
  auto sorted_ties = [](const State& st) {
    auto rows = tie_rows(st);
    std::sort(rows.begin(), rows.end());
    return rows;
  };
  CHECK(sorted_ties(same) == sorted_ties(moved));
  CHECK(same.tally.entries == moved.tally.entries);
  CHECK(same.tally.ties_formed == moved.tally.ties_formed);
}

TEST_CASE("per-firm programme state follows the renumbered firms", "[firm_order][policy]") {
  // Programmes that keep per-firm arrays: an R&D subsidy with a performance clock, a technology
  // grant (fee programme and last fees) and a brokerage (contacts and cost cover).
  Scenario sc;
  const auto programme = [](const char* type) {
    InterventionSpec s;
    s.type = type;
    s.start = 2;
    return s;
  };
  InterventionSpec rd = programme("rd_subsidy");
  rd.share = 0.5;
  rd.performance_steps = 3;
  InterventionSpec grant = programme("technology_grant");
  grant.share = 0.5;
  sc.policy.interventions = {rd, grant, programme("brokerage")};
  State same = run_unordered(sc, 12);
  const PolicyState& p0 = same.policy;
  REQUIRE(p0.programmes.size() == 3);
  const std::size_t sized = p0.fee_programme.size();  // the firms of the last policy phase
  REQUIRE(sized > 0);
  REQUIRE(sized < same.firms.size());  // this step's entrants came after it
  REQUIRE(std::count(p0.programmes[0].funded_step.begin(), p0.programmes[0].funded_step.end(),
                     -1) < static_cast<std::ptrdiff_t>(sized));  // some firms were funded

  State moved = same;
  REQUIRE(renumber_firms(sc, moved));
  const PolicyState& p1 = moved.policy;
  const std::vector<FirmId> pa = places_by_id(same.firms), pb = places_by_id(moved.firms);
  REQUIRE(p1.fee_programme.size() == moved.firms.size());
  int funded = 0, covered = 0;
  for (std::size_t id = 0; id < pa.size(); ++id) {
    const FirmId i = pa[id], j = pb[id];
    const bool had = i < sized;  // an entrant of this step has the values of a missing entry
    const ProgrammeState &r0 = p0.programmes[0], &r1 = p1.programmes[0];
    CHECK(r1.funded_step[j] == (had ? r0.funded_step[i] : -1));
    CHECK(r1.clock_step[j] == (had ? r0.clock_step[i] : -1));
    CHECK(r1.dropped[j] == (had ? r0.dropped[i] : 0));
    CHECK(p1.fee_programme[j] == (had ? p0.fee_programme[i] : -1));
    CHECK(p1.fee_last[j] == (had ? p0.fee_last[i] : 0.0));
    CHECK(p1.brokered[j] == (had ? p0.brokered[i] : 0));
    CHECK(p1.cover_paid[j] == (had ? p0.cover_paid[i] : 0.0));
    funded += had && r0.funded_step[i] >= 0;
    covered += had && p0.fee_programme[i] >= 0;
  }
  CHECK(funded > 100);
  CHECK(covered > 0);

  // Both worlds go on alike: the same spending, ties and values.
  rebuild_network(moved.network, moved.ties, moved.firms.size());
  for (int k = 0; k < 3; ++k) {
    step(sc, same);
    step(sc, moved);
  }
  for (std::size_t k = 0; k < 3; ++k) {
    INFO("programme " << k);
    CHECK(same.policy.programmes[k].spent ==
          Approx(moved.policy.programmes[k].spent).epsilon(1e-9));
    CHECK(same.policy.programmes[k].supported == moved.policy.programmes[k].supported);
  }
  auto sorted_ties = [](const State& st) {
    auto rows = tie_rows(st);
    std::sort(rows.begin(), rows.end());
    return rows;
  };
  CHECK(sorted_ties(same) == sorted_ties(moved));
  const std::vector<FirmId> qa = places_by_id(same.firms), qb = places_by_id(moved.firms);
  double worst = 0;
  for (std::size_t id = 0; id < qa.size(); ++id)
    worst = std::max(worst, std::abs(same.firms.net_worth[qa[id]] - moved.firms.net_worth[qb[id]]) /
                                std::max(1.0, std::abs(same.firms.net_worth[qa[id]])));
  CHECK(worst < 1e-9);
}

TEST_CASE("the measure phase renumbers every world.renumber_every steps", "[firm_order]") {
  Scenario sc;
  sc.world.renumber_every = 4;
  sc.world.renumber_min_firms = 0;  // the default world is small: renumber it all the same
  State st = make_world(sc);
  rebuild_network(st.network, st.ties, st.firms.size());
  const auto in_order = [&st] {
    const Firms& f = st.firms;
    const auto key = [&f](std::size_t k) {  // dead firms by id alone
      if (!f.alive[k]) return std::make_tuple(true, std::uint16_t{0}, std::uint8_t{0}, f.id[k]);
      return std::make_tuple(false, f.region[k], f.stage[k], f.id[k]);
    };
    for (std::size_t i = 0; i + 1 < f.size(); ++i)
      if (key(i) > key(i + 1)) return false;
    return true;
  };
  CHECK(in_order());  // world generation numbers the firms by region and stage
  for (int k = 0; k < 3; ++k) step(sc, st);
  CHECK_FALSE(in_order());  // entrants appended, not yet moved
  step(sc, st);             // the fourth step's measure phase renumbers
  CHECK(in_order());
  // Not in worlds with fewer firm slots than renumber_min_firms.
  sc.world.renumber_min_firms = static_cast<int>(st.firms.size()) + 1000;
  for (int k = 0; k < 4; ++k) step(sc, st);
  CHECK_FALSE(in_order());
  sc.world.renumber_min_firms = 0;
  for (int k = 0; k < 4; ++k) step(sc, st);
  CHECK(in_order());
  // The network was rebuilt for the new places.
  const Network& net = st.network;
  for (std::size_t k = 0; k < st.ties.size(); ++k) {
    const Tie& t = st.ties[k];
    bool listed = false;
    for (auto [s, end] = incident_slots(net, t.source); s < end; ++s)
      listed = listed || net.incident_ties[s] == k;
    CHECK(listed);
  }
}
