// Streaming moments, Student's t quantiles and number formatting for experiment results.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "firmsim/io/experiment.hpp"

namespace firmsim::io {

namespace {

/// Continued fraction of the incomplete beta function (modified Lentz).
double beta_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300, eps = 1e-16;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < eps) break;
  }
  return h;
}

/// Regularised incomplete beta function I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(a, b, x) / a;
  return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

/// P(T > t) for t >= 0.
double t_upper_tail(double t, double df) {
  return 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
}

}  // namespace

void Welford::add(double x) {
  if (std::isnan(x)) return;
  ++n;
  const double delta = x - mean;
  mean += delta / static_cast<double>(n);
  m2 += delta * (x - mean);
}

double Welford::variance() const {
  return n < 2 ? std::nan("") : m2 / static_cast<double>(n - 1);
}

double student_t_quantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df > 0)) throw std::invalid_argument("student_t_quantile: bad argument");
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  if (p == 0.5) return 0.0;
  if (df == 1.0) return std::tan(std::numbers::pi * (p - 0.5));
  if (df == 2.0) return (2.0 * p - 1.0) / std::sqrt(2.0 * p * (1.0 - p));
  // Bisection on the upper tail, which keeps full relative precision for p near 1.
  const double tail = 1.0 - p;
  double lo = 0.0, hi = 1.0;
  while (t_upper_tail(hi, df) > tail) {
    lo = hi;
    hi *= 2.0;
  }
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (t_upper_tail(mid, df) > tail)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

MeanInterval mean_interval95(const Welford& w) {
  MeanInterval r;
  r.n = w.n;
  r.mean = w.n > 0 ? w.mean : std::nan("");
  r.low = r.high = std::nan("");
  if (w.n >= 2) {
    const double half = student_t_quantile(0.975, static_cast<double>(w.n - 1)) *
                        std::sqrt(w.variance() / static_cast<double>(w.n));
    r.low = r.mean - half;
    r.high = r.mean + half;
  }
  return r;
}

Welford paired_differences(std::span<const double> baseline, std::span<const double> arm) {
  if (baseline.size() != arm.size())
    throw std::invalid_argument("paired_differences: the two samples differ in size");
  Welford w;
  for (std::size_t i = 0; i < arm.size(); ++i)
    if (!std::isnan(baseline[i]) && !std::isnan(arm[i])) w.add(arm[i] - baseline[i]);
  return w;
}

double window_mean(std::span<const double> series, std::size_t metrics, std::size_t metric,
                   int window) {
  const std::size_t steps = metrics > 0 ? series.size() / metrics : 0;
  const std::size_t first = steps - std::min(steps, static_cast<std::size_t>(std::max(window, 1)));
  double sum = 0;
  int n = 0;
  for (std::size_t s = first; s < steps; ++s) {
    const double x = series[s * metrics + metric];
    if (std::isnan(x)) continue;
    sum += x;
    ++n;
  }
  return n > 0 ? sum / n : std::nan("");
}

}  // namespace firmsim::io
