// Text form of a run's result: the partial files of the manifest and the MPI messages.
#include "experiment/run_result.hpp"

#include <cmath>

namespace firmsim::io::experiment_detail {

using nlohmann::json;

namespace {

json number_to_json(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  return x;
}

std::optional<double> number_from_json(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v == "NaN") return std::nan("");
  if (v == "Inf") return HUGE_VAL;
  if (v == "-Inf") return -HUGE_VAL;
  return std::nullopt;
}

}  // namespace

std::string result_to_text(const RunOutcome& r) {
  json doc;
  doc["run_id"] = r.run_id;
  doc["seed"] = r.seed;
  doc["ok"] = r.ok;
  doc["error"] = r.error;
  doc["steps"] = r.steps;
  const std::size_t metrics = r.steps > 0 ? r.series.size() / static_cast<std::size_t>(r.steps) : 0;
  json rows = json::array();
  for (int s = 0; s < r.steps; ++s) {
    json row = json::array();
    for (double x : r.row(s, metrics)) row.push_back(number_to_json(x));
    rows.push_back(std::move(row));
  }
  doc["final"] = rows.empty() ? json::array() : rows.back();
  doc["series"] = std::move(rows);
  return doc.dump();
}

std::optional<RunOutcome> result_from_text(std::string_view text, std::size_t metrics) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  RunOutcome r;
  try {
    r.run_id = doc.at("run_id").get<int>();
    r.seed = doc.at("seed").get<std::uint64_t>();
    r.ok = doc.at("ok").get<bool>();
    r.error = doc.at("error").get<std::string>();
    r.steps = doc.at("steps").get<int>();
    const json& rows = doc.at("series");
    if (!rows.is_array() || rows.size() != static_cast<std::size_t>(r.steps)) return std::nullopt;
    r.series.reserve(static_cast<std::size_t>(r.steps) * metrics);
    for (const json& row : rows) {
      if (!row.is_array() || row.size() != metrics) return std::nullopt;
      for (const json& v : row) {
        const auto x = number_from_json(v);
        if (!x) return std::nullopt;
        r.series.push_back(*x);
      }
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return r;
}

}  // namespace firmsim::io::experiment_detail
