// The shipped scenarios (scenarios/*.json, documented in scenarios/README.md) show what they
// claim to show. Each test loads the real file, runs it through the library (Simulation, one
// thread), and checks its claim by direction and with margins; where the claim is comparative it
// runs a counterfactual on the same seed (the same file with one mechanism switched off). The
// last test runs every shipped scenario, shortened, and requires that each of the 14 tie types
// forms at least once somewhere.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "firmsim/engine.hpp"
#include "firmsim/io/scenario_json.hpp"
#include "firmsim/metrics.hpp"
#include "firmsim/state.hpp"
#include "firmsim/tie_types.hpp"

using namespace firmsim;
namespace fs = std::filesystem;

namespace {

const fs::path kScenarioDir = fs::path(FIRMSIM_SOURCE_DIR) / "scenarios";

Scenario load(const std::string& file) {
  const io::ParseResult parsed = io::load_scenario_file(kScenarioDir / file);
  INFO(file << ": " << io::format_errors(parsed.errors));
  REQUIRE(parsed.ok());
  Scenario sc = *parsed.scenario;
  // FIRMSIM_SHIPPED_SEED=<n> checks the claims on another seed than the files' own.
  if (const char* seed = std::getenv("FIRMSIM_SHIPPED_SEED")) sc.seed = std::stoull(seed);
  return sc;
}

/// Runs `sc` to the end on one thread, calling `each(sim)` after every step.
template <class F>
void run(const Scenario& sc, F&& each) {
  Simulation sim(sc, 1);
  while (!sim.done()) {
    sim.step();
    each(sim);
  }
}

double metric(const Simulation& sim, const char* name) {
  const int column = metric_index(name);
  REQUIRE(column >= 0);
  return sim.metrics()[column];
}

/// Alive cooperation ties (every type that partner search forms) at the end of the step.
double cooperation_ties(const Simulation& sim) {
  double n = 0;
  for (int k = 0; k < kTieTypeCount; ++k)
    if (kTieRules[k].searched) n += metric(sim, ("ties_" + std::string(kTieRules[k].name)).c_str());
  return n;
}

bool both_alive(const State& st, FirmId a, FirmId b) {
  return a < st.firms.alive.size() && b < st.firms.alive.size() && st.firms.alive[a] &&
         st.firms.alive[b];
}

/// Mean log productivity of the alive firms of `country`.
double country_mean_log_a(const State& st, int country) {
  double sum = 0;
  int n = 0;
  for (std::size_t i = 0; i < st.firms.alive.size(); ++i)
    if (st.firms.alive[i] && st.firms.country[i] == country) {
      sum += st.firms.log_productivity[i];
      ++n;
    }
  REQUIRE(n > 0);
  return sum / n;
}

int country_index(const Scenario& sc, const std::string& name) {
  for (std::size_t c = 0; c < sc.world.countries.size(); ++c)
    if (sc.world.countries[c].name == name) return static_cast<int>(c);
  FAIL("no country " << name);
  return -1;
}

}  // namespace

TEST_CASE("industrial_district: dense, clustered, local ties", "[shipped]") {
  const Scenario sc = load("industrial_district.json");
  double clustering = 0, density = 0;
  int supply = 0, supply_local = 0;
  std::map<TieType, std::pair<int, int>> horizontal;  // type -> (local, all)
  run(sc, [&](const Simulation& sim) {
    if (!sim.done()) return;
    clustering = metric(sim, "clustering");
    density = metric(sim, "density");
    const State& st = sim.state();
    for (const Tie& t : st.ties) {
      if (!t.alive || !both_alive(st, t.source, t.target)) continue;
      const bool local = st.firms.region[t.source] == st.firms.region[t.target];
      if (rule(t.type).supply) {
        ++supply;
        supply_local += local;
      }
      if (t.type == TieType::knowledge_exchange || t.type == TieType::joint_marketing) {
        horizontal[t.type].first += local;
        ++horizontal[t.type].second;
      }
    }
  });
  INFO("supply ties " << supply << ", within the region " << supply_local << "; clustering "
                      << clustering << ", density " << density);
  REQUIRE(supply > 100);
  // Most supply ties stay within the region (a random partner would be local about
  // 240/300 * 240/300 + 60/300 * 60/300 = 68% of the time).
  CHECK(supply_local > 0.85 * supply);
  // A random graph of the same density has clustering about equal to its density.
  CHECK(clustering > 1.8 * density);
  for (const TieType type : {TieType::knowledge_exchange, TieType::joint_marketing}) {
    INFO(tie_name(type) << ": " << horizontal[type].first << " of " << horizontal[type].second
                        << " within the region");
    CHECK(horizontal[type].second >= 20);
    CHECK(horizontal[type].first >= 0.85 * horizontal[type].second);
  }
}

namespace {

struct JvRun {
  double local_content_first = NAN;  ///< mean local content on the first step with a JV
  double local_content_last = NAN;
  double gap_start = 0, gap_end = 0;  ///< mean log A north minus south, all alive firms
  double partner_gap_formed = 0, partner_gap_end = 0;  ///< same pairs, at formation and end
  int partner_pairs = 0;
  std::vector<std::uint32_t> southern_partners;  ///< ids of southern firms of the start in a JV
  std::vector<double> log_a_start, log_a_end;  ///< every firm by id, at the start and the end
  std::vector<std::uint8_t> alive_end;          ///< by id
};

JvRun run_north_south(const Scenario& sc) {
  const int north = country_index(sc, "north"), south = country_index(sc, "south");
  JvRun out;
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> formed_gap;  // by ids
  {
    Simulation probe(sc, 1);  // at the start, a firm's place is its id
    out.gap_start = country_mean_log_a(probe.state(), north) - country_mean_log_a(probe.state(), south);
    out.log_a_start = probe.state().firms.log_productivity;
  }
  run(sc, [&](const Simulation& sim) {
    const State& st = sim.state();
    const double lc = metric(sim, "mean_local_content");
    if (std::isfinite(lc)) {
      if (std::isnan(out.local_content_first)) out.local_content_first = lc;
      out.local_content_last = lc;
    }
    for (const TieEvent& e : st.events) {
      if (!e.formed || e.type != TieType::joint_venture || !both_alive(st, e.source, e.target))
        continue;
      if (st.firms.country[e.source] != north || st.firms.country[e.target] != south) continue;
      const std::uint32_t source = st.firms.id[e.source], target = st.firms.id[e.target];
      if (target < out.log_a_start.size()) out.southern_partners.push_back(target);
      formed_gap.emplace(std::make_pair(source, target),
                         st.firms.log_productivity[e.source] - st.firms.log_productivity[e.target]);
    }
    if (!sim.done()) return;
    out.gap_end = country_mean_log_a(st, north) - country_mean_log_a(st, south);
    const std::vector<FirmId> place = places_by_id(st.firms);
    for (const FirmId i : place) {
      out.log_a_end.push_back(st.firms.log_productivity[i]);
      out.alive_end.push_back(st.firms.alive[i]);
    }
    for (const auto& [pair, gap] : formed_gap) {
      const FirmId a = place[pair.first], b = place[pair.second];
      if (!both_alive(st, a, b)) continue;
      out.partner_gap_formed += gap;
      out.partner_gap_end += st.firms.log_productivity[a] - st.firms.log_productivity[b];
      ++out.partner_pairs;
    }
    if (out.partner_pairs > 0) {
      out.partner_gap_formed /= out.partner_pairs;
      out.partner_gap_end /= out.partner_pairs;
    }
  });
  return out;
}

}  // namespace

TEST_CASE("north_south_jv: local content rises, the South catches up", "[shipped]") {
  const Scenario sc = load("north_south_jv.json");
  JvRun jv = run_north_south(sc);
  Scenario off = sc;
  off.cooperation.value[static_cast<int>(TieType::joint_venture)] = 0;
  const JvRun no_jv = run_north_south(off);
  INFO("local content " << jv.local_content_first << " -> " << jv.local_content_last
                        << "; North-South gap in mean log A " << jv.gap_start << " -> "
                        << jv.gap_end << " (without joint ventures " << no_jv.gap_end
                        << "); partners " << jv.partner_pairs << ", gap at formation "
                        << jv.partner_gap_formed << ", at the end " << jv.partner_gap_end);
  // Local content: from a few per cent toward most of the product.
  REQUIRE(std::isfinite(jv.local_content_first));
  CHECK(jv.local_content_first < 0.15);
  CHECK(jv.local_content_last > 0.5);
  CHECK(std::isnan(no_jv.local_content_last));  // the counterfactual has no joint ventures
  // The southern partners close most of their gap to their northern partners ...
  REQUIRE(jv.partner_pairs >= 20);
  CHECK(jv.partner_gap_formed > 0.1);
  CHECK(jv.partner_gap_end < 0.5 * jv.partner_gap_formed);
  // ... and the same southern firms gain more productivity than they do without joint
  // ventures (same seed: the same initial firms), so the South's gap shrinks faster.
  std::sort(jv.southern_partners.begin(), jv.southern_partners.end());
  jv.southern_partners.erase(std::unique(jv.southern_partners.begin(), jv.southern_partners.end()),
                             jv.southern_partners.end());
  double gain_jv = 0, gain_no_jv = 0;
  int firms = 0;
  for (const std::uint32_t i : jv.southern_partners) {
    if (i >= no_jv.alive_end.size() || !jv.alive_end[i] || !no_jv.alive_end[i]) continue;
    gain_jv += jv.log_a_end[i] - jv.log_a_start[i];
    gain_no_jv += no_jv.log_a_end[i] - no_jv.log_a_start[i];
    ++firms;
  }
  REQUIRE(firms >= 10);
  gain_jv /= firms;
  gain_no_jv /= firms;
  INFO(firms << " southern partners of the start alive in both runs gain " << gain_jv
             << " in log A with joint ventures, " << gain_no_jv << " without");
  CHECK(gain_jv > gain_no_jv + 0.1);
  REQUIRE(jv.gap_start > 0.3);
  CHECK(jv.gap_end < jv.gap_start - 0.2);
}

namespace {

struct ReformRun {
  double before_max = 0;  ///< most cooperation ties on any step before the reform
  double end = 0;         ///< cooperation ties at the end
  double firms_end = 0;
  double quality_end = 0;
};

ReformRun run_reform(const Scenario& sc, int reform_start) {
  ReformRun out;
  run(sc, [&](const Simulation& sim) {
    const double ties = cooperation_ties(sim);
    if (sim.state().step <= reform_start) out.before_max = std::max(out.before_max, ties);
    if (sim.done()) {
      out.end = ties;
      out.firms_end = metric(sim, "firms");
      out.quality_end = sim.state().countries[0].spec.institutional_quality;
    }
  });
  return out;
}

}  // namespace

TEST_CASE("weak_institutions: cooperation takes off only after the reform", "[shipped]") {
  const Scenario sc = load("weak_institutions.json");
  int reform_start = -1;
  for (const InterventionSpec& i : sc.policy.interventions)
    if (i.type == "institutional_reform") reform_start = i.start;
  REQUIRE(reform_start > 10);
  REQUIRE(reform_start + 40 <= sc.steps);
  const ReformRun reform = run_reform(sc, reform_start);
  Scenario off = sc;
  off.policy.interventions.clear();
  const ReformRun none = run_reform(off, reform_start);
  INFO("cooperation ties: at most " << reform.before_max << " before the reform, "
                                    << reform.end << " at the end (" << reform.firms_end
                                    << " firms); without the reform " << none.end
                                    << "; institutional quality at the end " << reform.quality_end
                                    << " (without " << none.quality_end << ")");
  CHECK(reform.quality_end > sc.world.countries[0].institutional_quality + 0.3);
  CHECK(reform.before_max <= 0.02 * reform.firms_end + 1);
  CHECK(reform.end >= 0.2 * reform.firms_end);
  CHECK(reform.end > 5 * (reform.before_max + 1));
  CHECK(reform.end > 4 * (none.end + 1));
}

namespace {

struct LicenceRun {
  std::array<int, kTieTypeCount> formed{};
  double gap_formed = 0, gap_later = 0;  ///< licensor minus licensee log A, same pairs
  int pairs = 0;
};

/// Licensing and second-source pairs with the licensor ahead at formation, followed `horizon`
/// steps (or to the end, if at least half of that remains).
LicenceRun run_licences(const Scenario& sc, int horizon) {
  LicenceRun out;
  struct Pending {
    std::uint32_t source, target;  ///< ids (Firms::id): the firms' places may change
    int due;
    double gap;
  };
  std::vector<Pending> pending;
  run(sc, [&](const Simulation& sim) {
    const State& st = sim.state();
    auto gap = [&](FirmId s, FirmId t) {
      return st.firms.log_productivity[s] - st.firms.log_productivity[t];
    };
    for (const TieEvent& e : st.events) {
      if (!e.formed) continue;
      ++out.formed[static_cast<int>(e.type)];
      if (e.type != TieType::licensing && e.type != TieType::second_source) continue;
      if (!both_alive(st, e.source, e.target) || gap(e.source, e.target) <= 0) continue;
      pending.push_back({st.firms.id[e.source], st.firms.id[e.target], st.step + horizon,
                         gap(e.source, e.target)});
    }
    const std::vector<FirmId> place = places_by_id(st.firms);
    for (const Pending& p : pending) {
      // Each pair once: at its due step, or at the end when that falls within the run's last
      // horizon / 2 steps (a pair already counted at its due step is not counted again).
      const bool due =
          st.step == p.due || (sim.done() && p.due > st.step && p.due - st.step <= horizon / 2);
      if (!due || !both_alive(st, place[p.source], place[p.target])) continue;
      out.gap_formed += p.gap;
      out.gap_later += gap(place[p.source], place[p.target]);
      ++out.pairs;
    }
  });
  if (out.pairs > 0) {
    out.gap_formed /= out.pairs;
    out.gap_later /= out.pairs;
  }
  return out;
}

}  // namespace

TEST_CASE("technology_race: licensing and second sourcing, licensees catch up", "[shipped]") {
  const Scenario sc = load("technology_race.json");
  constexpr int kHorizon = 16;
  const LicenceRun on = run_licences(sc, kHorizon);
  // Counterfactual (same seed): the same agreements teach nothing.
  Scenario off = sc;
  off.innovation.tie_learning[static_cast<int>(TieType::licensing)] = 0;
  off.innovation.tie_learning[static_cast<int>(TieType::second_source)] = 0;
  const LicenceRun dry = run_licences(off, kHorizon);
  const int lic = on.formed[static_cast<int>(TieType::licensing)];
  const int sec = on.formed[static_cast<int>(TieType::second_source)];
  INFO("formed: licensing " << lic << ", second_source " << sec << "; " << on.pairs
                            << " pairs, licensor's lead " << on.gap_formed << " -> "
                            << on.gap_later << " after " << kHorizon << " steps (without tie "
                            << "learning " << dry.gap_formed << " -> " << dry.gap_later << ")");
  CHECK(lic >= 10);
  CHECK(sec >= 10);
  REQUIRE(on.pairs >= 20);
  REQUIRE(dry.pairs >= 20);
  // Licensees close most of their licensor's lead ...
  CHECK(on.gap_later < 0.5 * on.gap_formed);
  // ... through the agreement: without its learning they close much less of it.
  CHECK(on.gap_formed - on.gap_later > (dry.gap_formed - dry.gap_later) + 0.05);
}

TEST_CASE("every tie type forms in some shipped scenario", "[shipped]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kScenarioDir)) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && p.extension() == ".json" &&
        p.filename().string().find("schema") == std::string::npos)
      files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  std::array<std::vector<std::string>, kTieTypeCount> where;
  for (const fs::path& file : files) {
    Scenario sc = load(file.filename().string());
    // Shortened: at most 100 steps and about 400 firms.
    sc.steps = std::min(sc.steps, 100);
    int firms = 0;
    for (const RegionSpec& r : sc.world.regions) firms += r.firms;
    if (firms > 400) {
      const double scale = 400.0 / firms;
      for (RegionSpec& r : sc.world.regions)
        r.firms = std::max(r.firms > 0 ? 4 : 0, static_cast<int>(std::lround(r.firms * scale)));
    }
    std::array<bool, kTieTypeCount> formed{};
    run(sc, [&](const Simulation& sim) {
      for (const TieEvent& e : sim.state().events)
        if (e.formed) formed[static_cast<int>(e.type)] = true;
      for (int k = 0; k < kTieTypeCount; ++k)
        if (metric(sim, ("ties_" + std::string(kTieRules[k].name)).c_str()) > 0)
          formed[k] = true;
    });
    for (int k = 0; k < kTieTypeCount; ++k)
      if (formed[k]) where[k].push_back(file.stem().string());
  }
  for (int k = 0; k < kTieTypeCount; ++k) {
    std::string list;
    for (const std::string& s : where[k]) list += " " + s;
    INFO(kTieRules[k].name << " forms in:" << list);
    CHECK(!where[k].empty());
  }
}

TEST_CASE("the default scenario's supply network has OEM ties: developed buyers, developing suppliers",
          "[shipped]") {
  Scenario sc = load("default.json");
  sc.steps = 40;
  double most = 0;
  run(sc, [&](const Simulation& sim) {
    most = std::max(most, metric(sim, "ties_oem"));
    const State& st = sim.state();
    for (const Tie& t : st.ties) {
      if (!t.alive || t.type != TieType::oem || !both_alive(st, t.source, t.target)) continue;
      CHECK(st.countries[st.firms.country[t.target]].spec.developed);
      CHECK_FALSE(st.countries[st.firms.country[t.source]].spec.developed);
      CHECK(st.firms.stage[t.target] == sc.world.stages - 1);
    }
  });
  CHECK(most >= 5);
}
