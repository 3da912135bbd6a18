// effects.csv: per arm and metric, the mean paired difference against the baseline with its 95%
// interval, and what the arm spent on policy beyond the baseline.
#include "experiment/paired_effects.hpp"

#include <cmath>
#include <stdexcept>

#include "experiment/manifest.hpp"
#include "firmsim/io/results.hpp"
#include "firmsim/metrics.hpp"

namespace firmsim::io::experiment_detail {

namespace {

/// Above this, the baseline's series are read back from partial/ when an arm needs them.
constexpr std::size_t kBaselineBytes = std::size_t{256} << 20;

double total(std::span<const double> series, std::size_t metrics, int column) {
  if (column < 0) return std::nan("");
  double sum = 0;
  for (std::size_t i = static_cast<std::size_t>(column); i < series.size(); i += metrics)
    if (!std::isnan(series[i])) sum += series[i];
  return sum;
}

}  // namespace

PairedEffects::PairedEffects(const ExperimentPlan& plan, const std::filesystem::path& out)
    : plan_(plan),
      out_(out),
      file_(out / "effects.csv"),
      metrics_(metric_definitions().size()),
      spend_column_(metric_index("policy_spend")),
      hold_series_(static_cast<std::size_t>(plan.experiment.replications) *
                       static_cast<std::size_t>(plan.experiment.steps) * metrics_ *
                       sizeof(double) <=
                   kBaselineBytes),
      baseline_(static_cast<std::size_t>(plan.experiment.replications)),
      step_diff_(static_cast<std::size_t>(plan.experiment.steps) * metrics_),
      diff_(metrics_),
      base_side_(metrics_),
      arm_side_(metrics_) {
  file_.write(
      "arm,metric,baseline_mean,arm_mean,mean_difference,ci95_low,ci95_high,n_pairs,spend,"
      "effect_per_spend\n");
}

const std::vector<double>& PairedEffects::baseline_series(int replication) {
  const BaselineRun& b = baseline_[static_cast<std::size_t>(replication)];
  if (!b.series.empty()) return b.series;
  // Baseline run ids are its replications (run ids are point-major and the baseline is point 0).
  std::optional<RunOutcome> read = load_run(out_, plan_, replication);
  if (!read)
    throw std::runtime_error("the record of run " + std::to_string(replication) +
                             " (baseline) in partial/ cannot be read back");
  loaded_ = std::move(read->series);
  return loaded_;
}

void PairedEffects::add(const RunSpec& run, const RunOutcome* result) {
  const auto rep = static_cast<std::size_t>(run.replication);
  const int window = plan_.experiment.effects_window;
  if (run.point == 0) {
    BaselineRun& b = baseline_[rep];
    b = BaselineRun{};
    if (!result) return;
    b.ok = true;
    b.summary.resize(metrics_);
    for (std::size_t m = 0; m < metrics_; ++m)
      b.summary[m] = window_mean(result->series, metrics_, m, window);
    b.spend = total(result->series, metrics_, spend_column_);
    if (hold_series_ || !result->persisted) b.series = result->series;
    return;
  }
  if (run.replication == 0) {
    std::fill(step_diff_.begin(), step_diff_.end(), Welford{});
    for (auto* acc : {&diff_, &base_side_, &arm_side_})
      std::fill(acc->begin(), acc->end(), Welford{});
    spend_diff_ = Welford{};
  }
  if (result && baseline_[rep].ok) {
    const BaselineRun& b = baseline_[rep];
    const std::vector<double>& base = baseline_series(run.replication);
    for (std::size_t i = 0; i < step_diff_.size(); ++i)
      if (!std::isnan(base[i]) && !std::isnan(result->series[i]))
        step_diff_[i].add(result->series[i] - base[i]);
    for (std::size_t m = 0; m < metrics_; ++m) {
      const double a = window_mean(result->series, metrics_, m, window);
      if (std::isnan(a) || std::isnan(b.summary[m])) continue;
      diff_[m].add(a - b.summary[m]);
      base_side_[m].add(b.summary[m]);
      arm_side_[m].add(a);
    }
    spend_diff_.add(total(result->series, metrics_, spend_column_) - b.spend);
  }
  if (run.replication == plan_.experiment.replications - 1) write_arm(run.point);
}

void PairedEffects::write_arm(int point) {
  const auto& defs = metric_definitions();
  const double spend = spend_diff_.n > 0 ? spend_diff_.mean : std::nan("");
  std::string block;
  for (std::size_t m = 0; m < metrics_; ++m) {
    append_csv_field(block, plan_.points[static_cast<std::size_t>(point)].label);
    block += ',';
    append_csv_field(block, defs[m].name);
    const MeanInterval d = mean_interval95(diff_[m]);
    const double per_spend = spend != 0 ? d.mean / spend : std::nan("");
    for (double x :
         {base_side_[m].n > 0 ? base_side_[m].mean : std::nan(""),
          arm_side_[m].n > 0 ? arm_side_[m].mean : std::nan(""), d.mean, d.low, d.high}) {
      block += ',';
      append_number(block, x);
    }
    block += ',' + std::to_string(d.n) + ',';
    append_number(block, spend);
    block += ',';
    append_number(block, per_spend);
    block += '\n';
  }
  file_.write(block);
}

}  // namespace firmsim::io::experiment_detail
