#include "core/spot_market.hpp"

#include <algorithm>
#include <cmath>

namespace firmsim {

void allocate_spot_orders(double ordered, std::span<const double> spare,
                          std::span<const double> price, double elasticity,
                          std::vector<double>& sold) {
  const std::size_t n = spare.size();
  sold.assign(n, 0.0);
  double total = 0, log_mean = 0;
  for (std::size_t j = 0; j < n; ++j)
    if (spare[j] > 0 && price[j] > 0) total += spare[j], log_mean += spare[j] * std::log(price[j]);
  if (total <= 0 || ordered <= 0) return;
  if (total <= ordered) {
    for (std::size_t j = 0; j < n; ++j)
      if (spare[j] > 0 && price[j] > 0) sold[j] = spare[j];
    return;
  }
  log_mean /= total;
  // Weights relative to the mean price; theta between 0 and the value that saturates everyone.
  std::vector<double> w(n, 0.0);
  double w_min = 1e300;
  for (std::size_t j = 0; j < n; ++j) {
    if (spare[j] <= 0 || price[j] <= 0) continue;
    w[j] = std::exp(-elasticity * (std::log(price[j]) - log_mean));
    w_min = std::min(w_min, w[j]);
  }
  const auto filled = [&](double theta) {
    double x = 0;
    for (std::size_t j = 0; j < n; ++j) x += spare[j] * std::min(1.0, theta * w[j]);
    return x;
  };
  double lo = 0, hi = 1 / w_min;
  for (int it = 0; it < 64 && hi - lo > 1e-14 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (filled(mid) < ordered ? lo : hi) = mid;
  }
  // Scale to hit `ordered` exactly at the lower bracket (every x_j stays within its spare).
  const double at_lo = filled(lo), at_hi = filled(hi);
  const double theta = at_hi > at_lo ? lo + (hi - lo) * (ordered - at_lo) / (at_hi - at_lo) : hi;
  for (std::size_t j = 0; j < n; ++j) sold[j] = spare[j] * std::min(1.0, theta * w[j]);
}

}  // namespace firmsim
