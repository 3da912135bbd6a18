#pragma once
/// Counter-based random streams (Random123 Philox4x32-10).
///
/// A draw is a pure function of (seed, entity, step, stream, draw index): no generator is shared
/// between threads, results do not depend on the thread count, and an extra draw in one stream
/// (say, by a policy arm) never shifts the draws of another (common random numbers).
/// The transforms below are the project's own, so results do not depend on the standard
/// library's distribution implementations.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace firmsim {

/// Stream identifiers. Never renumber: they are part of every run's identity.
enum class Stream : std::uint32_t {
  world_init = 1,
  demand = 2,
  production = 3,
  costs = 4,
  innovation = 5,
  imitation = 6,
  accounting = 7,
  supplier_search = 8,
  partner_search = 9,
  trust = 10,
  exit = 11,
  entry = 12,
  policy = 13,
  shock = 14,
  matching = 15,
  experiment = 16,
  world_firms = 17,  ///< world generation: size class, employees, finance of each firm
  world_ties = 18,   ///< world generation: initial supply ties
  world_technology = 19,  ///< world generation: productivity, knowledge, R&D of each firm
  cooperation_trust = 24,  ///< trust on cooperation (non-supply) and university ties
  institute_search = 25,   ///< a firm's search for a university–industry tie
  supplier_fit = 26,       ///< the fit of a buyer–supplier pair (fixed for the pair)
};

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t entity, std::uint32_t step, Stream stream)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        ctr_{{static_cast<std::uint32_t>(entity), static_cast<std::uint32_t>(entity >> 32) ^
                                                        (static_cast<std::uint32_t>(stream) << 16),
              step, 0u}} {}

  /// Uniform on the open interval (0, 1), 53 bits.
  double uniform() {
    const std::uint64_t bits = next64() >> 11;
    return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
  }
  /// Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do {
      x = next64();
    } while (x >= limit);
    return x % n;
  }
  bool bernoulli(double p) { return uniform() < p; }
  /// Standard normal (Box–Muller, both values used).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = uniform(), u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double theta = 6.283185307179586 * u2;
    spare_ = r * std::sin(theta);
    has_spare_ = true;
    return r * std::cos(theta);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  double lognormal(double mu, double sigma) { return std::exp(normal(mu, sigma)); }
  double exponential(double rate) { return -std::log(uniform()) / rate; }
  /// Gamma(shape, 1) by Marsaglia–Tsang.
  double gamma(double shape) {
    if (shape < 1.0) return gamma(shape + 1.0) * std::pow(uniform(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
  }
  double beta(double a, double b) {
    const double x = gamma(a);
    return x / (x + gamma(b));
  }

 private:
  using Philox = r123::Philox4x32;
  std::uint64_t next64() {
    if (used_ >= 2) {
      block_ = Philox()(ctr_, key_);
      ctr_.v[3]++;
      used_ = 0;
    }
    const std::uint64_t v = (static_cast<std::uint64_t>(block_.v[2 * used_]) << 32) |
                            block_.v[2 * used_ + 1];
    ++used_;
    return v;
  }

  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  int used_ = 2;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace firmsim
