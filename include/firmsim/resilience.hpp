#pragma once
/// Resilience after a shock (MODEL.md sections 5 and 8): pure functions of a run's time series,
/// computed after the run (summary.json `resilience`, docs/OUTPUTS.md).
#include <span>

namespace firmsim {

/// Per-step series of one run, index = step (all the same length).
struct ResilienceSeries {
  std::span<const double> output;  ///< gross output (timeseries `output`)
  std::span<const double> firms;   ///< alive firms (timeseries `firms`)
  std::span<const double> unmet;   ///< unmet orders, units (StepTally::unmet_orders)
};

struct Resilience {
  bool valid = false;          ///< the shock fell inside the series with a step before it
  double trend_growth = 0;     ///< log growth per step of the pre-shock trend
  double trend_at_shock = 0;   ///< the trend's output at the shock step
  double trough_loss = 0;      ///< 1 - output / trend at the trough (0.2: 20% below trend)
  int trough_step = -1;
  bool recovered = false;
  int recovery_step = -1;          ///< first step back within the tolerance of the trend
  double steps_to_recover = 0;     ///< recovery_step - shock step (NaN when not recovered)
  double quarters_to_recover = 0;  ///< the same in quarters
  double cumulative_loss = 0;  ///< sum over the window of (trend - output) / trend, steps
  double firms_lost = 0;       ///< firms before the shock minus the fewest in the window (>= 0)
  double unmet_orders = 0;     ///< unmet units in the window above the pre-shock mean rate
  double unmet_peak = 0;       ///< most unmet units in one step of the window
  int window_end = -1;         ///< last step of the window (recovery step, or the last step)
};

/// Output trend: an ordinary least-squares line through log output over the `trend_window`
/// steps before `shock_step` (the level of the step before when fewer than 2 of them have
/// output > 0). The gap of step t is output_t / trend_t - 1. Trough: the lowest gap from the
/// shock step until recovery; recovery: the first step after the gap fell below -tolerance at
/// which it is back at or above -tolerance (a gap within the tolerance at the shock step
/// itself: recovered at once, 0 steps). The window
/// runs from the shock step to the recovery step (the last step when never recovered).
Resilience measure_resilience(const ResilienceSeries& series, int shock_step, int trend_window,
                              double tolerance, int steps_per_year);

}  // namespace firmsim
