// summary.json: what ran (program version, the fully resolved scenario, seed, threads), how long
// it took, how much memory it used, and the final value of every metric.
#include <fstream>

#include <nlohmann/json.hpp>

#include "firmsim/io/results.hpp"
#include "firmsim/io/scenario_json.hpp"
#include "firmsim/metrics.hpp"
#include "io/results_policy.hpp"
#include "io/results_text.hpp"

namespace firmsim::io {

namespace {

class SummaryWriter : public ResultWriter {
 public:
  explicit SummaryWriter(const std::filesystem::path& file) : file_(file) {}
  void on_step(const RunView& view, int) override { series_.record(view); }
  void on_finish(const RunView& view, const RunInfo& info) override {
    const State& st = view.state;
    std::size_t alive = 0, ties = 0;
    for (auto a : st.firms.alive) alive += a != 0;
    for (const Tie& t : st.ties) ties += t.alive != 0;
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    const auto& defs = metric_definitions();
    for (std::size_t i = 0; i < defs.size() && i < view.metrics.size(); ++i)
      metrics[defs[i].name] = view.metrics[i];  // NaN becomes null
    nlohmann::ordered_json j;
    j["program"] = "firmsim";
    j["version"] = FIRMSIM_VERSION;
    j["scenario_name"] = view.scenario.name;
    j["seed"] = view.scenario.seed;
    j["steps"] = info.steps;
    j["threads"] = info.threads;
    j["wall_s"] = info.wall_s;
    j["build_s"] = info.build_s;
    j["steps_s"] = info.steps_s;
    j["firm_steps"] = info.firm_steps;
    j["peak_rss_mb"] = info.peak_rss_mb;
    j["firms"] = st.firms.size();
    j["firms_alive"] = alive;
    j["ties_alive"] = ties;
    j["metrics"] = std::move(metrics);
    j["policy"] = policy_summary(view);
    j["resilience"] = resilience_summary(view, series_);
    j["scenario"] = scenario_to_json(view.scenario);
    std::ofstream os = open_output(file_);
    os << j.dump(2) << '\n';
    close_output(os, file_);
  }

 private:
  std::filesystem::path file_;
  PolicySeries series_;
};

}  // namespace

std::unique_ptr<ResultWriter> make_summary_writer(const std::filesystem::path& file) {
  return std::make_unique<SummaryWriter>(file);
}

}  // namespace firmsim::io
