// policy.csv and the policy and resilience parts of summary.json.
#include "io/results_policy.hpp"

#include <cmath>
#include <fstream>
#include <stdexcept>

#include "firmsim/metrics.hpp"
#include "firmsim/resilience.hpp"
#include "io/results_text.hpp"

namespace firmsim::io {

namespace {

/// policy.csv: step, programme, type, spend, supported; one row per intervention and step.
class PolicyCsvWriter : public ResultWriter {
 public:
  explicit PolicyCsvWriter(const std::filesystem::path& file)
      : file_(file), os_(open_output(file)), out_(os_) {
    out_ << "step,programme,type,spend,supported\n";
  }
  void on_step(const RunView& view, int step) override {
    const auto& specs = view.scenario.policy.interventions;
    const auto& programmes = view.state.policy.programmes;
    for (std::size_t k = 0; k < specs.size() && k < programmes.size(); ++k) {
      const ProgrammeState& s = programmes[k];
      if (s.spend.size() <= static_cast<std::size_t>(step)) continue;
      out_.integer(step) << ',';
      out_.csv(policy_label(specs[k], k)) << ',';
      out_.csv(specs[k].type) << ',';
      out_.num(s.spend[step]) << ',';
      out_.integer(s.supported[step]) << '\n';
    }
    out_.flush();
    if (!os_) throw std::runtime_error("writing " + file_.string() + " failed");
  }
  void on_finish(const RunView&, const RunInfo&) override {
    out_.flush();
    close_output(os_, file_);
  }

 private:
  std::filesystem::path file_;
  std::ofstream os_;
  TextOut out_;
};

nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::unique_ptr<ResultWriter> make_policy_writer(const std::filesystem::path& file) {
  return std::make_unique<PolicyCsvWriter>(file);
}

void PolicySeries::record(const RunView& view) {
  static const int output_column = metric_index("output");
  static const int firms_column = metric_index("firms");
  const auto at = [&](int column) {
    return column >= 0 && static_cast<std::size_t>(column) < view.metrics.size()
               ? view.metrics[column]
               : 0.0;
  };
  output.push_back(at(output_column));
  firms.push_back(at(firms_column));
  unmet.push_back(view.state.tally.unmet_orders);
}

nlohmann::ordered_json policy_summary(const RunView& view) {
  nlohmann::ordered_json programmes = nlohmann::ordered_json::array();
  double total = 0;
  const auto& specs = view.scenario.policy.interventions;
  const auto& states = view.state.policy.programmes;
  for (std::size_t k = 0; k < specs.size() && k < states.size(); ++k) {
    const ProgrammeState& s = states[k];
    double supported = 0;
    int active = 0;
    for (std::size_t t = 0; t < s.supported.size(); ++t) {
      supported += s.supported[t];
      active += s.supported[t] > 0 || s.spend[t] > 0;
    }
    nlohmann::ordered_json p;
    p["name"] = policy_label(specs[k], k);
    p["type"] = specs[k].type;
    p["steps_active"] = active;
    p["spent"] = s.spent;
    p["supported"] = supported;
    p["spent_per_supported"] = number(supported > 0 ? s.spent / supported : NAN);
    if (s.firm >= 0) p["firm"] = s.firm;
    total += s.spent;
    programmes.push_back(std::move(p));
  }
  nlohmann::ordered_json j;
  j["spent"] = total;
  j["interventions"] = std::move(programmes);
  return j;
}

nlohmann::ordered_json resilience_summary(const RunView& view, const PolicySeries& series) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  const PolicySpec& p = view.scenario.policy;
  const ResilienceSeries in{series.output, series.firms, series.unmet};
  for (std::size_t k = 0; k < p.shocks.size(); ++k) {
    const ShockSpec& shock = p.shocks[k];
    const Resilience r = measure_resilience(in, shock.start, p.trend_window,
                                            p.recovery_tolerance, view.scenario.steps_per_year);
    nlohmann::ordered_json j;
    j["name"] = policy_label(shock, k);
    j["type"] = shock.type;
    j["step"] = shock.start;
    j["measured"] = r.valid;
    if (r.valid) {
      j["trend_growth"] = r.trend_growth;
      j["trend_output_at_shock"] = r.trend_at_shock;
      j["trough_loss"] = r.trough_loss;
      j["trough_step"] = r.trough_step;
      j["recovered"] = r.recovered;
      j["recovery_step"] = r.recovered ? nlohmann::ordered_json(r.recovery_step) : nullptr;
      j["steps_to_recover"] = number(r.steps_to_recover);
      j["quarters_to_recover"] = number(r.quarters_to_recover);
      j["cumulative_loss"] = r.cumulative_loss;
      j["firms_lost"] = r.firms_lost;
      j["unmet_orders"] = r.unmet_orders;
      j["unmet_peak"] = r.unmet_peak;
      j["window_end"] = r.window_end;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace firmsim::io
