// One run of a plan on its own: its scenario, and the `firmsim run` command that reproduces it.
#include <stdexcept>

#include "firmsim/io/experiment.hpp"

namespace firmsim::io {

using nlohmann::json;

namespace {

std::string shell_quote(std::string_view text) {
  const bool plain = !text.empty() && text.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_/.=:,+-@%") == std::string_view::npos;
  if (plain) return std::string(text);
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

}  // namespace

Override parse_set_option(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (text.empty() || text[0] != '/' || eq == std::string_view::npos)
    throw std::invalid_argument("--set expects /json/pointer=VALUE, got \"" + std::string(text) +
                                "\"");
  Override o{std::string(text.substr(0, eq)), json()};
  const std::string value(text.substr(eq + 1));
  try {
    nlohmann::json::json_pointer check(o.pointer);
  } catch (const json::exception&) {
    throw std::invalid_argument("--set: \"" + o.pointer + "\" is not a valid JSON pointer");
  }
  o.value = json::accept(value) ? json::parse(value) : json(value);
  return o;
}

namespace {

template <class Json>
void apply_to(Json& doc, std::span<const Override> overrides) {
  for (const Override& o : overrides) {
    typename Json::json_pointer ptr;
    try {
      ptr = typename Json::json_pointer(o.pointer);
    } catch (const nlohmann::json::exception&) {
      throw std::invalid_argument("\"" + o.pointer + "\" is not a valid JSON pointer");
    }
    if (!doc.contains(ptr))
      throw std::invalid_argument(o.pointer + " does not exist in the scenario");
    doc[ptr] = Json(o.value);
  }
}

}  // namespace

void apply_overrides(nlohmann::json& doc, std::span<const Override> overrides) {
  apply_to(doc, overrides);
}

void apply_overrides(nlohmann::ordered_json& doc, std::span<const Override> overrides) {
  apply_to(doc, overrides);
}

const std::vector<Override>& run_overrides(const ExperimentPlan& plan, const RunSpec& run) {
  return plan.points.at(static_cast<std::size_t>(run.point)).overrides;
}

Scenario run_scenario(const ExperimentPlan& plan, const RunSpec& run) {
  nlohmann::ordered_json doc = plan.experiment.base;
  apply_overrides(doc, run_overrides(plan, run));
  doc["seed"] = run.seed;
  doc["steps"] = plan.experiment.steps;
  ParseResult parsed = parse_scenario(doc);
  if (!parsed.ok()) throw std::runtime_error("invalid scenario: " + format_errors(parsed.errors));
  return std::move(*parsed.scenario);
}

std::string run_command(const ExperimentPlan& plan, const RunSpec& run, std::string_view base_file) {
  std::string cmd = "firmsim run " + shell_quote(base_file) + " --seed " +
                    std::to_string(run.seed) + " --steps " +
                    std::to_string(plan.experiment.steps);
  for (const Override& o : run_overrides(plan, run))
    cmd += " --set " + shell_quote(o.pointer + "=" + o.value.dump());
  return cmd;
}

}  // namespace firmsim::io
