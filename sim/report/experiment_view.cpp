#include "report/experiment_view.hpp"

#include <cmath>
#include <fstream>
#include <map>

#include "report/csv_reader.hpp"
#include "report/run_view.hpp"

namespace firmsim::report {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kRunRows = 500;

// The first of `names` that is a column of `csv`, or -1.
int first_column(const CsvReader& csv, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (const int c = csv.column(n); c >= 0) return c;
  return -1;
}

struct Series {
  Json step = Json::array(), mean = Json::array(), lo = Json::array(), hi = Json::array(),
       sd = Json::array(), n = Json::array();
};

// One row of aggregate.csv or its wide form: (group, metric) -> values at one step.
void add_point(Series& s, double step, double mean, double lo, double hi, double sd, double n) {
  s.step.push_back(number(step));
  s.mean.push_back(number(mean));
  s.lo.push_back(number(lo));
  s.hi.push_back(number(hi));
  s.sd.push_back(number(sd));
  s.n.push_back(number(n));
}

Json read_aggregate(const fs::path& file) {
  CsvReader csv(file);
  const int c_group = first_column(csv, {"arm", "point", "design_point", "label", "group"});
  const int c_step = csv.column("step"), c_metric = csv.column("metric");
  StringTable groups, metrics;
  std::map<std::pair<int, int>, Series> series;
  std::vector<std::string> f;
  auto at = [&f](int c) -> std::string_view {
    return c >= 0 && static_cast<std::size_t>(c) < f.size() ? std::string_view(f[c]) : "";
  };
  auto num = [&](int c) { return parse_number(at(c)); };
  // Arms: the paired difference from the baseline at each step (the effect curves).
  std::map<std::pair<int, int>, Series> differences;
  if (c_metric >= 0) {
    const int c_mean = first_column(csv, {"mean"}), c_sd = first_column(csv, {"sd", "std"}),
              c_lo = first_column(csv, {"ci95_low", "ci_low", "lo", "lower"}),
              c_hi = first_column(csv, {"ci95_high", "ci_high", "hi", "upper"}),
              c_n = first_column(csv, {"n", "count"}), c_diff = csv.column("difference"),
              c_diff_lo = csv.column("difference_ci95_low"),
              c_diff_hi = csv.column("difference_ci95_high"), c_pairs = csv.column("n_pairs");
    while (csv.next(f)) {
      const int g = groups.index(c_group >= 0 ? at(c_group) : "all");
      const int m = metrics.index(at(c_metric));
      add_point(series[{g, m}], num(c_step), num(c_mean), num(c_lo), num(c_hi), num(c_sd),
                num(c_n));
      if (c_diff >= 0 && !std::isnan(num(c_diff)))
        add_point(differences[{g, m}], num(c_step), num(c_diff), num(c_diff_lo), num(c_diff_hi),
                  std::nan(""), num(c_pairs));
    }
  } else {
    // Wide form: <metric>_mean, <metric>_sd, <metric>_ci95_low, <metric>_ci95_high, <metric>_n.
    struct Cols {
      int mean = -1, sd = -1, lo = -1, hi = -1, n = -1;
    };
    std::vector<std::pair<int, Cols>> cols;
    const auto& header = csv.header();
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string& h = header[c];
      if (!h.ends_with("_mean")) continue;
      const std::string name = h.substr(0, h.size() - 5);
      Cols k;
      k.mean = static_cast<int>(c);
      k.sd = csv.column(name + "_sd");
      k.lo = csv.column(name + "_ci95_low");
      k.hi = csv.column(name + "_ci95_high");
      k.n = csv.column(name + "_n");
      cols.emplace_back(metrics.index(name), k);
    }
    while (csv.next(f)) {
      const int g = groups.index(c_group >= 0 ? at(c_group) : "all");
      for (const auto& [m, k] : cols)
        add_point(series[{g, m}], num(c_step), num(k.mean), num(k.lo), num(k.hi), num(k.sd),
                  num(k.n));
    }
  }
  Json out;
  out["groups"] = groups.strings();
  out["metrics"] = metrics.strings();
  out["series"] = Json::array();
  for (auto& [key, s] : series)
    out["series"].push_back({{"group", key.first}, {"metric", key.second}, {"step", s.step},
                             {"mean", s.mean}, {"lo", s.lo}, {"hi", s.hi}, {"sd", s.sd},
                             {"n", s.n}});
  out["differences"] = Json::array();
  for (auto& [key, s] : differences)
    out["differences"].push_back({{"group", key.first}, {"metric", key.second},
                                  {"step", s.step}, {"diff", s.mean}, {"lo", s.lo},
                                  {"hi", s.hi}, {"n", s.n}});
  return out;
}

Json read_effects(const fs::path& file) {
  CsvReader csv(file);
  const int c_arm = first_column(csv, {"arm", "point", "label", "group"}),
            c_metric = csv.column("metric"),
            c_diff = first_column(csv, {"mean_difference", "mean_diff", "difference", "diff",
                                        "effect", "estimate", "mean"}),
            c_lo = first_column(csv, {"ci95_low", "ci_low", "lo", "lower"}),
            c_hi = first_column(csv, {"ci95_high", "ci_high", "hi", "upper"}),
            c_n = first_column(csv, {"n_pairs", "pairs", "n"}),
            c_base = first_column(csv, {"baseline_mean", "baseline"}),
            c_arm_mean = csv.column("arm_mean"),
            c_spend = first_column(csv, {"spend", "policy_spend", "cost"}),
            c_per = first_column(csv, {"effect_per_spend", "effect_per_unit_spend", "per_spend",
                                       "effect_per_unit", "cost_effectiveness"});
  Json rows = Json::array();
  std::vector<std::string> f;
  auto at = [&f](int c) -> std::string_view {
    return c >= 0 && static_cast<std::size_t>(c) < f.size() ? std::string_view(f[c]) : "";
  };
  while (csv.next(f))
    rows.push_back({{"arm", at(c_arm)}, {"metric", at(c_metric)},
                    {"baseline", number(parse_number(at(c_base)))},
                    {"arm_mean", number(parse_number(at(c_arm_mean)))},
                    {"diff", number(parse_number(at(c_diff)))},
                    {"lo", number(parse_number(at(c_lo)))},
                    {"hi", number(parse_number(at(c_hi)))},
                    {"n", number(parse_number(at(c_n)))},
                    {"spend", number(parse_number(at(c_spend)))},
                    {"per_spend", number(parse_number(at(c_per)))}});
  return rows;
}

Json read_runs(const fs::path& file) {
  CsvReader csv(file);
  Json rows = Json::array();
  std::vector<std::string> f;
  std::size_t total = 0;
  while (csv.next(f)) {
    if (total++ >= kRunRows) continue;
    Json row = Json::array();
    for (const std::string& v : f) {
      const double x = parse_number(v);
      row.push_back(std::isnan(x) && v != "NA" ? Json(v) : number(x));
    }
    rows.push_back(std::move(row));
  }
  return {{"columns", csv.header()}, {"rows", std::move(rows)}, {"total", total}};
}

}  // namespace

bool is_experiment_folder(const fs::path& dir) {
  return fs::exists(dir / "runs.csv") || fs::exists(dir / "aggregate.csv") ||
         fs::exists(dir / "effects.csv");
}

Json load_experiment_view(const fs::path& dir) {
  Json view;
  view["format"] = kViewFormat;
  view["kind"] = "experiment";
  view["title"] = fs::absolute(dir).lexically_normal().filename().string();
  view["meta"] = {{"folder", fs::absolute(dir).lexically_normal().string()}};
  if (std::ifstream in(dir / "plan.json"); in) {
    const Json plan = Json::parse(in, nullptr, false);
    if (plan.is_object()) {
      for (const char* key : {"experiment", "description", "kind", "seed", "steps", "replications",
                              "effects_window"})
        if (plan.contains(key)) view["meta"][key] = plan[key];
      if (plan.contains("runs") && plan["runs"].is_array())
        view["meta"]["runs"] = plan["runs"].size();
    }
  }
  view["metric_info"] = metric_info_json();
  view["aggregate"] =
      fs::exists(dir / "aggregate.csv") ? read_aggregate(dir / "aggregate.csv") : Json(nullptr);
  view["effects"] =
      fs::exists(dir / "effects.csv") ? read_effects(dir / "effects.csv") : Json(nullptr);
  view["runs"] = fs::exists(dir / "runs.csv") ? read_runs(dir / "runs.csv") : Json(nullptr);
  return view;
}

}  // namespace firmsim::report
