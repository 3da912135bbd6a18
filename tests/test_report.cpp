// `firmsim report`: one self-contained page with the data inlined, and the exit code for a folder
// that holds no results.
#include <catch2/catch.hpp>
#include <regex>
#include <string>

#include "test_cli_support.hpp"

using firmsim::test::Outcome;
using firmsim::test::read_text;
using firmsim::test::run_firmsim;
using firmsim::test::TempDir;

TEST_CASE("report writes one self-contained page of a run", "[report]") {
  TempDir dir;
  const Outcome run = run_firmsim(
      {"run", "--steps", "3", "--snapshot-every", "2", "--out", "out", "--quiet"}, dir);
  REQUIRE(run.exit_code == 0);
  const Outcome report = run_firmsim({"report", "out"}, dir);
  if (report.exit_code == 1 && report.err.find("not built") != std::string::npos) {
    WARN("the page was not built into this firmsim (FIRMSIM_WITH_WEB=OFF or no npm): skipped");
    return;
  }
  REQUIRE(report.exit_code == 0);
  const std::string page = read_text(dir / "out/report.html");
  REQUIRE(!page.empty());
  // The data is inlined: the marker is replaced by the run's view.
  CHECK(page.find("@@FIRMSIM_DATA@@") == std::string::npos);
  CHECK(page.find("\"kind\":\"run\"") != std::string::npos);
  CHECK(page.find("\"frames\":[") != std::string::npos);
  CHECK(page.find("\"metrics\":{") != std::string::npos);
  // Nothing is fetched: no script, stylesheet or link pointing at the network.
  const std::regex remote(R"(<(script|link)[^>]*(src|href)\s*=\s*["']?(https?:)?//)",
                          std::regex::icase);
  CHECK_FALSE(std::regex_search(page, remote));
  const std::regex remote_import(R"(@import\s+(url\()?["']?https?://)", std::regex::icase);
  CHECK_FALSE(std::regex_search(page, remote_import));
}

TEST_CASE("report exits 2 on a folder that holds no results", "[report]") {
  TempDir dir;
  firmsim::test::write_text(dir / "notes.txt", "not results\n");
  const Outcome outcome = run_firmsim({"report", "."}, dir);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("no results") != std::string::npos);
  CHECK(run_firmsim({"report", "missing-folder"}, dir).exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "report.html"));
}

TEST_CASE("report of an arms experiment holds its effects and effect curves", "[report]") {
  TempDir dir;
  firmsim::test::write_text(dir / "arms.json", R"({
    "seed": 5, "steps": 6,
    "base": {"world": {"countries": [{"name": "north"}],
                       "regions": [{"name": "a", "country": "north", "firms": 40}]}},
    "design": {"kind": "arms", "replications": 3, "effects": {"window": 2},
               "arms": [{"name": "baseline"},
                        {"name": "slump", "set": {"/market/demand_growth": -0.4}}]}
  })");
  const Outcome exp = run_firmsim({"experiment", "arms.json", "--out", "exp", "--quiet"}, dir);
  INFO(exp.err);
  REQUIRE(exp.exit_code == 0);
  REQUIRE(std::filesystem::exists(dir / "exp/effects.csv"));
  const Outcome report = run_firmsim({"report", "exp"}, dir);
  if (report.exit_code == 1 && report.err.find("not built") != std::string::npos) {
    WARN("the page was not built into this firmsim (FIRMSIM_WITH_WEB=OFF or no npm): skipped");
    return;
  }
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  const std::string page = read_text(dir / "exp/report.html");
  CHECK(page.find("\"kind\":\"experiment\"") != std::string::npos);
  // effects.csv's rows: the slump against the baseline, each metric with its interval and pairs.
  CHECK(page.find("\"effects\":[{\"arm\":\"slump\",\"metric\":\"firms\",\"baseline\":") !=
        std::string::npos);
  const std::string num = "[-+0-9.e]+";
  const std::regex output_effect(R"(\{"arm":"slump","metric":"output","baseline":)" + num +
                                 R"(,"arm_mean":)" + num + R"(,"diff":-)" + num + R"(,"lo":)" +
                                 num + R"(,"hi":)" + num + R"(,"n":3,)");
  CHECK(std::regex_search(page, output_effect));
  // The effect curves: the slump (group 1) at every step, with their bands; none for the baseline.
  CHECK(page.find("\"differences\":[{\"group\":1,\"metric\":0,\"step\":[0,1,2,3,4,5],\"diff\":[") !=
        std::string::npos);
  CHECK(page.find("\"group\":0,\"metric\":0,\"step\":[0,1,2,3,4,5],\"diff\"") == std::string::npos);
  CHECK(page.find("\"effects_window\":2") != std::string::npos);
}
