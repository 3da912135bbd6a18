// The experiment folder and its manifest: plan.json, base.json and partial/<run_id>.json.
#include "experiment/manifest.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "firmsim/metrics.hpp"

namespace firmsim::io::experiment_detail {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// What an experiment writes into its folder; --force removes exactly these.
constexpr const char* kOwnedNames[] = {"partial",     "runs",          "plan.json",
                                       "base.json",   "runs.csv",      "aggregate.csv",
                                       "effects.csv", "morris.csv",    "failures.csv"};

std::string hex(std::uint64_t x) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
  return buf;
}

bool folder_is_empty(const fs::path& dir) {
  std::error_code ec;
  return fs::directory_iterator(dir, ec) == fs::directory_iterator();
}

std::optional<std::string> plan_fingerprint(const fs::path& out) {
  std::ifstream in(out / "plan.json");
  if (!in) return std::nullopt;
  const json doc = json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.contains("fingerprint") || !doc["fingerprint"].is_string())
    return std::nullopt;
  return doc["fingerprint"].get<std::string>();
}

void remove_owned(const fs::path& out) {
  for (const char* name : kOwnedNames) {
    fs::remove_all(out / name);
    fs::remove(out / (std::string(name) + ".tmp"));
  }
}

/// plan.json does not depend on where the results folder is, so that it is the same bytes for
/// every --out: its commands name base.json relative to the folder (run them from inside it).
std::string plan_text(const ExperimentPlan& plan) {
  const Experiment& e = plan.experiment;
  const std::string base_file = "base.json";
  nlohmann::ordered_json doc;
  doc["firmsim_version"] = FIRMSIM_VERSION;
  doc["experiment"] = e.name;
  doc["description"] = e.description;
  doc["kind"] = experiment_kind_name(e.kind);
  doc["seed"] = e.seed;
  doc["steps"] = e.steps;
  doc["replications"] = e.replications;
  doc["common_random_numbers"] = e.common_random_numbers;
  if (e.kind == DesignKind::arms) doc["effects_window"] = e.effects_window;
  doc["fingerprint"] = hex(plan.fingerprint);
  doc["base"] = "base.json";
  doc["base_source"] = e.base_source;
  doc["parameters"] = plan.parameter_columns;
  json metrics = json::array();
  for (const MetricDefinition& m : metric_definitions()) metrics.push_back(m.name);
  doc["metrics"] = metrics;
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  const char* label_key = e.kind == DesignKind::arms ? "arm" : "design_point";
  for (const RunSpec& run : plan.runs) {
    nlohmann::ordered_json r;
    r["run_id"] = run.run_id;
    r[label_key] = plan.points[static_cast<std::size_t>(run.point)].label;
    r["replication"] = run.replication;
    r["seed"] = run.seed;
    nlohmann::ordered_json set = nlohmann::ordered_json::object();
    for (const Override& o : run_overrides(plan, run)) set[o.pointer] = nlohmann::ordered_json(o.value);
    r["set"] = std::move(set);
    r["command"] = run_command(plan, run, base_file);
    runs.push_back(std::move(r));
  }
  doc["runs"] = std::move(runs);
  return doc.dump(1) + "\n";
}

}  // namespace

void write_atomically(const fs::path& file, std::string_view text, bool sync) {
  const fs::path tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw std::runtime_error("cannot write " + tmp.string() + ": " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0)
    throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
  fs::rename(tmp, file);
}

fs::path partial_file(const fs::path& out, int run_id) {
  return out / "partial" / (std::to_string(run_id) + ".json");
}

PreparedFolder prepare_folder(const ExperimentPlan& plan, const ExperimentOptions& opt) {
  PreparedFolder result;
  const fs::path& out = opt.out;
  result.finished.assign(plan.runs.size(), 0);
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
    result.error = out.string() + " exists and is not a folder";
    return result;
  }
  bool resuming = false;
  if (fs::exists(out, ec) && !folder_is_empty(out)) {
    if (opt.force) {
      remove_owned(out);
    } else if (opt.resume) {
      const auto fingerprint = plan_fingerprint(out);
      if (!fingerprint) {
        result.error = out.string() + " is not an experiment folder (it has no readable plan.json)";
        return result;
      }
      if (*fingerprint != hex(plan.fingerprint)) {
        result.error = out.string() + " holds runs of a different experiment (or of another " +
                       "firmsim version): use another --out, or --force to start over";
        return result;
      }
      resuming = true;
    } else {
      result.error = out.string() +
                     " exists and is not empty: use --resume to continue the experiment in it, or "
                     "--force to start over";
      return result;
    }
  }
  fs::create_directories(out / "partial", ec);
  if (ec) {
    result.error = "cannot create " + (out / "partial").string() + ": " + ec.message();
    return result;
  }
  if (resuming) {
    for (const auto& entry : fs::directory_iterator(out / "partial"))
      if (entry.path().extension() == ".tmp") fs::remove(entry.path(), ec);
    for (const RunSpec& run : plan.runs)
      if (fs::exists(partial_file(out, run.run_id)) && load_run(out, plan, run.run_id))
        result.finished[static_cast<std::size_t>(run.run_id)] = 1;
  }
  try {
    write_atomically(out / "base.json", plan.experiment.base.dump(2) + "\n", false);
    write_atomically(out / "plan.json", plan_text(plan), true);
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

bool persist_run(const fs::path& out, const RunOutcome& result) {
  try {
    write_atomically(partial_file(out, result.run_id), result_to_text(result) + "\n", true);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::optional<RunOutcome> load_run(const fs::path& out, const ExperimentPlan& plan, int run_id) {
  std::ifstream in(partial_file(out, run_id), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  auto result = result_from_text(text.str(), metric_definitions().size());
  if (!result || !result->ok || result->run_id != run_id || result->steps != plan.experiment.steps ||
      result->seed != plan.runs[static_cast<std::size_t>(run_id)].seed)
    return std::nullopt;
  result->persisted = true;
  return result;
}

}  // namespace firmsim::io::experiment_detail
