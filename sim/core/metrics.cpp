// The per-step metrics (MODEL.md section 6): one reporter per timeseries.csv column.
//
// A first pass over the firms, in id order, gathers sums and per-firm facts into a Summary; the
// network metrics come from graph_metrics(); each reporter then reads one number off the
// Summary. Every floating-point sum runs sequentially in firm-id order and the network sums are
// exact integers, so the values never depend on the thread count.
#include "firmsim/metrics.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>

#include <oneapi/tbb/parallel_invoke.h>

#include "firmsim/graph_metrics.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Running mean and variance over values added in a fixed order.
struct Moments {
  double n = 0, sum = 0, sum_sq = 0;
  void add(double x) {
    n += 1;
    sum += x;
    sum_sq += x * x;
  }
  double mean() const { return n > 0 ? sum / n : kNaN; }
  double sd() const {
    if (n < 2) return n > 0 ? 0.0 : kNaN;
    const double m = sum / n;
    return std::sqrt(std::max(0.0, (sum_sq - n * m * m) / (n - 1)));
  }
};

/// Everything the reporters read, gathered once per step.
struct Summary {
  double firms = 0, output = 0, exports = 0, employees = 0;
  Moments productivity, log_productivity, unit_cost, log_unit_cost;
  Moments cost_cooperating, cost_isolated, productivity_cooperating, productivity_isolated;
  double cooperating = 0, gvc = 0;
  Moments local_content;  ///< Tie::share of alive North–South joint ventures
  double ties = 0;
  std::array<double, kTieTypeCount> ties_by_type{};
  GraphMetrics graph;
  double hhi = 0, gini_size = 0;
  double max_location_quotient = 0, spatial_concentration = 0;
  double unmet_orders_share = 0;
  const StepTally* tally = nullptr;
};

struct Reporter {
  MetricDefinition def;
  std::function<double(const Summary&)> value;
};

std::vector<Reporter> make_reporters() {
  std::vector<Reporter> r;
  auto add = [&r](std::string name, std::string unit, std::string meaning,
                  std::function<double(const Summary&)> f) {
    r.push_back({{std::move(name), std::move(unit), std::move(meaning)}, std::move(f)});
  };
  add("firms", "count", "firms alive at the end of the step", [](auto& s) { return s.firms; });
  add("entries", "count", "firms that entered during the step",
      [](auto& s) { return double(s.tally->entries); });
  add("exits", "count", "firms that exited during the step",
      [](auto& s) { return double(s.tally->exits); });
  add("output", "output units", "gross output of alive firms, summed over all stages",
      [](auto& s) { return s.output; });
  add("exports", "output units", "units alive firms sold abroad or on the export market",
      [](auto& s) { return s.exports; });
  add("employees", "employees", "employment of alive firms", [](auto& s) { return s.employees; });
  add("mean_productivity", "output/employee", "mean productivity A of alive firms (unweighted)",
      [](auto& s) { return s.productivity.mean(); });
  add("sd_log_productivity", "log", "standard deviation of log A across alive firms (dispersion)",
      [](auto& s) { return s.log_productivity.sd(); });
  add("mean_unit_cost", "money/output unit",
      "mean unit cost of alive firms that produced this step (unweighted)",
      [](auto& s) { return s.unit_cost.mean(); });
  add("sd_log_unit_cost", "log",
      "standard deviation of log unit cost across alive producing firms (dispersion)",
      [](auto& s) { return s.log_unit_cost.sd(); });
  add("innovations", "count", "successful innovations during the step",
      [](auto& s) { return double(s.tally->innovations); });
  add("rd_spend", "money", "R&D spending during the step",
      [](auto& s) { return s.tally->rd_spend; });
  add("ties", "count", "alive ties (rows of the tie table; parallel ties counted apart)",
      [](auto& s) { return s.ties; });
  for (int k = 0; k < kTieTypeCount; ++k)
    add("ties_" + std::string(kTieRules[k].name), "count",
        "alive ties of type " + std::string(kTieRules[k].name),
        [k](auto& s) { return s.ties_by_type[k]; });
  add("ties_formed", "count", "ties formed during the step",
      [](auto& s) { return double(s.tally->ties_formed); });
  add("ties_ended", "count", "ties ended during the step",
      [](auto& s) { return double(s.tally->ties_ended); });
  add("mean_local_content", "share",
      "mean local content (share of inputs from the southern partner) of alive North-South "
      "joint ventures; NA without any",
      [](auto& s) { return s.local_content.mean(); });
  add("density", "share",
      "2m/(n(n-1)) of the undirected simple tie graph over alive firms (0 when n < 2)",
      [](auto& s) { return s.graph.density; });
  add("mean_degree", "partners", "2m/n: mean number of distinct partners of alive firms",
      [](auto& s) { return s.graph.mean_degree; });
  add("clustering", "share",
      "global transitivity: 3 x triangles / connected triples (0 without triples); NA on steps "
      "skipped by output.clustering_every",
      [](auto& s) { return s.graph.clustering; });
  add("giant_component_share", "share", "alive firms in the largest connected component / n",
      [](auto& s) { return s.graph.giant_component_share; });
  add("assortativity", "correlation",
      "Newman's degree assortativity (-1..1); NA when there are no ties or all degrees match",
      [](auto& s) { return s.graph.assortativity; });
  add("cooperating_share", "share",
      "alive firms with at least one cooperative tie: an alive tie of any type but plain "
      "`subcontracting` (arm's-length supply orders) to an alive firm, or a university tie",
      [](auto& s) { return s.firms > 0 ? s.cooperating / s.firms : 0.0; });
  add("gvc_share", "share",
      "alive firms in global value chains: tied to a firm of another country, or exporting",
      [](auto& s) { return s.firms > 0 ? s.gvc / s.firms : 0.0; });
  add("mean_unit_cost_cooperating", "money/output unit",
      "mean unit cost of producing alive firms with a cooperative tie (as in `cooperating_share`)",
      [](auto& s) { return s.cost_cooperating.mean(); });
  add("mean_unit_cost_isolated", "money/output unit",
      "mean unit cost of producing alive firms without a cooperative tie",
      [](auto& s) { return s.cost_isolated.mean(); });
  add("mean_productivity_cooperating", "output/employee",
      "mean productivity A of alive firms with a cooperative tie (as in `cooperating_share`)",
      [](auto& s) { return s.productivity_cooperating.mean(); });
  add("mean_productivity_isolated", "output/employee",
      "mean productivity A of alive firms without a cooperative tie",
      [](auto& s) { return s.productivity_isolated.mean(); });
  add("hhi", "0..1",
      "Herfindahl index of output shares within each stage, averaged over stages with output",
      [](auto& s) { return s.hhi; });
  add("gini_size", "0..1", "Gini coefficient of employees across alive firms",
      [](auto& s) { return s.gini_size; });
  add("max_location_quotient", "ratio",
      "largest location quotient (E_sr/E_r)/(E_s/E) over stage x region cells, by employment",
      [](auto& s) { return s.max_location_quotient; });
  add("spatial_concentration", "0..1",
      "per stage, the dissimilarity index 1/2 sum_r abs(E_sr/E_s - E_r/E); employment-weighted "
      "mean over stages (0: every stage spread like all employment)",
      [](auto& s) { return s.spatial_concentration; });
  add("unmet_orders_share", "share",
      "orders (final demand and input orders) left unfilled / all orders; 0 without orders",
      [](auto& s) { return s.unmet_orders_share; });
  add("policy_spend", "money", "money spent by policy instruments during the step",
      [](auto& s) { return s.tally->policy_spend; });
  return r;
}

const std::vector<Reporter>& reporters() {
  static const std::vector<Reporter> r = make_reporters();
  return r;
}

/// Location quotients and the dissimilarity index from employment by (stage, region).
void spatial(const Scenario& sc, const State& st, Summary& s) {
  const Firms& f = st.firms;
  const std::size_t regions = st.regions.size();
  std::size_t stages = static_cast<std::size_t>(std::max(sc.world.stages, 1));
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i]) stages = std::max<std::size_t>(stages, f.stage[i] + 1u);
  std::vector<double> cell(stages * regions, 0.0), by_stage(stages, 0.0), by_region(regions, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i] || f.region[i] >= regions) continue;
    cell[f.stage[i] * regions + f.region[i]] += f.employees[i];
    by_stage[f.stage[i]] += f.employees[i];
    by_region[f.region[i]] += f.employees[i];
    total += f.employees[i];
  }
  s.max_location_quotient = 0;
  s.spatial_concentration = 0;
  if (total <= 0) return;
  for (std::size_t k = 0; k < stages; ++k) {
    if (by_stage[k] <= 0) continue;
    double dissimilarity = 0;
    for (std::size_t r = 0; r < regions; ++r) {
      const double e = cell[k * regions + r];
      if (e > 0)
        s.max_location_quotient =
            std::max(s.max_location_quotient, (e / by_region[r]) / (by_stage[k] / total));
      dissimilarity += std::abs(e / by_stage[k] - by_region[r] / total);
    }
    s.spatial_concentration += 0.5 * dissimilarity * by_stage[k] / total;
  }
}

/// Mean over stages (with output) of the Herfindahl index of output shares in the stage.
double stage_hhi(const Scenario& sc, const State& st) {
  const Firms& f = st.firms;
  std::size_t stages = static_cast<std::size_t>(std::max(sc.world.stages, 1));
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i]) stages = std::max<std::size_t>(stages, f.stage[i] + 1u);
  std::vector<std::vector<double>> outputs(stages);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i]) outputs[f.stage[i]].push_back(std::max(0.0, f.output[i]));
  double sum = 0, counted = 0;
  for (const auto& o : outputs) {
    double total = 0;
    for (double x : o) total += x;
    if (total <= 0) continue;
    sum += hhi(o);
    counted += 1;
  }
  return counted > 0 ? sum / counted : 0.0;
}

}  // namespace

const std::vector<MetricDefinition>& metric_definitions() {
  static const std::vector<MetricDefinition> defs = [] {
    std::vector<MetricDefinition> d;
    for (const Reporter& r : reporters()) d.push_back(r.def);
    return d;
  }();
  return defs;
}

int metric_index(const std::string& name) {
  const auto& defs = metric_definitions();
  for (std::size_t i = 0; i < defs.size(); ++i)
    if (defs[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

/// The tie-table part of FirmLinks: gvc (ties abroad and exporters), cooperative and, when
/// `by_type`, ties by type. Leaves `degree` alone.
void tie_links(const State& st, bool by_type, FirmLinks& links) {
  const Firms& f = st.firms;
  const std::size_t n = f.size();
  links.gvc.assign(n, 0);
  links.cooperative.assign(n, 0);
  if (by_type) links.ties_by_type.assign(n * kTieTypeCount, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (f.alive[i]) links.gvc[i] = f.exports[i] > 0;
  for (const Tie& t : st.ties) {
    if (!t.alive || t.source >= n || t.target >= n) continue;
    if (!f.alive[t.source] || !f.alive[t.target]) continue;
    if (f.country[t.source] != f.country[t.target]) links.gvc[t.source] = links.gvc[t.target] = 1;
    if (t.type != TieType::subcontracting && t.source != t.target)
      links.cooperative[t.source] = links.cooperative[t.target] = 1;
    if (by_type) {
      const int k = static_cast<int>(t.type);
      ++links.ties_by_type[t.source * kTieTypeCount + k];
      if (t.target != t.source) ++links.ties_by_type[t.target * kTieTypeCount + k];
    }
  }
  for (const InstituteTie& t : st.institute_ties)
    if (t.alive && t.firm < n && f.alive[t.firm]) {
      links.cooperative[t.firm] = 1;
      if (by_type)
        ++links.ties_by_type[t.firm * kTieTypeCount + static_cast<int>(TieType::university)];
    }
}

}  // namespace

FirmLinks firm_links(const State& st, bool by_type) {
  const Firms& f = st.firms;
  const std::size_t n = f.size();
  const SimpleGraph& g = st.network.graph;
  FirmLinks links;
  links.degree.assign(n, 0);
  if (boost::num_vertices(g) == n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!f.alive[i]) continue;
      std::uint32_t d = 0;
      for (auto [it, end] = boost::adjacent_vertices(static_cast<std::uint32_t>(i), g); it != end;
           ++it)
        d += f.alive[*it] != 0;
      links.degree[i] = d;
    }
  }
  tie_links(st, by_type, links);
  return links;
}

namespace {

/// gini() of values already sorted ascending.
double gini_of_sorted(std::span<const double> x) {
  double total = 0, weighted = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    total += x[i];
    weighted += static_cast<double>(i + 1) * x[i];
  }
  if (x.empty() || total <= 0) return 0.0;
  const double n = static_cast<double>(x.size());
  return 2.0 * weighted / (n * total) - (n + 1) / n;
}

}  // namespace

double gini(std::span<const double> values) {
  std::vector<double> x(values.begin(), values.end());
  std::sort(x.begin(), x.end());
  return gini_of_sorted(x);
}

double hhi(std::span<const double> values) {
  double total = 0;
  for (double x : values) total += x;
  if (total <= 0) return 0.0;
  double sum = 0;
  for (double x : values) sum += (x / total) * (x / total);
  return sum;
}

namespace {

/// The firm and tie sums of the Summary, in firm-id and tie-table order.
void firm_and_tie_sums(const State& st, Summary& s) {
  const Firms& f = st.firms;
  FirmLinks links;
  tie_links(st, false, links);  // compute_metrics reads no degrees
  for (const InstituteTie& t : st.institute_ties)
    if (t.alive && t.firm < f.size() && f.alive[t.firm]) {
      s.ties += 1;
      s.ties_by_type[static_cast<int>(TieType::university)] += 1;
    }
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    s.firms += 1;
    s.output += f.output[i];
    s.exports += f.exports[i];
    s.employees += f.employees[i];
    const double a = std::exp(f.log_productivity[i]);
    s.productivity.add(a);
    s.log_productivity.add(f.log_productivity[i]);
    const bool cooperating = links.cooperative[i] != 0;
    (cooperating ? s.productivity_cooperating : s.productivity_isolated).add(a);
    s.cooperating += cooperating;
    s.gvc += links.gvc[i];
    if (f.output[i] > 0 && std::isfinite(f.unit_cost[i])) {
      s.unit_cost.add(f.unit_cost[i]);
      if (f.unit_cost[i] > 0) s.log_unit_cost.add(std::log(f.unit_cost[i]));
      (cooperating ? s.cost_cooperating : s.cost_isolated).add(f.unit_cost[i]);
    }
  }
  for (const Tie& t : st.ties) {
    if (!t.alive) continue;
    s.ties += 1;
    s.ties_by_type[static_cast<int>(t.type)] += 1;
    if (t.type == TieType::joint_venture && t.source < f.size() && t.target < f.size() &&
        st.countries[f.country[t.source]].spec.developed !=
            st.countries[f.country[t.target]].spec.developed)
      s.local_content.add(t.share);
  }
}

/// Gini coefficient of the employees of alive firms.
double size_gini(const Firms& f) {
  std::vector<double> sizes;
  sizes.reserve(f.size());
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i]) sizes.push_back(std::max(0.0, f.employees[i]));
  // Sorted in place rather than through gini(), which copies its input. The sizes are
  // non-negative doubles (max(0, x) turns NaN and -0 into +0), whose bit patterns order as the
  // values do: a radix sort on them gives the very sequence std::sort gives, without its
  // mispredicted compares (std::sort's samples were 1.1% of a default run). Least significant
  // byte first, skipping the bytes every size shares, through one scratch array.
  const auto key = [](double x) { return std::bit_cast<std::uint64_t>(x); };
  const std::size_t n = sizes.size();
  std::array<std::array<std::uint32_t, 256>, 8> counts{};
  for (const double x : sizes)
    for (unsigned d = 0; d < 8; ++d) ++counts[d][(key(x) >> (8 * d)) & 0xff];
  std::vector<double> other;
  for (unsigned d = 0; d < 8 && n > 0; ++d) {
    auto& c = counts[d];
    if (c[(key(sizes[0]) >> (8 * d)) & 0xff] == n) continue;
    std::uint32_t start = 0;
    for (std::uint32_t& x : c) start += std::exchange(x, start);
    other.resize(n);
    for (const double x : sizes) other[c[(key(x) >> (8 * d)) & 0xff]++] = x;
    sizes.swap(other);
  }
  return gini_of_sorted(sizes);
}

}  // namespace

void compute_metrics(const Scenario& sc, const State& st, std::vector<double>& values) {
  const Firms& f = st.firms;
  Summary s;
  s.tally = &st.tally;
  const int every = std::max(1, sc.output.clustering_every);
  const bool with_clustering = st.step % every == 0 || st.step + 1 >= sc.steps;
  // Four independent parts, each writing its own fields of the Summary and each summing in a
  // fixed order, so running them side by side changes no value.
  tbb::parallel_invoke(
      [&] { firm_and_tie_sums(st, s); },
      [&] {
        if (boost::num_vertices(st.network.graph) == f.size()) {
          s.graph = graph_metrics(st.network.graph, f.alive, with_clustering);
        } else {
          s.graph.clustering = s.graph.assortativity = kNaN;
        }
      },
      [&] { s.gini_size = size_gini(f); },
      [&] {
        s.hhi = stage_hhi(sc, st);
        spatial(sc, st, s);
      });
  s.unmet_orders_share = st.tally.orders > 0 ? st.tally.unmet_orders / st.tally.orders : 0.0;

  const auto& rep = reporters();
  values.resize(rep.size());
  for (std::size_t k = 0; k < rep.size(); ++k) values[k] = rep[k].value(s);
}

}  // namespace firmsim
