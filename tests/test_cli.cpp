// The firmsim program's command line: version, help with examples, init, check, run, exit codes
// (0 success, 2 bad input, 1 failure during the run) and logging. Each run is tiny.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firmsim/io/scenario_json.hpp"
#include "test_cli_support.hpp"

using firmsim::test::Outcome;
using firmsim::test::run_firmsim;
using firmsim::test::TempDir;
namespace fs = std::filesystem;

namespace {

/// Every file under `dir` with its contents.
std::map<std::string, std::string> contents_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = fs::relative(entry.path(), dir).string();
    files[name] = entry.is_regular_file() ? firmsim::test::read_text(entry.path()) : "(folder)";
  }
  return files;
}

/// A valid scenario: the default one, two steps long.
void write_small_scenario(const fs::path& file) {
  nlohmann::json doc = nlohmann::json(firmsim::io::scenario_to_json(firmsim::Scenario{}));
  doc["name"] = "small";
  doc["steps"] = 2;
  firmsim::test::write_text(file, doc.dump(2));
}

}  // namespace

TEST_CASE("the program prints its version with --version", "[cli]") {
  const TempDir dir;
  const Outcome outcome = run_firmsim({"--version"}, dir);
  CHECK(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains(std::string("firmsim ") + FIRMSIM_VERSION));
}

TEST_CASE("the help of the program and of every subcommand has examples", "[cli]") {
  const TempDir dir;
  const Outcome top = run_firmsim({"--help"}, dir);
  CHECK(top.exit_code == 0);
  CHECK_THAT(top.out, Catch::Contains("Example"));
  for (const char* command : {"run", "check", "init", "experiment", "report", "serve"}) {
    INFO("firmsim " << command << " --help");
    const Outcome outcome = run_firmsim({command, "--help"}, dir);
    CHECK(outcome.exit_code == 0);
    CHECK_THAT(outcome.out, Catch::Contains("Example"));
    CHECK_THAT(outcome.out, Catch::Contains(std::string("firmsim ") + command));
  }
  // Options say their unit or meaning.
  const Outcome run = run_firmsim({"run", "--help"}, dir);
  for (const char* option : {"--out", "--seed", "--steps", "--threads", "--snapshot-every",
                             "--force", "--quiet", "--verbose"}) {
    CHECK_THAT(run.out, Catch::Contains(option));
  }
  CHECK_THAT(run.out, Catch::Contains("Exit codes"));
}

TEST_CASE("init writes the default scenario to standard output or to a file", "[cli]") {
  const TempDir dir;
  const Outcome out = run_firmsim({"init"}, dir);
  REQUIRE(out.exit_code == 0);
  const bool same_scenario = nlohmann::json::parse(out.out) ==
                             nlohmann::json(firmsim::io::scenario_to_json(firmsim::Scenario{}));
  CHECK(same_scenario);
  CHECK(firmsim::io::parse_scenario(out.out).ok());

  const Outcome to_file = run_firmsim({"init", "my.json"}, dir);
  CHECK(to_file.exit_code == 0);
  REQUIRE(fs::exists(dir / "my.json"));
  CHECK(firmsim::test::read_text(dir / "my.json") == out.out);

  // An existing file is kept unless --force.
  firmsim::test::write_text(dir / "mine.json", "{}");
  const Outcome refused = run_firmsim({"init", "mine.json"}, dir);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("--force"));
  CHECK(firmsim::test::read_text(dir / "mine.json") == "{}");
  CHECK(run_firmsim({"init", "--force", "mine.json"}, dir).exit_code == 0);
  CHECK(firmsim::test::read_text(dir / "mine.json") == out.out);

  const Outcome schema = run_firmsim({"init", "--schema"}, dir);
  CHECK(schema.exit_code == 0);
  const bool same_schema =
      nlohmann::json::parse(schema.out) == nlohmann::json(firmsim::io::scenario_schema());
  CHECK(same_schema);
}

TEST_CASE("check exits 0 for a good scenario and 2 with each mistake's path for a bad one",
          "[cli]") {
  const TempDir dir;
  write_small_scenario(dir / "good.json");
  const Outcome good = run_firmsim({"check", "good.json"}, dir);
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.out, Catch::Contains("OK"));

  firmsim::test::write_text(
      dir / "bad.json",
      R"({"steps": -2, "world": {"regions": [{"name": "r", "country": "nrth"}]}, "sed": 3})");
  const Outcome bad = run_firmsim({"check", "bad.json"}, dir);
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("3 mistakes"));
  CHECK_THAT(bad.err, Catch::Contains("/steps: "));
  CHECK_THAT(bad.err, Catch::Contains("/world/regions/0/country: no country named \"nrth\""));
  CHECK_THAT(bad.err, Catch::Contains("/sed: unknown field \"sed\"; did you mean \"seed\"?"));

  firmsim::test::write_text(dir / "broken.json", "{\n  \"steps\": 2,\n}\n");
  const Outcome broken = run_firmsim({"check", "broken.json"}, dir);
  CHECK(broken.exit_code == 2);
  CHECK_THAT(broken.err, Catch::Contains("not JSON: line 3"));

  const Outcome missing = run_firmsim({"check", "missing.json"}, dir);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("cannot read"));
}

TEST_CASE("run: an unreadable scenario file exits 2", "[cli]") {
  const TempDir dir;
  const Outcome missing = run_firmsim({"run", "missing.json", "--out", "res"}, dir);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("cannot read"));
  fs::create_directory(dir / "folder.json");
  const Outcome folder = run_firmsim({"run", "folder.json", "--out", "res"}, dir);
  CHECK(folder.exit_code == 2);
  CHECK_FALSE(fs::exists(dir / "res"));
}

TEST_CASE("run: a non-empty results folder is left untouched without --force", "[cli]") {
  const TempDir dir;
  write_small_scenario(dir / "small.json");
  fs::create_directory(dir / "res");
  firmsim::test::write_text(dir / "res" / "notes.txt", "keep me");
  const auto before = contents_of(dir / "res");
  const Outcome outcome = run_firmsim({"run", "small.json", "--out", "res"}, dir);
  INFO(outcome.err);
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Catch::Contains("res"));
  CHECK(contents_of(dir / "res") == before);
}

TEST_CASE("run: a small run writes its folder and --force replaces it", "[cli]") {
  const TempDir dir;
  write_small_scenario(dir / "small.json");
  const Outcome first = run_firmsim({"run", "small.json", "--out", "res", "--threads", "1"}, dir);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(fs::exists(dir / "res" / "summary.json"));
  CHECK_THAT(first.out, Catch::Contains("2 steps of scenario 'small'"));
  // Not a terminal: no progress line (carriage returns) on standard error.
  CHECK(first.err.find('\r') == std::string::npos);

  const Outcome again =
      run_firmsim({"run", "small.json", "--out", "res", "--force", "--quiet", "--seed", "5"}, dir);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());  // --quiet: no summary
  CHECK(again.err.empty());  // --quiet: warnings and errors only
  CHECK(fs::exists(dir / "res" / "summary.json"));
}

TEST_CASE("run without a scenario uses the embedded default and --verbose logs debug", "[cli]") {
  const TempDir dir;
  const Outcome outcome = run_firmsim({"run", "--steps", "1", "--out", "res", "--verbose"}, dir);
  INFO(outcome.err);
  CHECK(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains("scenario 'default'"));
  CHECK_THAT(outcome.err, Catch::Contains("debug"));
  CHECK(fs::exists(dir / "res" / "summary.json"));
}

TEST_CASE("usage mistakes exit 2", "[cli]") {
  const TempDir dir;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"frobnicate"},
           {"run", "--steps", "many"},
           {"run", "--no-such-option"},
           {"run", "--quiet", "--verbose"},
           {"run", "--threads", "-1"},
           {"check"},
           {"check", "a.json", "b.json"},
       }) {
    std::string shown = "firmsim";
    for (const std::string& a : args) shown += " " + a;
    INFO(shown);
    const Outcome outcome = run_firmsim(args, dir);
    CHECK(outcome.exit_code == 2);
    CHECK_FALSE(outcome.err.empty());
    CHECK_FALSE(fs::exists(dir / "firmsim-out"));
  }
}

TEST_CASE("run: command-line values are checked like scenario fields", "[cli]") {
  const TempDir dir;
  const Outcome outcome = run_firmsim({"run", "--steps", "-3", "--out", "res"}, dir);
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Catch::Contains("/steps"));
  CHECK_FALSE(fs::exists(dir / "res"));
}
