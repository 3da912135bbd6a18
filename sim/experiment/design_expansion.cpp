// Design expansion: replications, grids, Latin hypercubes, Morris trajectories and arms become
// design points, and design points times replications become runs with derived seeds.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "firmsim/io/experiment.hpp"
#include "firmsim/metrics.hpp"
#include "firmsim/rng.hpp"

namespace firmsim::io {

using nlohmann::json;

namespace {

// Entity tags keep the experiment's uses of Stream::experiment apart.
constexpr std::uint64_t kSeedTag = 0;
constexpr std::uint64_t kLhsTag = 1ull << 40;
constexpr std::uint64_t kMorrisTag = 2ull << 40;

std::vector<int> permutation(int n, Rng& rng) {
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  for (int i = n - 1; i > 0; --i)
    std::swap(order[static_cast<std::size_t>(i)],
              order[static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(i) + 1))]);
  return order;
}

/// A unit-hypercube coordinate as a scenario value. Latin hypercubes spread integers evenly over
/// [min, max]; Morris grids round to the nearest integer so steps stay one delta apart.
json unit_to_value(const DesignParameter& p, double u, DesignKind kind) {
  if (!p.integer) return json(p.min + u * (p.max - p.min));
  double x = kind == DesignKind::lhs ? p.min + std::floor(u * (p.max - p.min + 1))
                                     : std::round(p.min + u * (p.max - p.min));
  x = std::clamp(x, p.min, p.max);
  return json(static_cast<long long>(x));
}

std::vector<DesignPoint> expand_points(const Experiment& e) {
  std::vector<DesignPoint> points;
  switch (e.kind) {
    case DesignKind::replications:
      points.push_back({"0", {}, {}});
      break;
    case DesignKind::grid: {
      // Row-major: the last parameter varies fastest.
      std::size_t total = 1;
      for (const DesignParameter& p : e.parameters) total *= p.values.size();
      for (std::size_t i = 0; i < total; ++i) {
        DesignPoint point{std::to_string(i), {}, {}};
        std::size_t rest = i;
        std::vector<std::size_t> pick(e.parameters.size());
        for (std::size_t j = e.parameters.size(); j-- > 0;) {
          pick[j] = rest % e.parameters[j].values.size();
          rest /= e.parameters[j].values.size();
        }
        for (std::size_t j = 0; j < e.parameters.size(); ++j)
          point.overrides.push_back({e.parameters[j].pointer, e.parameters[j].values[pick[j]]});
        points.push_back(std::move(point));
      }
      break;
    }
    case DesignKind::lhs:
    case DesignKind::morris: {
      const int k = static_cast<int>(e.parameters.size());
      const auto unit = e.kind == DesignKind::lhs
                            ? latin_hypercube(e.samples, k, e.seed)
                            : morris_trajectories(e.trajectories, k, e.levels, e.seed);
      for (std::size_t i = 0; i < unit.size(); ++i) {
        DesignPoint point{std::to_string(i), {}, unit[i]};
        for (int j = 0; j < k; ++j)
          point.overrides.push_back(
              {e.parameters[static_cast<std::size_t>(j)].pointer,
               unit_to_value(e.parameters[static_cast<std::size_t>(j)],
                             unit[i][static_cast<std::size_t>(j)], e.kind)});
        points.push_back(std::move(point));
      }
      break;
    }
    case DesignKind::arms:
      for (const Arm& arm : e.arms) points.push_back({arm.name, arm.overrides, {}});
      break;
  }
  return points;
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t experiment_seed, std::uint64_t point, int replication) {
  Rng rng(experiment_seed, kSeedTag | point, static_cast<std::uint32_t>(replication),
          Stream::experiment);
  return rng.below(1ull << 53);
}

std::vector<std::vector<double>> latin_hypercube(int n, int k, std::uint64_t seed) {
  std::vector<std::vector<double>> points(static_cast<std::size_t>(n),
                                          std::vector<double>(static_cast<std::size_t>(k)));
  for (int j = 0; j < k; ++j) {
    Rng rng(seed, kLhsTag | static_cast<std::uint64_t>(j), 0, Stream::experiment);
    const std::vector<int> strata = permutation(n, rng);
    for (int i = 0; i < n; ++i) {
      const int s = strata[static_cast<std::size_t>(i)];
      double u = (s + rng.uniform()) / n;
      // Rounding must not push a point into the next stratum.
      if (u >= static_cast<double>(s + 1) / n) u = std::nextafter(static_cast<double>(s + 1) / n, 0.0);
      points[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = u;
    }
  }
  return points;
}

double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

std::vector<std::vector<double>> morris_trajectories(int r, int k, int p, std::uint64_t seed) {
  std::vector<std::vector<double>> points;
  const int jump = p / 2;  // delta in grid levels
  for (int t = 0; t < r; ++t) {
    Rng rng(seed, kMorrisTag | static_cast<std::uint64_t>(t), 0, Stream::experiment);
    std::vector<int> levels(static_cast<std::size_t>(k));
    for (int& l : levels) l = static_cast<int>(rng.below(static_cast<std::uint64_t>(p)));
    const std::vector<int> order = permutation(k, rng);
    const auto to_unit = [&] {
      std::vector<double> u(levels.size());
      for (std::size_t j = 0; j < levels.size(); ++j) u[j] = static_cast<double>(levels[j]) / (p - 1);
      return u;
    };
    points.push_back(to_unit());
    for (int j : order) {
      int& l = levels[static_cast<std::size_t>(j)];
      l = l + jump <= p - 1 ? l + jump : l - jump;
      points.push_back(to_unit());
    }
  }
  return points;
}

ExperimentPlan make_plan(const Experiment& e) {
  ExperimentPlan plan;
  plan.experiment = e;
  plan.points = expand_points(e);
  for (const DesignPoint& point : plan.points)
    for (const Override& o : point.overrides)
      if (std::find(plan.parameter_columns.begin(), plan.parameter_columns.end(), o.pointer) ==
          plan.parameter_columns.end())
        plan.parameter_columns.push_back(o.pointer);
  for (const DesignPoint& point : plan.points) {
    std::vector<json> values;
    for (const std::string& column : plan.parameter_columns) {
      json value = e.base[nlohmann::ordered_json::json_pointer(column)];
      for (const Override& o : point.overrides)
        if (o.pointer == column) value = o.value;
      values.push_back(std::move(value));
    }
    plan.parameter_values.push_back(std::move(values));
  }
  const bool per_point_seed =
      (e.kind == DesignKind::grid || e.kind == DesignKind::lhs || e.kind == DesignKind::morris) &&
      !e.common_random_numbers;
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (int rep = 0; rep < e.replications; ++rep) {
      const std::uint64_t key = per_point_seed ? p + 1 : 0;
      plan.runs.push_back({static_cast<int>(plan.runs.size()), static_cast<int>(p), rep,
                           derive_seed(e.seed, key, rep)});
    }
  // The fingerprint covers everything that decides a run's result, so --resume refuses to mix
  // runs of a changed experiment or of another model version.
  std::uint64_t h = fnv1a(FIRMSIM_VERSION);
  h = fnv1a(e.base.dump(), h);
  h = fnv1a(std::to_string(e.steps) + "|" + std::string(experiment_kind_name(e.kind)), h);
  for (const MetricDefinition& m : metric_definitions()) h = fnv1a(m.name + ",", h);
  for (const DesignPoint& point : plan.points) {
    h = fnv1a(point.label + ":", h);
    for (const Override& o : point.overrides) h = fnv1a(o.pointer + "=" + o.value.dump() + ";", h);
  }
  for (const RunSpec& run : plan.runs) h = fnv1a(std::to_string(run.seed) + ",", h);
  plan.fingerprint = h;
  return plan;
}

}  // namespace firmsim::io
