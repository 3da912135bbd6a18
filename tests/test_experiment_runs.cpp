// Experiments that run: the same bytes for any thread and process count, resume after a kill,
// one run reproduced alone, aggregate.csv by hand, failing runs, bad files (exit 2).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include "experiment/distribution.hpp"
#include "firmsim/io/experiment.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSmoke = fs::path(FIRMSIM_SOURCE_DIR) / "scenarios" / "experiments" / "smoke.json";

/// A fresh folder for one test, removed afterwards.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() /
              ("firmsim-test-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Outcome {
  int rc = -1;
  std::string err;  ///< standard error
};

/// Runs a shell command line, standard error captured.
Outcome shell(const std::string& command, const fs::path& err_file) {
  const int status = std::system((command + " 2>" + quote(err_file.string())).c_str());
  Outcome out;
  out.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::stringstream text;
  text << in.rdbuf();
  out.err = text.str();
  return out;
}

Outcome cli(const std::string& args, const TempDir& tmp) {
  return shell(quote(FIRMSIM_EXE) + " " + args + " >/dev/null", tmp / "stderr.txt");
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split(const std::string& line, char sep = ',') {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

/// A CSV without quoted fields (what experiments write for these files) as rows of fields.
std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_file(file));
  std::string line;
  while (std::getline(in, line)) rows.push_back(split(line));
  return rows;
}

double number(const std::string& text) {
  if (text == "NA") return std::nan("");
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  REQUIRE(end != text.c_str());
  return x;
}

bool same_number(double a, double b, double relative = 0) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= relative * std::max(std::fabs(a), std::fabs(b));
}

void require_same_bytes(const fs::path& a, const fs::path& b,
                        std::initializer_list<const char*> names) {
  for (const char* name : names) {
    INFO(name << ": " << (a / name).string() << " vs " << (b / name).string());
    CHECK(read_file(a / name) == read_file(b / name));
  }
}

std::size_t count_partials(const fs::path& out) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(out / "partial", ec)) n += e.path().extension() == ".json";
  return n;
}

}  // namespace

TEST_CASE("smoke experiment: the same bytes with 1 and 2 threads", "[experiment]") {
  TempDir tmp("exp-threads");
  const Outcome one = cli("experiment " + quote(kSmoke.string()) + " --out " +
                                  quote((tmp / "one").string()) + " --threads 1",
                              tmp);
  INFO(one.err);
  REQUIRE(one.rc == 0);
  CHECK(one.err.find("8/8 runs") != std::string::npos);
  CHECK(one.err.find("runs/min") != std::string::npos);
  const Outcome two = cli("experiment " + quote(kSmoke.string()) + " --out " +
                                  quote((tmp / "two").string()) + " -j 2 --quiet",
                              tmp);
  INFO(two.err);
  REQUIRE(two.rc == 0);
  require_same_bytes(tmp / "one", tmp / "two", {"runs.csv", "aggregate.csv", "plan.json", "base.json"});

  const auto runs = read_csv(tmp / "one" / "runs.csv");
  REQUIRE(runs.size() == 9);
  CHECK(std::vector<std::string>(runs[0].begin(), runs[0].begin() + 5) ==
        std::vector<std::string>{"run_id", "design_point", "replication", "seed", "/trust/gain"});
  CHECK(runs[1][4] == "0.05");
  CHECK(runs[8][4] == "0.2");
  CHECK(count_partials(tmp / "one") == 8);
  CHECK_FALSE(fs::exists(tmp / "one" / "failures.csv"));
  CHECK_FALSE(fs::exists(tmp / "one" / "runs"));  // only with --keep-runs

  // A folder holding results is not overwritten without --resume or --force.
  const Outcome again = cli(
      "experiment " + quote(kSmoke.string()) + " --out " + quote((tmp / "one").string()), tmp);
  CHECK(again.rc == 2);
  CHECK(again.err.find("--resume") != std::string::npos);
}

TEST_CASE("smoke experiment: the same bytes under mpirun -np 3", "[experiment][mpi]") {
#if defined(FIRMSIM_HAVE_MPI) && defined(FIRMSIM_MPIEXEC)
  TempDir tmp("exp-mpi");
  const Outcome ref = cli("experiment " + quote(kSmoke.string()) + " --out " +
                                  quote((tmp / "ref").string()) + " -j 1 -q",
                              tmp);
  REQUIRE(ref.rc == 0);
  const std::string root = ::geteuid() == 0 ? " --allow-run-as-root" : "";
  const Outcome mpi = shell(quote(FIRMSIM_MPIEXEC) + " --oversubscribe" + root + " -np 3 " +
                                quote(FIRMSIM_EXE) + " experiment " + quote(kSmoke.string()) +
                                " --out " + quote((tmp / "mpi").string()) + " -j 1 >/dev/null",
                            tmp / "stderr.txt");
  INFO(mpi.err);
  REQUIRE(mpi.rc == 0);
  CHECK(mpi.err.find("3 processes") != std::string::npos);
  require_same_bytes(tmp / "ref", tmp / "mpi", {"runs.csv", "aggregate.csv", "plan.json"});
#else
  WARN("firmsim was built without MPI (or no mpiexec was found): MPI experiment test skipped");
  SUCCEED();
#endif
}

TEST_CASE("a resumed experiment gives the same bytes as an uninterrupted one", "[experiment]") {
  TempDir tmp("exp-resume");
  const std::string smoke = quote(kSmoke.string());
  REQUIRE(cli("experiment " + smoke + " --out " + quote((tmp / "ref").string()) + " -j 2 -q",
                  tmp)
              .rc == 0);

  SECTION("records lost as by a crash") {
    fs::copy(tmp / "ref", tmp / "cut", fs::copy_options::recursive);
    for (const char* name : {"partial/2.json", "partial/5.json", "partial/6.json", "runs.csv",
                             "aggregate.csv"})
      fs::remove(tmp / "cut" / name);
    // A record cut short, and a temporary file left by a write that never finished.
    const std::string record = read_file(tmp / "cut" / "partial" / "1.json");
    std::ofstream(tmp / "cut" / "partial" / "1.json") << record.substr(0, record.size() / 2);
    std::ofstream(tmp / "cut" / "partial" / "3.json.tmp") << "{\"run_id\":";
    const Outcome resumed = cli(
        "experiment " + smoke + " --out " + quote((tmp / "cut").string()) + " -j 1 --resume", tmp);
    INFO(resumed.err);
    REQUIRE(resumed.rc == 0);
    CHECK(resumed.err.find("4 of 8 runs already done") != std::string::npos);
    require_same_bytes(tmp / "ref", tmp / "cut", {"runs.csv", "aggregate.csv", "plan.json"});
    CHECK_FALSE(fs::exists(tmp / "cut" / "partial" / "3.json.tmp"));
  }

  SECTION("killed with SIGKILL while running") {
    const std::string out = (tmp / "killed").string();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execl(FIRMSIM_EXE, FIRMSIM_EXE, "experiment", kSmoke.c_str(), "--out", out.c_str(), "-j",
              "1", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (count_partials(out) < 2 && std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    const std::size_t done = count_partials(out);
    if (fs::exists(fs::path(out) / "runs.csv"))
      WARN("the experiment finished before it could be killed; only resuming a finished one "
           "was tested");
    INFO(done << " runs were recorded before the kill");
    const Outcome resumed =
        cli("experiment " + smoke + " --out " + quote(out) + " -j 2 --resume", tmp);
    INFO(resumed.err);
    REQUIRE(resumed.rc == 0);
    require_same_bytes(tmp / "ref", out, {"runs.csv", "aggregate.csv", "plan.json"});
  }
}

TEST_CASE("a run of an experiment reproduces alone with firmsim run", "[experiment]") {
  TempDir tmp("exp-reproduce");
  const fs::path out = tmp / "exp";
  REQUIRE(cli("experiment " + quote(kSmoke.string()) + " --out " + quote(out.string()) +
                      " -j 2 -q --keep-runs",
                  tmp)
              .rc == 0);
  const json plan = json::parse(read_file(out / "plan.json"));
  const auto runs = read_csv(out / "runs.csv");
  const std::vector<std::string>& header = runs.at(0);
  const std::size_t first_metric = 5;  // run_id, design_point, replication, seed, /trust/gain
  REQUIRE(header.size() == first_metric + plan["metrics"].size());

  for (int id : {0, 5}) {
    const json& run = plan["runs"].at(static_cast<std::size_t>(id));
    const std::string command = run["command"].get<std::string>();
    REQUIRE(command.rfind("firmsim run base.json --seed " + std::to_string(run["seed"].get<std::uint64_t>()), 0) == 0);
    if (id == 5) CHECK(command.find("--set /trust/gain=0.2") != std::string::npos);
    const fs::path alone = tmp / ("alone-" + std::to_string(id));
    const Outcome r = shell("cd " + quote(out.string()) + " && " + quote(FIRMSIM_EXE) +
                                command.substr(std::string("firmsim").size()) + " --out " +
                                quote(alone.string()) + " -q >/dev/null",
                            tmp / "stderr.txt");
    INFO(command << "\n" << r.err);
    REQUIRE(r.rc == 0);
    for (const fs::path& summary_file : {alone / "summary.json",
                                         out / "runs" / std::to_string(id) / "summary.json"}) {
      const json summary = json::parse(read_file(summary_file))["metrics"];
      const std::vector<std::string>& row = runs.at(static_cast<std::size_t>(id) + 1);
      CHECK(row[0] == std::to_string(id));
      CHECK(row[3] == std::to_string(run["seed"].get<std::uint64_t>()));
      int compared = 0;
      for (std::size_t c = first_metric; c < header.size(); ++c) {
        INFO(summary_file.string() << ": metric " << header[c] << ": runs.csv " << row[c]);
        REQUIRE(summary.contains(header[c]));
        const double expected = summary[header[c]].is_null() ? std::nan("")
                                                             : summary[header[c]].get<double>();
        CHECK(same_number(number(row[c]), expected));
        ++compared;
      }
      CHECK(compared == static_cast<int>(plan["metrics"].size()));
    }
  }
}

TEST_CASE("aggregate.csv holds the mean, sd and 95% interval computed by hand", "[experiment]") {
  TempDir tmp("exp-aggregate");
  const fs::path out = tmp / "exp";
  REQUIRE(cli("experiment " + quote(kSmoke.string()) + " --out " + quote(out.string()) +
                      " -j 2 -q --keep-runs",
                  tmp)
              .rc == 0);
  const int replications = 4, points = 2;
  const double t3 = 3.182446305284263;  // qt(0.975, 3)

  // aggregate.csv by (design point, step, metric).
  std::map<std::string, std::vector<std::string>> aggregate;
  const auto rows = read_csv(out / "aggregate.csv");
  REQUIRE(rows.at(0) == std::vector<std::string>{"design_point", "step", "metric", "mean", "sd",
                                                 "ci95_low", "ci95_high", "n"});
  for (std::size_t i = 1; i < rows.size(); ++i)
    aggregate[rows[i][0] + "|" + rows[i][1] + "|" + rows[i][2]] = rows[i];

  int checked = 0, spread = 0;
  for (int p = 0; p < points; ++p) {
    // Each replication's own timeseries.csv (kept with --keep-runs): rows are steps.
    std::vector<std::vector<std::vector<std::string>>> series;
    for (int r = 0; r < replications; ++r)
      series.push_back(read_csv(out / "runs" / std::to_string(p * replications + r) / "timeseries.csv"));
    const std::vector<std::string>& header = series[0].at(0);
    const std::size_t steps = series[0].size() - 1;
    REQUIRE(steps == 20);
    CHECK(rows.size() == 1 + points * steps * (header.size() - 1));
    for (std::size_t s = 0; s < steps; ++s) {
      for (std::size_t m = 1; m < header.size(); ++m) {
        std::vector<double> x;
        for (const auto& ts : series) {
          const double v = number(ts.at(s + 1).at(m));
          if (!std::isnan(v)) x.push_back(v);
        }
        const auto it = aggregate.find(std::to_string(p) + "|" + std::to_string(s) + "|" + header[m]);
        INFO("point " << p << " step " << s << " metric " << header[m]);
        REQUIRE(it != aggregate.end());
        const std::vector<std::string>& a = it->second;
        const double n = static_cast<double>(x.size());
        CHECK(a[7] == std::to_string(x.size()));
        if (x.empty()) {
          CHECK(a[3] == "NA");
          continue;
        }
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        CHECK(same_number(number(a[3]), mean, 1e-12));
        if (x.size() < 2) {
          CHECK(a[4] == "NA");
          CHECK(a[5] == "NA");
          continue;
        }
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        const double sd = std::sqrt(ss / (n - 1));
        const double tq = x.size() == 4 ? t3 : firmsim::io::student_t_quantile(0.975, n - 1);
        const double half = tq * sd / std::sqrt(n);
        const double scale = std::max(std::fabs(mean), sd) * 1e-9 + 1e-300;
        CHECK(std::fabs(number(a[4]) - sd) <= scale);
        CHECK(std::fabs(number(a[5]) - (mean - half)) <= scale);
        CHECK(std::fabs(number(a[6]) - (mean + half)) <= scale);
        ++checked;
        spread += sd > 0;
      }
    }
  }
  CHECK(checked > 0);
  CHECK(spread > 0);  // some metric differs between replications, so the interval was tested
}

TEST_CASE("a failing run is reported and the others still run", "[experiment]") {
  TempDir tmp("exp-failure");
  json doc = json::parse(R"({
    "seed": 3, "steps": 3,
    "base": {"world": {"countries": [{"name": "north"}],
                       "regions": [{"name": "a", "country": "north", "firms": 30}]}},
    "design": {"kind": "arms", "replications": 2,
               "arms": [{"name": "base"}, {"name": "broken", "set": {"/trust/gain": 0.2}},
                        {"name": "other", "set": {"/trust/gain": 0.3}}]}
  })");
  const auto parsed = firmsim::io::parse_experiment(doc, tmp.path());
  REQUIRE(parsed.ok());
  firmsim::io::ExperimentPlan plan = firmsim::io::make_plan(*parsed.experiment);
  // Validation stops such a value in a file; here it reaches the run, which must fail alone.
  plan.points[1].overrides[0].value = "not a number";

  std::ostringstream log_text;
  auto log = std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text));
  firmsim::io::ExperimentOptions options;
  options.out = tmp / "exp";
  options.threads = 2;
  options.quiet = true;
  firmsim::io::experiment_detail::ProcessGroup group;
  CHECK(firmsim::io::experiment_detail::execute_plan(group, plan, options, log) == 1);
  INFO(log_text.str());
  for (int id : {2, 3})
    CHECK(log_text.str().find("run " + std::to_string(id) + " (seed " +
                              std::to_string(plan.runs[static_cast<std::size_t>(id)].seed) +
                              ") failed") != std::string::npos);
  const auto failures = read_csv(options.out / "failures.csv");
  REQUIRE(failures.size() == 3);
  CHECK(failures[0] == std::vector<std::string>{"run_id", "seed", "error"});
  CHECK(failures[1][0] == "2");
  CHECK(failures[1][1] == std::to_string(plan.runs[2].seed));
  CHECK(failures[2][0] == "3");
  const auto runs = read_csv(options.out / "runs.csv");
  REQUIRE(runs.size() == 5);
  CHECK(runs[0][1] == "arm");
  std::vector<std::string> ids;
  for (std::size_t i = 1; i < runs.size(); ++i) ids.push_back(runs[i][0] + runs[i][1]);
  CHECK(ids == std::vector<std::string>{"0base", "1base", "4other", "5other"});
  // The broken arm has no values in aggregate.csv; the others have both replications.
  for (const auto& row : read_csv(options.out / "aggregate.csv")) {
    if (row[0] == "broken") CHECK(row[7] == "0");
    if (row[0] == "base" && row[2] == "firms") CHECK(row[7] == "2");
  }

  // Resuming runs only the failed runs again (they fail again).
  options.resume = true;
  log_text.str("");
  CHECK(firmsim::io::experiment_detail::execute_plan(group, plan, options, log) == 1);
  CHECK(log_text.str().find("2 of 6 runs failed") != std::string::npos);
}

TEST_CASE("a bad experiment file stops before anything runs (exit 2)", "[experiment]") {
  TempDir tmp("exp-bad");
  json doc = json::parse(read_file(kSmoke));
  doc["design"]["parameters"][0]["path"] = "/trust/gian";
  doc["design"]["replications"] = -1;
  std::ofstream(tmp / "bad.json") << doc.dump(2);
  const Outcome run = cli("experiment " + quote((tmp / "bad.json").string()) + " --out " +
                                  quote((tmp / "out").string()),
                              tmp);
  INFO(run.err);
  CHECK(run.rc == 2);
  CHECK(run.err.find("/design/parameters/0/path") != std::string::npos);
  CHECK(run.err.find("did you mean \"gain\"") != std::string::npos);
  CHECK(run.err.find("/design/replications") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "out"));

  const Outcome check = cli("experiment " + quote((tmp / "bad.json").string()) + " --check", tmp);
  CHECK(check.rc == 2);
  CHECK(check.err.find("/design/parameters/0/path") != std::string::npos);
  CHECK(cli("experiment " + quote(kSmoke.string()) + " --check", tmp).rc == 0);
  CHECK(cli("experiment " + quote(kSmoke.string()), tmp).rc == 2);  // no --out

  std::ofstream(tmp / "notjson.json") << "{\"design\": ";
  const Outcome syntax = cli("experiment " + quote((tmp / "notjson.json").string()) + " --check", tmp);
  CHECK(syntax.rc == 2);
  CHECK(syntax.err.find("not JSON") != std::string::npos);

  // --resume into a folder that holds another experiment is refused.
  REQUIRE(cli("experiment " + quote(kSmoke.string()) + " --out " +
                      quote((tmp / "smoke").string()) + " -q -j 2",
                  tmp)
              .rc == 0);
  doc = json::parse(read_file(kSmoke));
  doc["seed"] = 99;
  doc["base"] = json::parse(read_file(tmp / "smoke" / "base.json"));
  std::ofstream(tmp / "other.json") << doc.dump();
  const Outcome other = cli("experiment " + quote((tmp / "other.json").string()) + " --out " +
                                    quote((tmp / "smoke").string()) + " --resume",
                                tmp);
  CHECK(other.rc == 2);
  CHECK(other.err.find("different experiment") != std::string::npos);
}

TEST_CASE("Morris and Latin-hypercube experiments write their tables", "[experiment]") {
  TempDir tmp("exp-morris");
  const json base = json::parse(R"({"steps": 3,
    "world": {"countries": [{"name": "north"}],
              "regions": [{"name": "a", "country": "north", "firms": 40}]}})");
  json morris = {{"base", base},
                 {"seed", 4},
                 {"design",
                  {{"kind", "morris"},
                   {"trajectories", 2},
                   {"levels", 4},
                   {"parameters",
                    {{{"path", "/trust/gain"}, {"min", 0.05}, {"max", 0.3}},
                     {{"path", "/supply/search_probability"}, {"min", 0.05}, {"max", 0.5}}}}}}};
  std::ofstream(tmp / "morris.json") << morris.dump();
  const Outcome m = cli("experiment " + quote((tmp / "morris.json").string()) + " --out " +
                                quote((tmp / "m").string()) + " -q -j 2",
                            tmp);
  INFO(m.err);
  REQUIRE(m.rc == 0);
  const auto plan = json::parse(read_file(tmp / "m" / "plan.json"));
  const std::size_t metrics = plan["metrics"].size();
  CHECK(plan["runs"].size() == 6);  // 2 trajectories x (2 + 1) points
  const auto table = read_csv(tmp / "m" / "morris.csv");
  REQUIRE(table.size() == 1 + 2 * metrics);
  CHECK(table[0] == std::vector<std::string>{"parameter", "metric", "mu", "mu_star", "sigma"});
  CHECK(table[1][0] == "/trust/gain");
  CHECK(table[1 + metrics][0] == "/supply/search_probability");
  for (std::size_t i = 1; i < table.size(); ++i) {
    const double mu = number(table[i][2]), mu_star = number(table[i][3]);
    if (!std::isnan(mu)) CHECK(mu_star >= std::fabs(mu) - 1e-9 * std::fabs(mu));
  }

  json lhs = morris;
  lhs["design"] = {{"kind", "lhs"},
                   {"samples", 3},
                   {"parameters", {{{"path", "/world/regions/0/firms"}, {"min", 20}, {"max", 40}}}}};
  std::ofstream(tmp / "lhs.json") << lhs.dump();
  REQUIRE(cli("experiment " + quote((tmp / "lhs.json").string()) + " --out " +
                      quote((tmp / "l").string()) + " -q -j 1",
                  tmp)
              .rc == 0);
  const auto runs = read_csv(tmp / "l" / "runs.csv");
  REQUIRE(runs.size() == 4);
  CHECK(runs[0][4] == "/world/regions/0/firms");
  for (std::size_t i = 1; i < runs.size(); ++i) {
    const double firms = number(runs[i][4]);
    CHECK(firms >= 20);
    CHECK(firms <= 40);
  }
  CHECK_FALSE(fs::exists(tmp / "l" / "morris.csv"));
}

TEST_CASE("an arms experiment writes paired effects that match a hand computation",
          "[experiment][effects]") {
  TempDir tmp("exp-effects");
  // The smoke world (300 firms, 20 steps) with 3 arms x 5 replications: a demand slump, and a
  // placebo that sets a field to the value it already has (so it runs the baseline's scenario on
  // the baseline's seeds: every difference must be exactly 0).
  json doc = json::parse(read_file(kSmoke));
  doc.erase("$schema");
  doc["name"] = "effects-test";
  doc["design"] = json::parse(R"({"kind": "arms", "replications": 5, "arms": [
      {"name": "baseline"},
      {"name": "demand_down", "set": {"/market/demand_growth": -0.4}},
      {"name": "placebo", "set": {"/market/demand_growth": 0.02}}]})");
  std::ofstream(tmp / "arms.json") << doc.dump(1);
  const std::string file = quote((tmp / "arms.json").string());
  const fs::path out = tmp / "ref";
  const Outcome ref = cli("experiment " + file + " --out " + quote(out.string()) +
                              " -j 2 -q --keep-runs",
                          tmp);
  INFO(ref.err);
  REQUIRE(ref.rc == 0);
  const json plan = json::parse(read_file(out / "plan.json"));
  CHECK(plan["effects_window"] == 4);  // default: one year of quarterly steps
  const int replications = 5, window = 4;
  const double t4 = 2.776445105197793;  // qt(0.975, 4)
  const std::vector<std::string> arms = {"baseline", "demand_down", "placebo"};

  // Each run's timeseries.csv (kept with --keep-runs): the mean of its last 4 rows per metric.
  std::vector<std::string> metrics;
  std::vector<std::vector<std::vector<double>>> summary(3);  // arm, replication, metric
  std::vector<std::vector<std::vector<double>>> last(3);     // the last step's values
  for (int a = 0; a < 3; ++a) {
    for (int r = 0; r < replications; ++r) {
      const auto ts =
          read_csv(out / "runs" / std::to_string(a * replications + r) / "timeseries.csv");
      REQUIRE(ts.size() == 21);
      if (metrics.empty()) metrics.assign(ts[0].begin() + 1, ts[0].end());
      std::vector<double> s(metrics.size()), l(metrics.size());
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        double sum = 0;
        int n = 0;
        for (std::size_t row = ts.size() - window; row < ts.size(); ++row) {
          const double x = number(ts[row][m + 1]);
          if (std::isnan(x)) continue;
          sum += x;
          ++n;
        }
        s[m] = n > 0 ? sum / n : std::nan("");
        l[m] = number(ts.back()[m + 1]);
      }
      summary[static_cast<std::size_t>(a)].push_back(s);
      last[static_cast<std::size_t>(a)].push_back(l);
    }
  }

  const auto effects = read_csv(out / "effects.csv");
  REQUIRE(effects.at(0) == std::vector<std::string>{"arm", "metric", "baseline_mean", "arm_mean",
                                                    "mean_difference", "ci95_low", "ci95_high",
                                                    "n_pairs", "spend", "effect_per_spend"});
  REQUIRE(effects.size() == 1 + 2 * metrics.size());
  int clear_drop = 0, hand_checked = 0;
  for (std::size_t i = 1; i < effects.size(); ++i) {
    const auto& row = effects[i];
    REQUIRE(row.size() == 10);
    const std::size_t a = i <= metrics.size() ? 1 : 2;
    const std::size_t m = (i - 1) % metrics.size();
    INFO("effects.csv row " << i << ": " << row[0] << ", " << row[1]);
    CHECK(row[0] == arms[a]);
    CHECK(row[1] == metrics[m]);
    // By hand: paired differences of the window means over the 5 seeds.
    double sum = 0, base_sum = 0, arm_sum = 0;
    std::vector<double> d;
    for (int r = 0; r < replications; ++r) {
      const double b = summary[0][static_cast<std::size_t>(r)][m];
      const double x = summary[a][static_cast<std::size_t>(r)][m];
      if (std::isnan(b) || std::isnan(x)) continue;
      d.push_back(x - b);
      sum += x - b;
      base_sum += b;
      arm_sum += x;
    }
    CHECK(row[7] == std::to_string(d.size()));
    if (d.empty()) {
      CHECK(row[4] == "NA");
      continue;
    }
    const double n = static_cast<double>(d.size());
    const double mean = sum / n;
    double ss = 0;
    for (double x : d) ss += (x - mean) * (x - mean);
    CHECK(same_number(number(row[2]), base_sum / n, 1e-9));
    CHECK(same_number(number(row[3]), arm_sum / n, 1e-9));
    const double scale =
        1e-9 * std::max({std::fabs(base_sum / n), std::fabs(arm_sum / n), 1e-12});
    CHECK(std::fabs(number(row[4]) - mean) <= scale);
    if (d.size() == 5) {
      const double half = t4 * std::sqrt(ss / (n - 1) / n);
      CHECK(std::fabs(number(row[5]) - (mean - half)) <= scale);
      CHECK(std::fabs(number(row[6]) - (mean + half)) <= scale);
      ++hand_checked;
    }
    // No policy in any arm: no extra spend, so no effect per unit spent.
    CHECK(row[8] == "0");
    CHECK(row[9] == "NA");
    if (a == 2) {
      // The placebo: the same scenario on the same seeds gives exactly the baseline's numbers
      // (an interval needs 2 pairs: a metric with a value on one seed only has none).
      CHECK(row[4] == "0");
      CHECK(row[5] == (d.size() >= 2 ? "0" : "NA"));
      CHECK(row[6] == (d.size() >= 2 ? "0" : "NA"));
      CHECK(row[2] == row[3]);
    }
    if (a == 1 && row[1] == "output") {
      CHECK(number(row[4]) < 0);
      CHECK(number(row[6]) < 0);  // the whole interval is below 0
      clear_drop += 1;
    }
  }
  CHECK(clear_drop == 1);
  CHECK(hand_checked > static_cast<int>(metrics.size()));

  // aggregate.csv: the paired difference per step (the effect curves); NA on the baseline's rows.
  const auto aggregate = read_csv(out / "aggregate.csv");
  REQUIRE(aggregate.at(0) == std::vector<std::string>{"arm", "step", "metric", "mean", "sd",
                                                      "ci95_low", "ci95_high", "n", "difference",
                                                      "difference_ci95_low",
                                                      "difference_ci95_high", "n_pairs"});
  REQUIRE(aggregate.size() == 1 + 3 * 20 * metrics.size());
  int curve_checked = 0;
  for (std::size_t i = 1; i < aggregate.size(); ++i) {
    const auto& row = aggregate[i];
    REQUIRE(row.size() == 12);
    if (row[0] == "baseline") {
      CHECK(row[8] == "NA");
      CHECK(row[11] == "NA");
      continue;
    }
    if (row[1] != "19") continue;
    const std::size_t a = row[0] == "demand_down" ? 1 : 2;
    const std::size_t m = static_cast<std::size_t>(
        std::find(metrics.begin(), metrics.end(), row[2]) - metrics.begin());
    REQUIRE(m < metrics.size());
    double sum = 0;
    int n = 0;
    for (int r = 0; r < replications; ++r) {
      const double b = last[0][static_cast<std::size_t>(r)][m];
      const double x = last[a][static_cast<std::size_t>(r)][m];
      if (std::isnan(b) || std::isnan(x)) continue;
      sum += x - b;
      ++n;
    }
    INFO("aggregate.csv " << row[0] << ", " << row[2]);
    CHECK(row[11] == std::to_string(n));
    if (n == 0) continue;
    // Relative to the metric's size, and absolute (1e-12) for metrics near 0, such as shares
    // whose effect is a rounding difference.
    CHECK(std::fabs(number(row[8]) - sum / n) <=
          std::max(1e-9 * std::fabs(number(row[3])), 1e-12));
    if (a == 2) CHECK(row[8] == "0");
    ++curve_checked;
  }
  CHECK(curve_checked > static_cast<int>(metrics.size()));

  // The same bytes with one thread, after a resume, and under MPI.
  const Outcome one =
      cli("experiment " + file + " --out " + quote((tmp / "one").string()) + " -j 1 -q", tmp);
  REQUIRE(one.rc == 0);
  require_same_bytes(out, tmp / "one", {"effects.csv", "aggregate.csv", "runs.csv"});
  fs::copy(tmp / "one", tmp / "cut", fs::copy_options::recursive);
  for (const char* name : {"partial/1.json", "partial/7.json", "effects.csv", "aggregate.csv"})
    fs::remove(tmp / "cut" / name);
  const Outcome resumed = cli(
      "experiment " + file + " --out " + quote((tmp / "cut").string()) + " -j 2 -q --resume", tmp);
  INFO(resumed.err);
  REQUIRE(resumed.rc == 0);
  require_same_bytes(out, tmp / "cut", {"effects.csv", "aggregate.csv", "runs.csv"});
#if defined(FIRMSIM_HAVE_MPI) && defined(FIRMSIM_MPIEXEC)
  const std::string root = ::geteuid() == 0 ? " --allow-run-as-root" : "";
  const Outcome mpi = shell(quote(FIRMSIM_MPIEXEC) + " --oversubscribe" + root + " -np 2 " +
                                quote(FIRMSIM_EXE) + " experiment " + file + " --out " +
                                quote((tmp / "mpi").string()) + " -j 1 >/dev/null",
                            tmp / "stderr.txt");
  INFO(mpi.err);
  REQUIRE(mpi.rc == 0);
  require_same_bytes(out, tmp / "mpi", {"effects.csv", "aggregate.csv"});
#endif
}
