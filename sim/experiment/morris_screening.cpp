// Morris elementary-effects screening: mu, mu* and sigma per parameter and metric.
#include <cmath>
#include <stdexcept>

#include "experiment/result_tables.hpp"
#include "firmsim/io/results.hpp"
#include "firmsim/metrics.hpp"

namespace firmsim::io {

std::vector<MorrisIndex> morris_effects(const std::vector<std::vector<double>>& points,
                                        std::span<const double> y, int levels) {
  if (points.empty()) return {};
  const std::size_t k = points[0].size();
  if (y.size() != points.size() || points.size() % (k + 1) != 0)
    throw std::invalid_argument("morris_effects: points and outputs do not form trajectories");
  const double delta = morris_delta(levels);
  std::vector<Welford> effect(k), magnitude(k);
  for (std::size_t start = 0; start < points.size(); start += k + 1) {
    for (std::size_t s = start + 1; s <= start + k; ++s) {
      for (std::size_t j = 0; j < k; ++j) {
        const double step = points[s][j] - points[s - 1][j];
        if (step == 0) continue;
        const double ee = (y[s] - y[s - 1]) / (step > 0 ? delta : -delta);
        effect[j].add(ee);
        magnitude[j].add(std::fabs(ee));
      }
    }
  }
  std::vector<MorrisIndex> out(k);
  for (std::size_t j = 0; j < k; ++j) {
    out[j].mu = effect[j].n > 0 ? effect[j].mean : std::nan("");
    out[j].mu_star = magnitude[j].n > 0 ? magnitude[j].mean : std::nan("");
    out[j].sigma = std::sqrt(effect[j].variance());
  }
  return out;
}

namespace experiment_detail {

void write_morris_table(const ExperimentPlan& plan,
                        const std::vector<std::vector<double>>& final_means,
                        const std::filesystem::path& out) {
  const auto& defs = metric_definitions();
  std::vector<std::vector<double>> unit;
  for (const DesignPoint& p : plan.points) unit.push_back(p.unit);
  // indices[m][j]: metric m, parameter j.
  std::vector<std::vector<MorrisIndex>> indices;
  for (std::size_t m = 0; m < defs.size(); ++m) {
    std::vector<double> y;
    for (const std::vector<double>& means : final_means)
      y.push_back(m < means.size() ? means[m] : std::nan(""));
    indices.push_back(morris_effects(unit, y, plan.experiment.levels));
  }
  StagedFile file(out / "morris.csv");
  std::string text = "parameter,metric,mu,mu_star,sigma\n";
  for (std::size_t j = 0; j < plan.experiment.parameters.size(); ++j) {
    for (std::size_t m = 0; m < defs.size(); ++m) {
      append_csv_field(text, plan.experiment.parameters[j].pointer);
      text += ',';
      append_csv_field(text, defs[m].name);
      const MorrisIndex& ix = indices[m][j];
      for (double x : {ix.mu, ix.mu_star, ix.sigma}) {
        text += ',';
        append_number(text, x);
      }
      text += '\n';
    }
  }
  file.write(text);
  file.commit();
}

}  // namespace experiment_detail
}  // namespace firmsim::io
