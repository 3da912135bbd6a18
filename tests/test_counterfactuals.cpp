// Counterfactual experiments shipped in scenarios/experiments/ (README.md there, one section
// each): every test runs the shipped file itself through the binary and checks the direction of
// its answer in effects.csv (or, for the hub shock, a difference of differences computed from the
// runs' timeseries). Where the README says "95% CI" the interval must exclude zero; where it
// says "sign of the mean" only the mean's sign is checked (the effect is too weak for the seeds).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(FIRMSIM_SOURCE_DIR) / "scenarios" / "experiments";

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

/// A CSV without quoted fields as a header-indexed table.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t col(const std::string& name) const {
    for (std::size_t k = 0; k < header.size(); ++k)
      if (header[k] == name) return k;
    FAIL("no column " << name);
    return 0;
  }
};

Table read_csv(const fs::path& file) {
  std::ifstream in(file);
  REQUIRE(in);
  Table t;
  std::string line;
  if (std::getline(in, line)) t.header = split(line);
  while (std::getline(in, line)) t.rows.push_back(split(line));
  return t;
}

double number(const std::string& text) {
  if (text == "NA") return std::nan("");
  return std::strtod(text.c_str(), nullptr);
}

/// One row of effects.csv.
struct Effect {
  double mean = NAN, low = NAN, high = NAN, spend = NAN, per_spend = NAN, baseline = NAN;
  int n = 0;
};

/// Runs a shipped experiment (2 threads, quiet) into a fresh folder; returns the folder.
class Experiment {
 public:
  Experiment(const std::string& file, bool keep_runs = false)
      : out_(fs::temp_directory_path() /
             ("firmsim-cf-" + file + "-" + std::to_string(::getpid()))) {
    fs::remove_all(out_);
    const std::string cmd = quote(FIRMSIM_EXE) + " experiment " +
                            quote((kDir / (file + ".json")).string()) + " --out " +
                            quote(out_.string()) + " --force -j 2 -q" +
                            (keep_runs ? " --keep-runs" : "") + " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const Table t = read_csv(out_ / "effects.csv");
    const std::size_t arm = t.col("arm"), metric = t.col("metric"), mean = t.col("mean_difference"),
                      low = t.col("ci95_low"), high = t.col("ci95_high"), n = t.col("n_pairs"),
                      spend = t.col("spend"), per = t.col("effect_per_spend"),
                      base = t.col("baseline_mean");
    for (const auto& r : t.rows)
      effects_[{r[arm], r[metric]}] = {number(r[mean]), number(r[low]),   number(r[high]),
                                       number(r[spend]), number(r[per]),  number(r[base]),
                                       static_cast<int>(number(r[n]))};
  }
  ~Experiment() {
    std::error_code ec;
    fs::remove_all(out_, ec);
  }
  Effect effect(const std::string& arm, const std::string& metric) const {
    const auto it = effects_.find({arm, metric});
    if (it == effects_.end()) FAIL("effects.csv has no row " << arm << ", " << metric);
    INFO(arm << " " << metric << ": " << it->second.mean << " [" << it->second.low << ", "
              << it->second.high << "]");
    CHECK(it->second.n >= 6);
    return it->second;
  }
  const fs::path& out() const { return out_; }

 private:
  fs::path out_;
  std::map<std::pair<std::string, std::string>, Effect> effects_;
};

void require_positive_ci(const Effect& e) {
  INFO("mean " << e.mean << " CI [" << e.low << ", " << e.high << "]");
  CHECK(e.mean > 0);
  CHECK(e.low > 0);
}

}  // namespace

TEST_CASE("brokerage in a developing region: more cooperative ties, lower unit cost",
          "[counterfactual]") {
  const Experiment x("brokerage_developing");
  // 95% CI: cooperation ties (knowledge exchange, joint ventures) and the cooperating share.
  require_positive_ci(x.effect("brokerage", "ties_knowledge_exchange"));
  require_positive_ci(x.effect("brokerage", "ties_joint_venture"));
  const Effect share = x.effect("brokerage", "cooperating_share");
  require_positive_ci(share);
  // Sign of the mean: unit cost falls (the interval includes 0 with 8 seeds).
  CHECK(x.effect("brokerage", "mean_unit_cost").mean < 0);
  // The programme's spend is accounted, so the effect per unit spent is reported.
  CHECK(share.spend > 0);
  CHECK(share.per_spend > 0);
}

TEST_CASE("R&D subsidies raise R&D and innovations and a sunset spends less", "[counterfactual]") {
  const Experiment x("rd_subsidy_selection");
  // 95% CI: an open-ended programme (400 a step) adds R&D whichever way it selects. Merit
  // against connections is reported in README.md, not checked: in this model the answer is not
  // the texts' (connections do as well or better per unit spent; see there why).
  for (const char* rule : {"merit", "connections"}) {
    INFO(rule);
    const std::string name(rule);
    const Effect open = x.effect(name + "_open", "rd_spend");
    const Effect sunset = x.effect(name + "_sunset", "rd_spend");
    require_positive_ci(open);
    CHECK(x.effect(name + "_open", "innovations").mean > 0);
    CHECK(sunset.spend > 0);
    CHECK(sunset.spend < open.spend);  // the sunset ends the spending at step 24
  }
}

TEST_CASE("a hub failure costs a cooperative network less output and its supply returns sooner",
          "[counterfactual]") {
  const Experiment x("hub_shock_networks", true);
  // The shock hurts in both worlds (95% CI against the own unshocked world is read from
  // effects.csv for the cooperative world).
  const Effect coop = x.effect("coop_shock", "output");
  CHECK(coop.high < 0);
  // Per seed, from the runs' timeseries; arm order in the file: baseline, coop_shock,
  // armslength, armslength_shock, 16 replications each; the hubs fail at step 28.
  // Loss: the relative output loss of each shocked world against its own unshocked world,
  // averaged over the 20 steps from the shock (a difference of differences).
  // Supply restored: steps from the shock until the share of unmet orders is back within 0.01
  // of its mean over the 8 steps before the shock, after it rose above that (0 when it never
  // rose; censored at the last step: a restricted mean).
  const int reps = 16, shock = 28, window = 20;
  const auto series = [&](int run, const char* column) {
    const Table t = read_csv(x.out() / "runs" / std::to_string(run) / "timeseries.csv");
    std::vector<double> out;
    for (const auto& r : t.rows) out.push_back(number(r[t.col(column)]));
    return out;
  };
  const auto restored_after = [&](const std::vector<double>& unmet) {
    double before = 0;
    for (int t = shock - 8; t < shock; ++t) before += unmet[t] / 8;
    const int last = static_cast<int>(unmet.size()) - 1;
    bool rose = false;
    for (int t = shock; t <= last; ++t) {
      if (unmet[t] > before + 0.01) rose = true;
      else if (rose) return t - shock;
    }
    return rose ? last - shock : 0;
  };
  double coop_loss = 0, al_loss = 0, coop_restore = 0, al_restore = 0;
  for (int r = 0; r < reps; ++r) {
    const auto base = series(r, "output"), coop_shocked = series(reps + r, "output"),
               al = series(2 * reps + r, "output"), al_shocked = series(3 * reps + r, "output");
    REQUIRE(base.size() >= static_cast<std::size_t>(shock + window));
    double lc = 0, la = 0;
    for (int t = shock; t < shock + window; ++t) {
      lc += (coop_shocked[t] / base[t] - 1) / window;
      la += (al_shocked[t] / al[t] - 1) / window;
    }
    coop_loss += lc / reps;
    al_loss += la / reps;
    coop_restore += restored_after(series(reps + r, "unmet_orders_share")) / double(reps);
    al_restore += restored_after(series(3 * reps + r, "unmet_orders_share")) / double(reps);
  }
  INFO("relative output change: cooperative " << coop_loss << ", arm's-length " << al_loss);
  INFO("steps until supply is restored: cooperative " << coop_restore << ", arm's-length "
                                                        << al_restore);
  CHECK(coop_loss < 0);
  CHECK(al_loss < 0);
  // Sign of the means: the arm's-length world loses the larger share of its output, and its
  // supply takes longer to return.
  CHECK(coop_loss > al_loss);
  CHECK(coop_restore < al_restore);
}

TEST_CASE("a technology grant for small firms: more licensing ties", "[counterfactual]") {
  const Experiment x("technology_grant_small");
  const Effect lic = x.effect("tech_grant", "ties_licensing");
  require_positive_ci(lic);  // 95% CI
  CHECK(lic.spend > 0);
  CHECK(lic.per_spend > 0);
}

TEST_CASE("institutional reform in a weak-institution country: more ties, higher productivity",
          "[counterfactual]") {
  const Experiment x("institutional_reform");
  require_positive_ci(x.effect("reform", "cooperating_share"));
  require_positive_ci(x.effect("reform", "ties_knowledge_exchange"));
  require_positive_ci(x.effect("reform", "ties_joint_venture"));
  require_positive_ci(x.effect("reform", "mean_productivity"));
}
