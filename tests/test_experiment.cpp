// Experiments without running them: parsing and validation, design expansion, seeds,
// Latin hypercubes, Morris trajectories and effects, and the statistics of aggregate.csv.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "firmsim/io/experiment.hpp"

namespace fs = std::filesystem;
using firmsim::io::DesignKind;
using firmsim::io::ExperimentParse;
using firmsim::io::make_plan;
using firmsim::io::parse_experiment;
using nlohmann::json;

namespace {

/// A small inline base scenario: parsing and expanding experiments over it is fast.
json tiny_base() {
  return json::parse(R"({
    "steps": 3,
    "world": {
      "countries": [{"name": "north"}, {"name": "south", "developed": false}],
      "regions": [{"name": "a", "country": "north", "firms": 20},
                  {"name": "b", "country": "south", "x_km": 500, "firms": 10}]
    }
  })");
}

json with_design(json design) {
  json doc;
  doc["base"] = tiny_base();
  doc["seed"] = 9;
  doc["design"] = std::move(design);
  return doc;
}

ExperimentParse parse(const json& doc) { return parse_experiment(doc, FIRMSIM_SOURCE_DIR); }

std::string errors_text(const ExperimentParse& p) {
  std::string out;
  for (const auto& e : p.errors) out += e.path + ": " + e.message + "\n";
  return out;
}

bool has_error_at(const ExperimentParse& p, const std::string& path) {
  return std::any_of(p.errors.begin(), p.errors.end(),
                     [&](const firmsim::io::ScenarioError& e) { return e.path == path; });
}

}  // namespace

TEST_CASE("every shipped experiment file validates", "[experiment]") {
  const fs::path dir = fs::path(FIRMSIM_SOURCE_DIR) / "scenarios" / "experiments";
  std::set<std::string> seen;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    const ExperimentParse parsed = firmsim::io::load_experiment_file(entry.path());
    INFO(entry.path().string() << "\n" << errors_text(parsed));
    CHECK(parsed.ok());
    if (!parsed.ok()) continue;
    seen.insert(entry.path().filename().string());
    const auto plan = make_plan(*parsed.experiment);
    CHECK(plan.runs.size() >= 2);
  }
  for (const char* name : {"smoke.json", "replication.json", "lhs_cooperation.json", "morris.json"})
    CHECK(seen.count(name) == 1);

  const auto smoke = firmsim::io::load_experiment_file(dir / "smoke.json");
  REQUIRE(smoke.ok());
  CHECK(make_plan(*smoke.experiment).runs.size() == 8);
  const auto lhs = firmsim::io::load_experiment_file(dir / "lhs_cooperation.json");
  REQUIRE(lhs.ok());
  CHECK(lhs.experiment->kind == DesignKind::lhs);
  const auto morris = firmsim::io::load_experiment_file(dir / "morris.json");
  REQUIRE(morris.ok());
  CHECK(morris.experiment->kind == DesignKind::morris);
}

TEST_CASE("experiment mistakes are named by their JSON path", "[experiment]") {
  struct Case {
    json doc;
    std::string path;
  };
  const std::vector<Case> cases = {
      {json::array(), ""},
      {[] {
         auto d = with_design({{"kind", "replications"}});
         d["desing"] = 1;
         return d;
       }(),
       "/desing"},
      {with_design({{"kind", "grd"}}), "/design/kind"},
      {with_design({{"kind", "replications"}, {"replications", 0}}), "/design/replications"},
      {with_design({{"kind", "replications"}, {"samples", 3}}), "/design/samples"},
      {with_design({{"kind", "grid"}}), "/design/parameters"},
      {with_design({{"kind", "grid"},
                    {"parameters", {{{"path", "/trust/gian"}, {"values", {0.1}}}}}}),
       "/design/parameters/0/path"},
      {with_design({{"kind", "grid"}, {"parameters", {{{"path", "trust/gain"}, {"values", {1}}}}}}),
       "/design/parameters/0/path"},
      {with_design({{"kind", "grid"}, {"parameters", {{{"path", "/seed"}, {"values", {1, 2}}}}}}),
       "/design/parameters/0/path"},
      {with_design({{"kind", "grid"},
                    {"parameters", {{{"path", "/trust/gain"}, {"values", {0.1, 5}}}}}}),
       "/design/parameters/0/values/1"},
      {with_design({{"kind", "grid"}, {"parameters", {{{"path", "/trust/gain"}, {"values", json::array()}}}}}),
       "/design/parameters/0/values"},
      {with_design({{"kind", "grid"},
                    {"parameters",
                     {{{"path", "/trust/gain"}, {"values", {0.1}}},
                      {{"path", "/trust/gain"}, {"values", {0.2}}}}}}),
       "/design/parameters/1/path"},
      {with_design({{"kind", "lhs"},
                    {"parameters", {{{"path", "/trust/gain"}, {"min", 0.1}, {"max", 0.2}}}}}),
       "/design/samples"},
      {with_design({{"kind", "lhs"},
                    {"samples", 4},
                    {"parameters", {{{"path", "/trust/gain"}, {"min", 0.5}, {"max", 0.1}}}}}),
       "/design/parameters/0"},
      {with_design({{"kind", "lhs"},
                    {"samples", 4},
                    {"parameters", {{{"path", "/trust/gain"}, {"min", 0.5}, {"max", 2}}}}}),
       "/design/parameters/0/max"},
      {with_design({{"kind", "lhs"},
                    {"samples", 4},
                    {"parameters", {{{"path", "/world/regions/5/firms"}, {"min", 1}, {"max", 9}}}}}),
       "/design/parameters/0/path"},
      {with_design({{"kind", "lhs"},
                    {"samples", 4},
                    {"parameters", {{{"path", "/world/countries/0/name"}, {"min", 0}, {"max", 1}}}}}),
       "/design/parameters/0/path"},
      {with_design({{"kind", "lhs"},
                    {"samples", 4},
                    {"parameters", {{{"path", "/trust/gain"}, {"min", "low"}, {"max", 0.5}}}}}),
       "/design/parameters/0/min"},
      {with_design({{"kind", "morris"},
                    {"trajectories", 2},
                    {"levels", 3},
                    {"parameters", {{{"path", "/trust/gain"}, {"min", 0.1}, {"max", 0.5}}}}}),
       "/design/levels"},
      {with_design({{"kind", "morris"},
                    {"trajectories", 2},
                    {"parameters", {{{"path", "/supply/candidates"}, {"min", 1.5}, {"max", 4}}}}}),
       "/design/parameters/0"},
      {with_design({{"kind", "arms"}}), "/design/arms"},
      {with_design({{"kind", "arms"}, {"arms", {{{"name", "a"}}, {{"name", "a"}}}}}),
       "/design/arms/1/name"},
      {with_design({{"kind", "arms"},
                    {"arms", {{{"name", "a"}}, {{"name", "b"}, {"set", {{"/trust/gain", "x"}}}}}}}),
       "/design/arms/1/set/~1trust~1gain"},
      {with_design({{"kind", "arms"},
                    {"arms", {{{"name", "a"}}, {{"name", "b"}, {"set", {{"/trust/nope", 1}}}}}}}),
       "/design/arms/1/set/~1trust~1nope"},
      {with_design({{"kind", "arms"}, {"arms", {{{"name", "a"}}}}, {"effects", 4}}),
       "/design/effects"},
      {with_design({{"kind", "arms"}, {"arms", {{{"name", "a"}}}}, {"effects", {{"window", 9}}}}),
       "/design/effects/window"},
      {with_design({{"kind", "arms"}, {"arms", {{{"name", "a"}}}}, {"effects", {{"window", 0}}}}),
       "/design/effects/window"},
      {with_design({{"kind", "arms"}, {"arms", {{{"name", "a"}}}}, {"effects", {{"widow", 2}}}}),
       "/design/effects/widow"},
      {with_design({{"kind", "grid"},
                    {"parameters", {{{"path", "/trust/gain"}, {"values", {0.1}}}}},
                    {"effects", {{"window", 1}}}}),
       "/design/effects"},
      {[] {
         auto d = with_design({{"kind", "replications"}});
         d["seed"] = -1;
         return d;
       }(),
       "/seed"},
      {[] {
         auto d = with_design({{"kind", "replications"}});
         d["steps"] = "ten";
         return d;
       }(),
       "/steps"},
      {[] {
         auto d = with_design({{"kind", "replications"}});
         d["base"]["trust"] = {{"gain", 7}};
         return d;
       }(),
       "/base/trust/gain"},
      {[] {
         auto d = with_design({{"kind", "replications"}});
         d["base"] = "no-such-scenario.json";
         return d;
       }(),
       "/base"},
      {[] {
         auto d = with_design({{"kind", "replications"}});
         d["base"] = 3;
         return d;
       }(),
       "/base"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const ExperimentParse parsed = parse(cases[i].doc);
    INFO("case " << i << ", expected an error at \"" << cases[i].path << "\"; got:\n"
                 << errors_text(parsed));
    CHECK_FALSE(parsed.ok());
    CHECK_FALSE(parsed.experiment.has_value());
    CHECK(has_error_at(parsed, cases[i].path));
  }

  // Several mistakes at once are all reported.
  auto doc = with_design({{"kind", "lhs"},
                          {"samples", 0},
                          {"parameters", {{{"path", "/trust/gian"}, {"min", 0}, {"max", 1}}}}});
  doc["sead"] = 3;
  const ExperimentParse parsed = parse(doc);
  INFO(errors_text(parsed));
  CHECK(has_error_at(parsed, "/sead"));
  CHECK(has_error_at(parsed, "/design/samples"));
  CHECK(has_error_at(parsed, "/design/parameters/0/path"));
}

TEST_CASE("a valid experiment parses into the design it describes", "[experiment]") {
  auto doc = with_design({{"kind", "grid"},
                          {"replications", 2},
                          {"parameters",
                           {{{"path", "/trust/gain"}, {"values", {0.1, 0.2}}},
                            {{"path", "/world/regions/0/firms"}, {"values", {5, 10, 15}}}}}});
  doc["steps"] = 2;
  const ExperimentParse parsed = parse(doc);
  INFO(errors_text(parsed));
  REQUIRE(parsed.ok());
  const auto plan = make_plan(*parsed.experiment);
  CHECK(parsed.experiment->steps == 2);
  CHECK(parsed.experiment->seed == 9);
  REQUIRE(plan.points.size() == 6);
  REQUIRE(plan.runs.size() == 12);
  // Row-major: the last parameter varies fastest; run ids are point-major.
  CHECK(plan.parameter_columns == std::vector<std::string>{"/trust/gain", "/world/regions/0/firms"});
  CHECK(plan.parameter_values[0] == std::vector<json>{0.1, 5});
  CHECK(plan.parameter_values[2] == std::vector<json>{0.1, 15});
  CHECK(plan.parameter_values[3] == std::vector<json>{0.2, 5});
  for (const auto& run : plan.runs) {
    CHECK(run.run_id == run.point * 2 + run.replication);
    CHECK(run.seed < (1ull << 53));
  }
  // The scenario of a run carries its overrides, seed and steps.
  // Run 9 is replication 1 of point 4: /trust/gain 0.2, firms 10.
  CHECK(plan.runs[9].point == 4);
  const firmsim::Scenario sc = firmsim::io::run_scenario(plan, plan.runs[9]);
  CHECK(sc.seed == plan.runs[9].seed);
  CHECK(sc.steps == 2);
  CHECK(sc.trust.gain == 0.2);
  CHECK(sc.world.regions[0].firms == 10);
  CHECK(firmsim::io::run_command(plan, plan.runs[9], "base.json") ==
        "firmsim run base.json --seed " + std::to_string(plan.runs[9].seed) +
            " --steps 2 --set /trust/gain=0.2 --set /world/regions/0/firms=10");
}

TEST_CASE("run seeds depend on the experiment seed and the run's identity alone", "[experiment]") {
  using firmsim::io::derive_seed;
  CHECK(derive_seed(5, 3, 2) == derive_seed(5, 3, 2));
  CHECK(derive_seed(5, 3, 2) != derive_seed(6, 3, 2));
  CHECK(derive_seed(5, 3, 2) != derive_seed(5, 4, 2));
  CHECK(derive_seed(5, 3, 2) != derive_seed(5, 3, 1));

  const auto grid = [](int replications, bool crn) {
    json design = {{"kind", "grid"},
                   {"replications", replications},
                   {"common_random_numbers", crn},
                   {"parameters", {{{"path", "/trust/gain"}, {"values", {0.1, 0.2, 0.3}}}}}};
    const ExperimentParse parsed = parse(with_design(design));
    REQUIRE(parsed.ok());
    return make_plan(*parsed.experiment);
  };
  const auto small = grid(2, false), large = grid(5, false);
  // Adding replications leaves the seeds of the existing runs as they were.
  for (const auto& run : small.runs) {
    const auto& same = large.runs[static_cast<std::size_t>(run.point * 5 + run.replication)];
    CHECK(same.seed == run.seed);
  }
  std::set<std::uint64_t> seeds;
  for (const auto& run : large.runs) seeds.insert(run.seed);
  CHECK(seeds.size() == large.runs.size());
  CHECK(small.fingerprint != large.fingerprint);

  // Common random numbers: replication i has the same seed at every design point.
  const auto crn = grid(3, true);
  for (const auto& run : crn.runs) CHECK(run.seed == crn.runs[static_cast<std::size_t>(run.replication)].seed);

  // Arms are paired: every arm runs the same seeds.
  const ExperimentParse arms = parse(with_design(
      {{"kind", "arms"},
       {"replications", 2},
       {"arms", {{{"name", "base"}}, {{"name", "trusting"}, {"set", {{"/trust/gain", 0.3}}}}}}}));
  REQUIRE(arms.ok());
  const auto plan = make_plan(*arms.experiment);
  REQUIRE(plan.runs.size() == 4);
  CHECK(plan.runs[0].seed == plan.runs[2].seed);
  CHECK(plan.runs[1].seed == plan.runs[3].seed);
  CHECK(plan.runs[0].seed != plan.runs[1].seed);
  CHECK(plan.points[1].label == "trusting");
}

TEST_CASE("a Latin hypercube has one point in each stratum of each dimension", "[experiment]") {
  const int n = 9, k = 4;
  const auto points = firmsim::io::latin_hypercube(n, k, 77);
  REQUIRE(points.size() == static_cast<std::size_t>(n));
  for (int j = 0; j < k; ++j) {
    std::vector<int> count(n, 0);
    for (const auto& p : points) {
      REQUIRE(p.size() == static_cast<std::size_t>(k));
      REQUIRE(p[j] >= 0.0);
      REQUIRE(p[j] < 1.0);
      ++count[static_cast<int>(std::floor(p[j] * n))];
    }
    CHECK(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
  }
  CHECK(firmsim::io::latin_hypercube(n, k, 77) == points);
  CHECK(firmsim::io::latin_hypercube(n, k, 78) != points);

  // Integer parameters are spread over [min, max] and stay in it.
  const ExperimentParse parsed = parse(with_design(
      {{"kind", "lhs"},
       {"samples", 6},
       {"parameters",
        {{{"path", "/world/regions/0/firms"}, {"min", 10}, {"max", 15}},
         {{"path", "/trust/gain"}, {"min", 0.1}, {"max", 0.4}}}}}));
  INFO(errors_text(parsed));
  REQUIRE(parsed.ok());
  const auto plan = make_plan(*parsed.experiment);
  REQUIRE(plan.points.size() == 6);
  std::set<long long> firms;
  for (const auto& values : plan.parameter_values) {
    REQUIRE(values[0].is_number_integer());
    firms.insert(values[0].get<long long>());
    CHECK(values[1].get<double>() >= 0.1);
    CHECK(values[1].get<double>() <= 0.4);
  }
  CHECK(firms == std::set<long long>{10, 11, 12, 13, 14, 15});
}

TEST_CASE("Morris trajectories move one parameter by delta per step", "[experiment]") {
  const int r = 5, k = 3, p = 4;
  const double delta = firmsim::io::morris_delta(p);
  CHECK(delta == Approx(2.0 / 3.0));
  const auto points = firmsim::io::morris_trajectories(r, k, p, 3);
  REQUIRE(points.size() == static_cast<std::size_t>(r * (k + 1)));
  for (const auto& x : points)
    for (double u : x) {
      CHECK(u >= 0.0);
      CHECK(u <= 1.0);
      CHECK(std::fabs(u * (p - 1) - std::round(u * (p - 1))) < 1e-12);
    }
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    for (int s = 1; s <= k; ++s) {
      const auto& a = points[static_cast<std::size_t>(t * (k + 1) + s - 1)];
      const auto& b = points[static_cast<std::size_t>(t * (k + 1) + s)];
      int changed = 0;
      for (int j = 0; j < k; ++j) {
        if (a[j] == b[j]) continue;
        ++changed;
        moved.insert(j);
        CHECK(std::fabs(b[j] - a[j]) == Approx(delta));
      }
      CHECK(changed == 1);
    }
    CHECK(moved.size() == static_cast<std::size_t>(k));  // every parameter moves once
  }

  // A linear output y = 2 x0 - 5 x1 (x2 inert): mu = (2, -5, 0), mu* = (2, 5, 0), sigma = 0.
  std::vector<double> y;
  for (const auto& x : points) y.push_back(2 * x[0] - 5 * x[1]);
  const auto ix = firmsim::io::morris_effects(points, y, p);
  REQUIRE(ix.size() == 3);
  CHECK(ix[0].mu == Approx(2));
  CHECK(ix[0].mu_star == Approx(2));
  CHECK(ix[1].mu == Approx(-5));
  CHECK(ix[1].mu_star == Approx(5));
  CHECK(ix[2].mu_star == Approx(0).margin(1e-12));
  for (const auto& i : ix) CHECK(i.sigma == Approx(0).margin(1e-9));

  // y = x0 * x1: the effect of x0 depends on x1, so sigma > 0.
  y.clear();
  for (const auto& x : points) y.push_back(x[0] * x[1]);
  const auto inter = firmsim::io::morris_effects(points, y, p);
  CHECK(inter[2].mu_star == Approx(0).margin(1e-12));
  CHECK(inter[0].mu_star > 0);
}

TEST_CASE("Student t quantiles and Welford moments match hand values", "[experiment]") {
  using firmsim::io::student_t_quantile;
  // Reference values: R's qt(0.975, df).
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706204736174707).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 2) == Approx(4.302652729749464).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 3) == Approx(3.182446305284263).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 9) == Approx(2.262157162798205).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042272456301238).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 100) == Approx(1.983971518523552).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 1000) == Approx(1.962339).epsilon(1e-6));
  CHECK(student_t_quantile(0.025, 3) == Approx(-3.182446305284263).epsilon(1e-10));

  firmsim::io::Welford w;
  for (double x : {1.0, 2.0, std::nan(""), 3.0, 4.0}) w.add(x);
  CHECK(w.n == 4);
  CHECK(w.mean == 2.5);
  CHECK(w.variance() == Approx(5.0 / 3.0));
  firmsim::io::Welford one;
  one.add(7);
  CHECK(std::isnan(one.variance()));
}

TEST_CASE("paired differences, their interval and the window summary match hand values",
          "[experiment]") {
  using firmsim::io::mean_interval95;
  using firmsim::io::paired_differences;
  // Seeds 0..4 of the baseline and of an arm; seed 4 has no baseline value (a NaN metric), so
  // 4 pairs remain: differences 1, 2, 0, 3.
  const std::vector<double> baseline = {1, 2, 3, 4, std::nan("")};
  const std::vector<double> arm = {2, 4, 3, 7, 10};
  const firmsim::io::Welford d = paired_differences(baseline, arm);
  CHECK(d.n == 4);
  CHECK(d.mean == 1.5);
  CHECK(d.variance() == Approx(5.0 / 3.0).epsilon(1e-15));
  // By hand: se = sqrt((5/3)/4) = 0.6454972243679028; t(0.975, 3) = 3.182446305284263;
  // half-width 2.0542602568, so the interval is [-0.5542602568, 3.5542602568].
  const firmsim::io::MeanInterval ci = mean_interval95(d);
  CHECK(ci.n == 4);
  CHECK(ci.mean == 1.5);
  CHECK(ci.low == Approx(-0.5542602568).epsilon(1e-9));
  CHECK(ci.high == Approx(3.5542602568).epsilon(1e-9));
  CHECK(ci.low < 0);  // so this effect is not clear at 95%

  // Identical arms (common random numbers, no change): exactly 0, an interval of width 0.
  const firmsim::io::MeanInterval same = mean_interval95(paired_differences(arm, arm));
  CHECK(same.mean == 0);
  CHECK(same.low == 0);
  CHECK(same.high == 0);
  // One pair: a mean but no interval; no pair: nothing.
  const firmsim::io::MeanInterval one = mean_interval95(paired_differences(
      std::vector<double>{1.0}, std::vector<double>{3.5}));
  CHECK(one.mean == 2.5);
  CHECK(std::isnan(one.low));
  CHECK(std::isnan(one.high));
  CHECK(std::isnan(mean_interval95(firmsim::io::Welford{}).mean));
  CHECK_THROWS(paired_differences(baseline, std::vector<double>{1.0}));

  // window_mean over a 4 steps x 2 metrics series (row-major): the last 2 rows of metric 1 are
  // 6 and NaN (skipped), so 6; the last 3 rows of metric 0 are 3, 5, 7, so 5.
  const std::vector<double> series = {1, 2, 3, 4, 5, 6, 7, std::nan("")};
  CHECK(firmsim::io::window_mean(series, 2, 0, 3) == 5);
  CHECK(firmsim::io::window_mean(series, 2, 1, 2) == 6);
  CHECK(firmsim::io::window_mean(series, 2, 0, 1) == 7);
  CHECK(firmsim::io::window_mean(series, 2, 0, 99) == 4);  // the whole run
  CHECK(std::isnan(firmsim::io::window_mean(series, 2, 1, 1)));
}

TEST_CASE("the effects window defaults to one year of the base scenario", "[experiment]") {
  json doc = with_design({{"kind", "arms"}, {"arms", {{{"name", "a"}}, {{"name", "b"}}}}});
  doc["steps"] = 10;
  doc["base"]["steps_per_year"] = 4;
  auto parsed = parse(doc);
  REQUIRE(parsed.ok());
  CHECK(parsed.experiment->effects_window == 4);
  doc["steps"] = 2;  // shorter than a year: the whole run
  parsed = parse(doc);
  REQUIRE(parsed.ok());
  CHECK(parsed.experiment->effects_window == 2);
  doc["steps"] = 10;
  doc["design"]["effects"] = {{"window", 1}};
  parsed = parse(doc);
  REQUIRE(parsed.ok());
  CHECK(parsed.experiment->effects_window == 1);
}

TEST_CASE("the --set option reads JSON values and applies them to JSON pointers", "[experiment]") {
  using firmsim::io::parse_set_option;
  CHECK(parse_set_option("/trust/gain=0.25").value == json(0.25));
  CHECK(parse_set_option("/world/countries/0/name=north").value == json("north"));
  CHECK(parse_set_option("/a=true").value == json(true));
  CHECK_THROWS_AS(parse_set_option("trust/gain=1"), std::invalid_argument);
  CHECK_THROWS_AS(parse_set_option("/trust/gain"), std::invalid_argument);
  json doc = {{"trust", {{"gain", 0.1}}}};
  const std::vector<firmsim::io::Override> ok = {{"/trust/gain", 0.3}};
  firmsim::io::apply_overrides(doc, ok);
  CHECK(doc["trust"]["gain"] == 0.3);
  const std::vector<firmsim::io::Override> bad = {{"/trust/gian", 0.3}};
  CHECK_THROWS_AS(firmsim::io::apply_overrides(doc, bad), std::invalid_argument);
}
