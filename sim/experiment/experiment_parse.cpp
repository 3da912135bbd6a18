// Experiment files: JSON in, a validated Experiment out, with every mistake named by its path.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "experiment/validation.hpp"
#include "firmsim/io/experiment.hpp"

namespace firmsim::io {

using experiment_detail::Checker;
using experiment_detail::child_path;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

constexpr long long kMaxRuns = 100'000'000;
constexpr std::size_t kMaxPointErrors = 20;

std::optional<DesignKind> kind_from_name(const std::string& name) {
  for (DesignKind k : {DesignKind::replications, DesignKind::grid, DesignKind::lhs,
                       DesignKind::morris, DesignKind::arms})
    if (experiment_kind_name(k) == name) return k;
  return std::nullopt;
}

/// Reads the base scenario (default, a file relative to the experiment, or inline) in full form.
std::optional<ojson> read_base(const json& doc, const std::filesystem::path& base_dir, Checker& c,
                              std::string& source) {
  if (!doc.contains("base")) return scenario_to_json(default_scenario());
  const json& base = doc["base"];
  ParseResult parsed;
  std::string prefix;
  if (base.is_string()) {
    source = base.get<std::string>();
    const std::filesystem::path file = base_dir / source;
    parsed = load_scenario_file(file);
    prefix = file.string() + ": ";
  } else if (base.is_object()) {
    parsed = parse_scenario(base);
  } else {
    c.error("/base", std::string("wrong type: expected a scenario file name or a scenario object, got ") +
                         base.type_name());
    return std::nullopt;
  }
  for (const ScenarioError& e : parsed.errors) {
    if (base.is_object())
      c.error("/base" + e.path, e.message);
    else
      c.error("/base", prefix + (e.path.empty() ? "" : e.path + ": ") + e.message);
  }
  if (!parsed.ok()) return std::nullopt;
  return scenario_to_json(*parsed.scenario);
}

void read_grid_parameter(const json& p, const std::string& path, const ojson& base, Checker& c,
                         DesignParameter& out) {
  c.known_keys(p, path, {"path", "values"});
  if (!p.contains("values")) {
    c.error(path + "/values", "missing (required)");
    return;
  }
  const json& values = p["values"];
  if (!values.is_array() || values.empty()) {
    c.error(path + "/values", "must be a non-empty array of values");
    return;
  }
  for (std::size_t j = 0; j < values.size(); ++j) {
    c.scenario_with(base, path + "/values/" + std::to_string(j), {{out.pointer, values[j]}});
    out.values.push_back(values[j]);
  }
}

void read_range_parameter(const json& p, const std::string& path, const ojson& base, Checker& c,
                          DesignParameter& out) {
  c.known_keys(p, path, {"path", "min", "max"});
  const ojson& target = base[ojson::json_pointer(out.pointer)];
  if (!target.is_number()) {
    c.error(path + "/path", out.pointer + " is a " + target.type_name() +
                                ", but a sampled parameter must be a number");
    return;
  }
  out.integer = target.is_number_integer();
  const auto lo = c.number(p, path, "min"), hi = c.number(p, path, "max");
  if (!lo || !hi) return;
  if (!(*lo < *hi)) {
    c.error(path, "min (" + experiment_detail::number_text(*lo) + ") must be below max (" + experiment_detail::number_text(*hi) + ")");
    return;
  }
  if (out.integer && (std::floor(*lo) != *lo || std::floor(*hi) != *hi)) {
    c.error(path, out.pointer + " holds an integer, so min and max must be integers");
    return;
  }
  out.min = *lo;
  out.max = *hi;
  const auto as_value = [&](double x) {
    return out.integer ? json(static_cast<long long>(x)) : json(x);
  };
  c.scenario_with(base, path + "/min", {{out.pointer, as_value(*lo)}});
  c.scenario_with(base, path + "/max", {{out.pointer, as_value(*hi)}});
}

void read_parameters(const json& design, const ojson& base, Checker& c, Experiment& e) {
  if (!design.contains("parameters")) {
    c.error("/design/parameters", "missing (required)");
    return;
  }
  const json& params = design["parameters"];
  if (!params.is_array() || params.empty()) {
    c.error("/design/parameters", "must be a non-empty array of parameters");
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string path = "/design/parameters/" + std::to_string(i);
    const json& p = params[i];
    if (!p.is_object()) {
      c.error(path, std::string("wrong type: expected an object, got ") + p.type_name());
      continue;
    }
    DesignParameter out;
    const auto pointer = c.string(p, path, "path", std::nullopt);
    if (!pointer || !c.pointer(base, path + "/path", *pointer)) continue;
    if (!seen.insert(*pointer).second) {
      c.error(path + "/path", *pointer + " appears twice in the design");
      continue;
    }
    out.pointer = *pointer;
    const std::size_t before = c.count();
    if (e.kind == DesignKind::grid)
      read_grid_parameter(p, path, base, c, out);
    else
      read_range_parameter(p, path, base, c, out);
    if (c.count() == before) e.parameters.push_back(std::move(out));
  }
}

void read_arms(const json& design, const ojson& base, Checker& c, Experiment& e) {
  if (!design.contains("arms") || !design["arms"].is_array() || design["arms"].empty()) {
    c.error("/design/arms", "must be a non-empty array of arms, the first being the baseline");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < design["arms"].size(); ++i) {
    const std::string path = "/design/arms/" + std::to_string(i);
    const json& a = design["arms"][i];
    if (!a.is_object()) {
      c.error(path, std::string("wrong type: expected an object, got ") + a.type_name());
      continue;
    }
    c.known_keys(a, path, {"name", "description", "set"});
    Arm arm;
    const auto name = c.string(a, path, "name", std::nullopt);
    c.string(a, path, "description", std::string());
    if (name && name->empty()) c.error(path + "/name", "must not be empty");
    if (name && !name->empty() && !names.insert(*name).second)
      c.error(path + "/name", "arm \"" + *name + "\" appears twice");
    if (name) arm.name = *name;
    const json set = a.value("set", json::object());
    if (!set.is_object()) {
      c.error(path + "/set", "must be an object mapping JSON pointers to values");
      continue;
    }
    // Each change on its own names its own path; then all of them together must still fit.
    std::vector<std::pair<std::string, json>> overrides;
    bool each_ok = true;
    for (const auto& [pointer, value] : set.items()) {
      const std::string where = child_path(path + "/set", pointer);
      if (!c.pointer(base, where, pointer) || !c.scenario_with(base, where, {{pointer, value}})) {
        each_ok = false;
        continue;
      }
      overrides.emplace_back(pointer, value);
      arm.overrides.push_back({pointer, value});
    }
    if (each_ok) c.scenario_with(base, path + "/set", overrides);
    e.arms.push_back(std::move(arm));
  }
}

/// effects.csv's summary window: `design.effects.window` steps, by default one year of the base
/// scenario; never more than the run's steps.
void read_effects_window(const json& design, Checker& c, Experiment& e) {
  const int year = e.base.value("steps_per_year", 1);
  e.effects_window = std::clamp(year, 1, std::max(e.steps, 1));
  if (!design.contains("effects")) return;
  const json& effects = design["effects"];
  if (!effects.is_object()) {
    c.error("/design/effects",
            std::string("wrong type: expected an object such as {\"window\": 4}, got ") +
                effects.type_name());
    return;
  }
  c.known_keys(effects, "/design/effects", {"window"});
  const auto window = c.integer(effects, "/design/effects", "window", 1, 10'000'000, std::nullopt);
  if (!window) return;
  if (*window > e.steps) {
    c.error("/design/effects/window", "is " + std::to_string(*window) +
                                          " steps, but the runs have only " +
                                          std::to_string(e.steps));
    return;
  }
  e.effects_window = static_cast<int>(*window);
}

void read_design(const json& doc, const ojson& base, Checker& c, Experiment& e) {
  const json design = doc.value("design", json{{"kind", "replications"}});
  if (!design.is_object()) {
    c.error("/design", std::string("wrong type: expected an object, got ") + design.type_name());
    return;
  }
  const auto kind_name = c.string(design, "/design", "kind", std::nullopt);
  if (!kind_name) return;
  const auto kind = kind_from_name(*kind_name);
  if (!kind) {
    std::string message = "unknown design kind \"" + *kind_name +
                          "\": expected replications, grid, lhs, morris or arms";
    const std::string guess = experiment_detail::closest(
        *kind_name, {"replications", "grid", "lhs", "morris", "arms"});
    if (!guess.empty()) message += " (did you mean \"" + guess + "\"?)";
    c.error("/design/kind", message);
    return;
  }
  e.kind = *kind;
  switch (e.kind) {
    case DesignKind::replications:
      c.known_keys(design, "/design", {"kind", "replications"});
      break;
    case DesignKind::grid:
      c.known_keys(design, "/design",
                   {"kind", "replications", "common_random_numbers", "parameters"});
      break;
    case DesignKind::lhs:
      c.known_keys(design, "/design",
                   {"kind", "replications", "common_random_numbers", "parameters", "samples"});
      break;
    case DesignKind::morris:
      c.known_keys(design, "/design",
                   {"kind", "replications", "common_random_numbers", "parameters",
                    "trajectories", "levels"});
      break;
    case DesignKind::arms:
      c.known_keys(design, "/design", {"kind", "replications", "arms", "effects"});
      break;
  }
  e.replications = static_cast<int>(c.integer(design, "/design", "replications", 1, 1'000'000, 1).value_or(1));
  if (design.contains("common_random_numbers")) {
    if (design["common_random_numbers"].is_boolean())
      e.common_random_numbers = design["common_random_numbers"].get<bool>();
    else
      c.error("/design/common_random_numbers", "wrong type: expected true or false");
  }
  if (e.kind == DesignKind::lhs)
    e.samples = static_cast<int>(c.integer(design, "/design", "samples", 1, 10'000'000, std::nullopt).value_or(0));
  if (e.kind == DesignKind::morris) {
    e.trajectories = static_cast<int>(
        c.integer(design, "/design", "trajectories", 1, 1'000'000, std::nullopt).value_or(0));
    const auto levels = c.integer(design, "/design", "levels", 2, 1000, 4);
    if (levels && *levels % 2 != 0)
      c.error("/design/levels", "must be even, so that every step of a trajectory stays on the grid");
    else
      e.levels = static_cast<int>(levels.value_or(0));
  }
  if (e.kind == DesignKind::grid || e.kind == DesignKind::lhs || e.kind == DesignKind::morris)
    read_parameters(design, base, c, e);
  if (e.kind == DesignKind::arms) {
    read_arms(design, base, c, e);
    read_effects_window(design, c, e);
  }
}

/// Every design point's scenario must validate, not only each value on its own.
void check_points(const Experiment& e, Checker& c) {
  const ExperimentPlan plan = make_plan(e);
  if (static_cast<long long>(plan.runs.size()) > kMaxRuns) {
    c.error("/design", "expands into " + std::to_string(plan.runs.size()) +
                           " runs; at most " + std::to_string(kMaxRuns) + " are allowed");
    return;
  }
  std::size_t reported = 0, failed = 0;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::vector<std::pair<std::string, json>> overrides;
    for (const Override& o : plan.points[p].overrides) overrides.emplace_back(o.pointer, o.value);
    Checker point;
    if (point.scenario_with(e.base, "/design", overrides)) continue;
    ++failed;
    if (reported++ >= kMaxPointErrors) continue;
    for (const ScenarioError& err : point.errors())
      c.error(err.path, "design point " + plan.points[p].label + " " + err.message);
  }
  if (failed > kMaxPointErrors)
    c.error("/design", std::to_string(failed - kMaxPointErrors) +
                           " more design points make the scenario invalid");
}

}  // namespace

std::string_view experiment_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::replications: return "replications";
    case DesignKind::grid: return "grid";
    case DesignKind::lhs: return "lhs";
    case DesignKind::morris: return "morris";
    case DesignKind::arms: return "arms";
  }
  return "replications";
}

ExperimentParse parse_experiment(const json& doc, const std::filesystem::path& base_dir) {
  Checker c;
  ExperimentParse result;
  if (!doc.is_object()) {
    c.error("", std::string("an experiment must be a JSON object, got ") + doc.type_name());
    result.errors = c.take();
    return result;
  }
  c.known_keys(doc, "", {"$schema", "name", "description", "base", "seed", "steps", "design"});
  Experiment e;
  e.name = c.string(doc, "", "name", std::string("experiment")).value_or("");
  e.description = c.string(doc, "", "description", std::string()).value_or("");
  if (doc.contains("seed") && !(doc["seed"].is_number_unsigned() ||
                                (doc["seed"].is_number_integer() && doc["seed"].get<long long>() >= 0)))
    c.error("/seed", "wrong type: expected a non-negative integer");
  else if (doc.contains("seed"))
    e.seed = doc["seed"].get<std::uint64_t>();
  const auto steps = c.integer(doc, "", "steps", 1, 10'000'000, 0);
  const auto base = read_base(doc, base_dir, c, e.base_source);
  if (base) {
    e.base = *base;
    e.steps = steps && *steps > 0 ? static_cast<int>(*steps) : e.base.value("steps", 0);
    if (steps && *steps == 0 && e.steps < 1)
      c.error("/steps", "the base scenario runs no steps: give the experiment a \"steps\" of 1 or more");
    read_design(doc, e.base, c, e);
  }
  if (c.count() == 0) check_points(e, c);
  result.errors = c.take();
  if (result.errors.empty()) result.experiment = std::move(e);
  return result;
}

ExperimentParse load_experiment_file(const std::filesystem::path& file) {
  ExperimentParse result;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    result.errors.push_back({"", "cannot read experiment file " + file.string()});
    return result;
  }
  std::stringstream text;
  text << in.rdbuf();
  json doc;
  try {
    doc = json::parse(text.str());
  } catch (const json::parse_error& err) {
    result.errors.push_back({"", file.string() + " is not JSON: " + err.what()});
    return result;
  }
  if (doc.is_object() && !doc.contains("name")) doc["name"] = file.stem().string();
  return parse_experiment(doc, file.parent_path());
}

}  // namespace firmsim::io
