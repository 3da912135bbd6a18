// Resilience measures of one shock from a run's time series (see firmsim/resilience.hpp).
#include "firmsim/resilience.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace firmsim {

namespace {

/// Log-linear trend through output over [from, to): intercept at step `to`, slope per step.
void fit_trend(std::span<const double> output, int from, int to, double& level, double& growth) {
  double n = 0, st = 0, sy = 0, stt = 0, sty = 0;
  for (int t = from; t < to; ++t) {
    if (!(output[t] > 0)) continue;
    const double x = t - to, y = std::log(output[t]);
    n += 1, st += x, sy += y, stt += x * x, sty += x * y;
  }
  const double denominator = n * stt - st * st;
  if (n < 2 || !(std::abs(denominator) > 0)) {
    level = output[to - 1];
    growth = 0;
    return;
  }
  growth = (n * sty - st * sy) / denominator;
  level = std::exp((sy - growth * st) / n);
}

}  // namespace

Resilience measure_resilience(const ResilienceSeries& series, int shock_step, int trend_window,
                              double tolerance, int steps_per_year) {
  Resilience r;
  const int steps = static_cast<int>(series.output.size());
  if (shock_step < 1 || shock_step >= steps) return r;
  r.valid = true;
  const int from = std::max(0, shock_step - std::max(1, trend_window));
  double level = 0, growth = 0;
  fit_trend(series.output, from, shock_step, level, growth);
  r.trend_growth = growth;
  r.trend_at_shock = level;
  const auto gap = [&](int t) {
    const double trend = level * std::exp(growth * (t - shock_step));
    return trend > 0 ? series.output[t] / trend - 1 : 0.0;
  };

  double lowest = std::numeric_limits<double>::infinity();
  bool dipped = false;
  r.window_end = steps - 1;
  for (int t = shock_step; t < steps; ++t) {
    const double g = gap(t);
    if (g < -tolerance) {
      dipped = true;
    } else if (dipped || t == shock_step) {
      r.recovered = true;
      r.recovery_step = t;
      r.window_end = t;
      if (!dipped) lowest = std::min(lowest, g), r.trough_step = t;
      break;
    }
    if (g < lowest) lowest = g, r.trough_step = t;
    r.cumulative_loss += -g;
  }
  r.trough_loss = std::max(0.0, -lowest);
  const double quarters_per_step = 4.0 / std::max(1, steps_per_year);
  r.steps_to_recover = r.recovered ? r.recovery_step - shock_step
                                   : std::numeric_limits<double>::quiet_NaN();
  r.quarters_to_recover = r.steps_to_recover * quarters_per_step;

  if (static_cast<int>(series.firms.size()) == steps) {
    double fewest = series.firms[shock_step - 1];
    for (int t = shock_step; t <= r.window_end; ++t) fewest = std::min(fewest, series.firms[t]);
    r.firms_lost = std::max(0.0, series.firms[shock_step - 1] - fewest);
  }
  if (static_cast<int>(series.unmet.size()) == steps) {
    double before = 0;
    for (int t = from; t < shock_step; ++t) before += series.unmet[t];
    before /= shock_step - from;
    for (int t = shock_step; t <= r.window_end; ++t) {
      r.unmet_orders += series.unmet[t] - before;
      r.unmet_peak = std::max(r.unmet_peak, series.unmet[t]);
    }
  }
  return r;
}

}  // namespace firmsim
