// Results folders (sim/io/results_folder.cpp, sim/io/run.cpp): complete or absent, never over
// someone else's files; the program's exit codes; snapshots and summary.json of a real run.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "firmsim/io/results.hpp"
#include "firmsim/io/run.hpp"
#include "firmsim/metrics.hpp"

using namespace firmsim;
namespace fs = std::filesystem;

namespace {

/// A fresh folder under the temporary folder, removed with everything in it.
struct Scratch {
  fs::path path;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "firmsim-outputs-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void put(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

/// A small world: 12 regions of 15 firms, a few steps.
Scenario small_scenario(int steps = 4) {
  Scenario sc;
  for (RegionSpec& r : sc.world.regions) r.firms = 15;
  sc.steps = steps;
  return sc;
}

/// Fails on the given step, after the files have started streaming.
class FailingObserver : public io::ResultWriter {
 public:
  explicit FailingObserver(int fail_at) : fail_at_(fail_at) {}
  void on_step(const io::RunView&, int step) override {
    if (step == fail_at_) throw std::runtime_error("disk on fire");
  }
  void on_finish(const io::RunView&, const io::RunInfo&) override {}

 private:
  int fail_at_;
};

/// Nothing but `keep` (and what it holds) next to it: no staging or old folders left behind.
bool no_leftovers(const fs::path& parent) {
  for (const auto& e : fs::directory_iterator(parent)) {
    const std::string name = e.path().filename().string();
    if (name.find(".tmp-") != std::string::npos || name.find(".old-") != std::string::npos)
      return false;
  }
  return true;
}

int run_program(const std::string& args) {
  const std::string cmd = std::string("'") + FIRMSIM_EXE + "' " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a run that fails mid-way leaves the old results folder untouched", "[outputs]") {
  Scratch tmp;
  const fs::path out = tmp.path / "res";
  fs::create_directory(out);
  put(out / "summary.json", "{\"old\": true}");
  put(out / "keep.txt", "mine");
  FailingObserver fail(2);
  io::RunOptions opt;
  opt.out_dir = out;
  opt.force = true;
  opt.observers = {&fail};
  CHECK_THROWS_WITH(io::execute_run(small_scenario(), opt), "disk on fire");
  CHECK(slurp(out / "summary.json") == "{\"old\": true}");
  CHECK(slurp(out / "keep.txt") == "mine");
  CHECK(!fs::exists(out / "timeseries.csv"));
  CHECK(no_leftovers(tmp.path));

  // A fresh target: nothing at all appears.
  opt.out_dir = tmp.path / "fresh";
  opt.force = false;
  CHECK_THROWS(io::execute_run(small_scenario(), opt));
  CHECK(!fs::exists(tmp.path / "fresh"));
  CHECK(no_leftovers(tmp.path));
}

TEST_CASE("an unusable results folder is refused before the run", "[outputs]") {
  Scratch tmp;
  const fs::path out = tmp.path / "res";
  fs::create_directory(out);
  put(out / "summary.json", "{}");
  io::RunOptions opt;
  opt.out_dir = out;
  SECTION("not empty, without force") {
    CHECK_THROWS_AS(io::execute_run(small_scenario(), opt), io::OutputError);
    CHECK(slurp(out / "summary.json") == "{}");
  }
  SECTION("not a firmsim folder, even with force") {
    fs::remove(out / "summary.json");
    put(out / "thesis.tex", "precious");
    opt.force = true;
    CHECK_THROWS_AS(io::execute_run(small_scenario(), opt), io::OutputError);
    CHECK(slurp(out / "thesis.tex") == "precious");
  }
  SECTION("not writable: under a plain file") {
    put(tmp.path / "file", "x");
    opt.out_dir = tmp.path / "file" / "res";
    CHECK_THROWS_AS(io::execute_run(small_scenario(), opt), io::OutputError);
  }
  SECTION("a plain file in the way") {
    put(tmp.path / "plain", "x");
    opt.out_dir = tmp.path / "plain";
    CHECK_THROWS_AS(io::execute_run(small_scenario(), opt), io::OutputError);
    CHECK(slurp(tmp.path / "plain") == "x");
  }
  CHECK(no_leftovers(tmp.path));
}

TEST_CASE("firmsim run: exit code 2 on a folder in use, files complete on success",
          "[outputs]") {
  Scratch tmp;
  const fs::path out = tmp.path / "res";
  fs::create_directory(out);
  put(out / "notes.txt", "keep me");
  const std::string common = " --steps 5 -q --set /world/regions/0/firms=40";
  CHECK(run_program("run --out '" + out.string() + "'" + common) == 2);
  CHECK(run_program("run --out '" + out.string() + "' --force" + common) == 2);
  CHECK(slurp(out / "notes.txt") == "keep me");
  CHECK(fs::directory_iterator(out) != fs::directory_iterator());
  CHECK(no_leftovers(tmp.path));

  const fs::path good = tmp.path / "good";
  REQUIRE(run_program("run --out '" + good.string() + "' --snapshot-every 2" + common) == 0);
  for (const char* f : {"summary.json", "timeseries.csv", "events.csv", "firms.csv", "ties.csv",
                        "network.graphml", "snapshots/firms_0.csv", "snapshots/firms_2.csv",
                        "snapshots/firms_4.csv", "snapshots/network_0.graphml",
                        "snapshots/network_4.graphml"})
    CHECK(fs::is_regular_file(good / f));
  CHECK(!fs::exists(good / "snapshots/firms_1.csv"));
  CHECK(!fs::exists(good / "snapshots/firms_5.csv"));

  // timeseries.csv: a header of `step` and every metric, then one row per step.
  const std::string ts = slurp(good / "timeseries.csv");
  std::string header = "step";
  for (const MetricDefinition& m : metric_definitions()) header += "," + m.name;
  CHECK(ts.substr(0, ts.find('\n')) == header);
  CHECK(std::count(ts.begin(), ts.end(), '\n') == 6);

  const auto summary = nlohmann::json::parse(slurp(good / "summary.json"));
  CHECK(summary.at("version") == FIRMSIM_VERSION);
  CHECK(summary.at("seed").is_number_unsigned());
  CHECK(summary.at("steps") == 5);
  CHECK(summary.at("threads").get<int>() >= 1);
  CHECK(summary.at("wall_s").get<double>() > 0);
  CHECK(summary.at("scenario").at("steps") == 5);
  CHECK(summary.at("scenario").at("world").at("regions").at(0).at("firms") == 40);
  CHECK(summary.at("scenario").contains("output"));
  for (const MetricDefinition& m : metric_definitions())
    CHECK(summary.at("metrics").contains(m.name));
  CHECK(summary.at("metrics").at("firms").get<double>() ==
        summary.at("firms_alive").get<double>());

  // --force replaces a firmsim results folder, and only with complete results.
  REQUIRE(run_program("run --out '" + good.string() + "' --force --steps 2 -q") == 0);
  CHECK(!fs::exists(good / "snapshots"));
  CHECK(nlohmann::json::parse(slurp(good / "summary.json")).at("steps") == 2);
  CHECK(no_leftovers(tmp.path));
}
