// runs.csv and aggregate.csv, streamed in run-id order into staged files.
#include "experiment/result_tables.hpp"

#include <cmath>
#include <stdexcept>
#include <unistd.h>

#include "experiment/paired_effects.hpp"
#include "firmsim/io/results.hpp"
#include "firmsim/metrics.hpp"

namespace firmsim::io::experiment_detail {

namespace fs = std::filesystem;

namespace {

void append_value(std::string& line, const nlohmann::json& v) {
  if (v.is_number_unsigned())
    line += std::to_string(v.get<std::uint64_t>());
  else if (v.is_number_integer())
    line += std::to_string(v.get<std::int64_t>());
  else if (v.is_number())
    append_number(line, v.get<double>());
  else if (v.is_string())
    append_csv_field(line, v.get<std::string>());
  else
    append_csv_field(line, v.dump());
}

const char* label_column(const ExperimentPlan& plan) {
  return plan.experiment.kind == DesignKind::arms ? "arm" : "design_point";
}

}  // namespace

StagedFile::StagedFile(fs::path target)
    : target_(std::move(target)), staging_(target_.string() + ".tmp") {
  out_.open(staging_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + staging_.string());
}

void StagedFile::commit() {
  out_.flush();
  const bool good = out_.good();
  out_.close();
  if (!good || out_.fail()) throw std::runtime_error("cannot write " + staging_.string());
  fs::rename(staging_, target_);
}

RunsTable::RunsTable(const ExperimentPlan& plan, const fs::path& out)
    : plan_(plan), file_(out / "runs.csv") {
  std::string line = "run_id,";
  line += label_column(plan);
  line += ",replication,seed";
  for (const std::string& p : plan.parameter_columns) {
    line += ',';
    append_csv_field(line, p);
  }
  for (const MetricDefinition& m : metric_definitions()) {
    line += ',';
    append_csv_field(line, m.name);
  }
  file_.write(line + "\n");
}

void RunsTable::add(const RunSpec& run, const RunOutcome& result) {
  std::string line = std::to_string(run.run_id) + ",";
  append_csv_field(line, plan_.points[static_cast<std::size_t>(run.point)].label);
  line += "," + std::to_string(run.replication) + "," + std::to_string(run.seed);
  for (const nlohmann::json& v : plan_.parameter_values[static_cast<std::size_t>(run.point)]) {
    line += ',';
    append_value(line, v);
  }
  const std::size_t metrics = metric_definitions().size();
  for (double x : result.row(result.steps - 1, metrics)) {
    line += ',';
    append_number(line, x);
  }
  file_.write(line + "\n");
}

AggregateTable::AggregateTable(const ExperimentPlan& plan, const fs::path& out,
                               const PairedEffects* effects)
    : plan_(plan), effects_(effects), file_(out / "aggregate.csv") {
  std::string header =
      std::string(label_column(plan)) + ",step,metric,mean,sd,ci95_low,ci95_high,n";
  if (effects_) header += ",difference,difference_ci95_low,difference_ci95_high,n_pairs";
  file_.write(header + "\n");
  acc_.resize(static_cast<std::size_t>(plan.experiment.steps) * metric_definitions().size());
  final_means_.resize(plan.points.size());
}

void AggregateTable::add(const RunSpec& run, const RunOutcome* result) {
  if (run.replication == 0) std::fill(acc_.begin(), acc_.end(), Welford{});
  if (result) {
    for (std::size_t i = 0; i < acc_.size(); ++i) acc_[i].add(result->series[i]);
  }
  if (run.replication == plan_.experiment.replications - 1) write_point(run.point);
}

void AggregateTable::append_interval(std::string& line, const Welford& w, bool with_sd) {
  const double mean = w.n > 0 ? w.mean : std::nan("");
  const double sd = std::sqrt(w.variance());
  double low = std::nan(""), high = std::nan("");
  if (w.n >= 2) {
    const auto df = static_cast<std::size_t>(w.n - 1);
    while (t_quantiles_.size() <= df) {
      const auto next = static_cast<double>(t_quantiles_.size());
      t_quantiles_.push_back(next == 0 ? 0.0 : student_t_quantile(0.975, next));
    }
    const double half = t_quantiles_[df] * sd / std::sqrt(static_cast<double>(w.n));
    low = mean - half;
    high = mean + half;
  }
  line += ',';
  append_number(line, mean);
  if (with_sd) {
    line += ',';
    append_number(line, sd);
  }
  line += ',';
  append_number(line, low);
  line += ',';
  append_number(line, high);
}

void AggregateTable::write_point(int point) {
  const auto& defs = metric_definitions();
  const std::size_t metrics = defs.size();
  std::string label;
  append_csv_field(label, plan_.points[static_cast<std::size_t>(point)].label);
  // The baseline (point 0) is not compared with itself: NA in its difference columns.
  const std::vector<Welford>* diffs =
      effects_ && point > 0 ? &effects_->step_differences() : nullptr;
  std::string block;
  for (int s = 0; s < plan_.experiment.steps; ++s) {
    for (std::size_t m = 0; m < metrics; ++m) {
      const std::size_t at = static_cast<std::size_t>(s) * metrics + m;
      const Welford& w = acc_[at];
      block += label;
      block += ',' + std::to_string(s) + ',';
      append_csv_field(block, defs[m].name);
      append_interval(block, w, true);
      block += ',' + std::to_string(w.n);
      if (diffs) {
        append_interval(block, (*diffs)[at], false);
        block += ',' + std::to_string((*diffs)[at].n);
      } else if (effects_) {
        block += ",NA,NA,NA,NA";
      }
      block += '\n';
    }
    if (block.size() > (1u << 20)) {
      file_.write(block);
      block.clear();
    }
  }
  file_.write(block);
  std::vector<double>& means = final_means_[static_cast<std::size_t>(point)];
  means.assign(metrics, std::nan(""));
  const std::size_t last = static_cast<std::size_t>(plan_.experiment.steps - 1) * metrics;
  for (std::size_t m = 0; m < metrics; ++m)
    if (acc_[last + m].n > 0) means[m] = acc_[last + m].mean;
}

}  // namespace firmsim::io::experiment_detail
