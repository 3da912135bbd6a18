#include "report/run_view.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "firmsim/metrics.hpp"
#include "report/csv_reader.hpp"
#include "report/frame_builder.hpp"
#include "report/graphml_reader.hpp"
#include "report/tie_events.hpp"

namespace firmsim::report {

namespace fs = std::filesystem;

namespace {

struct FrameSource {
  int step = 0;
  fs::path firms;
  fs::path ties_csv;  ///< ties.csv (final state) or empty
  fs::path graphml;   ///< network_<step>.graphml, or empty
};

std::optional<int> step_of(const std::string& name, std::string_view prefix,
                           std::string_view suffix) {
  if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) ||
      !name.ends_with(suffix))
    return std::nullopt;
  const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return std::nullopt;
  return std::stoi(digits);
}

std::vector<FrameSource> find_frames(const fs::path& dir, int final_step) {
  std::vector<FrameSource> frames;
  const fs::path snaps = dir / "snapshots";
  if (fs::is_directory(snaps)) {
    for (const auto& entry : fs::directory_iterator(snaps)) {
      const auto step = step_of(entry.path().filename().string(), "firms_", ".csv");
      if (!step || *step == final_step) continue;
      FrameSource f{*step, entry.path(), {}, {}};
      const fs::path net = snaps / ("network_" + std::to_string(*step) + ".graphml");
      if (fs::exists(net)) f.graphml = net;
      frames.push_back(f);
    }
  }
  if (fs::exists(dir / "firms.csv")) {
    FrameSource f{final_step, dir / "firms.csv", {}, {}};
    if (fs::exists(dir / "ties.csv")) f.ties_csv = dir / "ties.csv";
    else if (fs::exists(dir / "network.graphml")) f.graphml = dir / "network.graphml";
    frames.push_back(f);
  }
  std::sort(frames.begin(), frames.end(),
            [](const FrameSource& a, const FrameSource& b) { return a.step < b.step; });
  return frames;
}

Json read_json(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  try {
    return Json::parse(in);
  } catch (const Json::exception& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

// {step: [...], columns: {name: [...]}} from timeseries.csv.
Json read_timeseries(const fs::path& file) {
  CsvReader csv(file);
  const auto& header = csv.header();
  std::vector<Json> cols(header.size(), Json::array());
  std::vector<std::string> f;
  while (csv.next(f))
    for (std::size_t c = 0; c < header.size(); ++c)
      cols[c].push_back(number(c < f.size() ? parse_number(f[c]) : std::nan(""), 6));
  Json out;
  out["step"] = Json::array();
  out["columns"] = Json::object();
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == "step") out["step"] = std::move(cols[c]);
    else out["columns"][header[c]] = std::move(cols[c]);
  }
  return out;
}

std::size_t count_alive(const fs::path& file) {
  CsvReader csv(file);
  const int alive = csv.column("alive");
  std::size_t n = 0;
  std::vector<std::string> f;
  while (csv.next(f)) n += alive < 0 || (static_cast<std::size_t>(alive) < f.size() && f[alive] == "1");
  return n;
}

bool is_categorical(const std::string& name) {
  return name == "id" || name == "country" || name == "region" || name == "size_class" ||
         name == "alive";
}

Json read_frame(const FrameSource& src, const FirmSample& sample, ViewTables& tables,
                const TieEvents* events) {
  CsvReader csv(src.firms);
  const auto& header = csv.header();
  const int c_id = csv.column("id"), c_country = csv.column("country"),
            c_region = csv.column("region"), c_size = csv.column("size_class"),
            c_alive = csv.column("alive");
  if (c_id < 0) throw std::runtime_error(src.firms.string() + ": no id column");
  std::vector<std::string> value_names;
  std::vector<int> value_cols;
  for (std::size_t c = 0; c < header.size(); ++c)
    if (!is_categorical(header[c])) {
      value_names.push_back(header[c]);
      value_cols.push_back(static_cast<int>(c));
    }
  FrameBuilder frame(src.step, sample, tables, value_names);
  std::vector<std::string> f;
  std::vector<double> values(value_cols.size());
  auto at = [&f](int c) -> std::string_view {
    return c >= 0 && static_cast<std::size_t>(c) < f.size() ? std::string_view(f[c]) : "";
  };
  while (csv.next(f)) {
    if (c_alive >= 0 && at(c_alive) != "1") continue;
    const double id = parse_number(at(c_id));
    if (!std::isfinite(id) || id < 0) continue;
    const int region = c_region >= 0 ? tables.region(at(c_region), at(c_country)) : -1;
    const int size = c_size >= 0 ? tables.size_classes.index(at(c_size)) : -1;
    for (std::size_t v = 0; v < value_cols.size(); ++v) values[v] = parse_number(at(value_cols[v]));
    frame.add_firm(static_cast<std::uint64_t>(id), region, size, values);
  }
  auto add_tie = [&](std::string_view s, std::string_view t, std::string_view type,
                     std::string_view trust, std::string_view start) {
    const double source = parse_number(s), target = parse_number(t);
    if (!std::isfinite(source) || !std::isfinite(target)) return;
    const auto a = static_cast<std::uint64_t>(source), b = static_cast<std::uint64_t>(target);
    const int type_index = tables.tie_types.index(type);
    const int reason = events && frame.drawn(a) && frame.drawn(b)
                           ? events->reason_at(a, b, type_index, src.step)
                           : -1;
    frame.add_tie(a, b, type_index, parse_number(trust), parse_number(start), reason);
  };
  if (!src.ties_csv.empty()) {
    CsvReader ties(src.ties_csv);
    const int s = ties.column("source"), t = ties.column("target"), ty = ties.column("type"),
              tr = ties.column("trust"), st = ties.column("start_step");
    while (ties.next(f)) add_tie(at(s), at(t), at(ty), at(tr), at(st));
  } else if (!src.graphml.empty()) {
    read_graphml(src.graphml, {nullptr, [&](const GraphmlElement& e) {
                                 auto get = [&e](std::string_view k) -> std::string_view {
                                   const std::string* v = e.find(k);
                                   return v ? std::string_view(*v) : "";
                                 };
                                 add_tie(e.source, e.target, get("type"), get("trust"),
                                         get("start_step"));
                               }});
  }
  return frame.finish();
}

int final_step_of(const Json& summary, const Json& metrics) {
  if (summary.contains("steps") && summary["steps"].is_number_integer())
    return std::max(0, summary["steps"].get<int>() - 1);
  const Json& steps = metrics["step"];
  if (!steps.empty() && steps.back().is_number()) return steps.back().get<int>();
  return 0;
}

}  // namespace

bool is_run_folder(const fs::path& dir) {
  return fs::exists(dir / "summary.json") || fs::exists(dir / "timeseries.csv") ||
         fs::exists(dir / "firms.csv");
}

Json metric_info_json() {
  Json info = Json::object();
  for (const MetricDefinition& m : metric_definitions())
    info[m.name] = {{"unit", m.unit}, {"meaning", m.meaning}};
  return info;
}

Json load_run_view(const fs::path& dir, const ViewOptions& options) {
  const Json summary = fs::exists(dir / "summary.json") ? read_json(dir / "summary.json") : Json{};
  Json metrics = fs::exists(dir / "timeseries.csv") ? read_timeseries(dir / "timeseries.csv")
                                                    : Json{{"step", Json::array()},
                                                           {"columns", Json::object()}};
  ViewTables tables;
  Json view;
  view["format"] = kViewFormat;
  view["kind"] = "run";
  const Json scenario = summary.value("scenario", Json::object());
  view["title"] = summary.value("scenario_name", scenario.value("name", dir.filename().string()));
  Json meta = Json::object();
  for (const char* key : {"version", "seed", "steps", "threads", "wall_s", "firms",
                          "firms_alive", "ties_alive"})
    if (summary.contains(key)) meta[key] = summary[key];
  meta["folder"] = fs::absolute(dir).lexically_normal().string();
  if (scenario.contains("description")) meta["description"] = scenario["description"];
  view["meta"] = std::move(meta);

  const Json world = scenario.value("world", Json::object());
  Json positions = Json::array();
  for (const Json& r : world.value("regions", Json::array())) {
    tables.region(r.value("name", ""), r.value("country", ""));
    positions.push_back({r.value("x_km", 0.0), r.value("y_km", 0.0)});
  }

  const std::vector<FrameSource> sources = find_frames(dir, final_step_of(summary, metrics));
  std::size_t population = 0;
  for (const FrameSource& src : sources) population = std::max(population, count_alive(src.firms));
  const FirmSample sample(population, options.max_drawn_firms);
  std::optional<TieEvents> events;
  if (fs::exists(dir / "events.csv"))
    events.emplace(dir / "events.csv", [&sample](std::uint64_t id) { return sample.keeps(id); },
                   options.max_events, tables);
  Json frames = Json::array();
  std::size_t drawn = 0;
  for (const FrameSource& src : sources) {
    frames.push_back(read_frame(src, sample, tables, events ? &*events : nullptr));
    drawn = std::max(drawn, frames.back()["firms"]["id"].size());
  }
  view["sample_note"] = sample.note(drawn, population);

  Json regions = Json::array();
  for (std::size_t i = 0; i < tables.regions.size(); ++i) {
    Json r = {{"name", tables.regions.strings()[i]}, {"country", tables.region_country[i]}};
    r["x_km"] = i < positions.size() ? positions[i][0] : Json(nullptr);
    r["y_km"] = i < positions.size() ? positions[i][1] : Json(nullptr);
    regions.push_back(std::move(r));
  }
  Json countries = Json::array();
  for (const Json& c : world.value("countries", Json::array())) countries.push_back(c.value("name", ""));
  view["regions"] = std::move(regions);
  view["countries"] = std::move(countries);
  view["stages"] = world.value("stages", 0);
  view["size_classes"] = tables.size_classes.strings();
  view["tie_types"] = tie_types_json(tables.tie_types);
  view["reasons"] = tables.reasons.strings();
  view["metrics"] = std::move(metrics);
  view["metric_info"] = metric_info_json();
  view["frames"] = std::move(frames);
  view["events"] = events ? events->to_json() : Json(nullptr);
  return view;
}

}  // namespace firmsim::report
