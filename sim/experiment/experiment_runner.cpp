// `firmsim experiment`: validate, prepare the folder, spread the runs, collect, write the tables.
#include <cstdio>
#include <exception>
#include <memory>

#include <spdlog/logger.h>

#include "experiment/distribution.hpp"
#include "experiment/manifest.hpp"
#include "firmsim/io/run.hpp"

namespace firmsim::io {

using namespace experiment_detail;

namespace {

constexpr int kOk = 0, kRunFailed = 1, kBadInput = 2;

void report_errors(spdlog::logger& log, const std::filesystem::path& file,
                   const std::vector<ScenarioError>& errors) {
  for (const ScenarioError& e : errors) {
    if (e.path.empty())
      log.error("{}: {}", file.string(), e.message);
    else
      log.error("{}: {}: {}", file.string(), e.path, e.message);
  }
}

std::string describe_plan(const ExperimentPlan& plan, const ProcessGroup& group,
                          const ExperimentOptions& options) {
  const Experiment& e = plan.experiment;
  const std::string threads = options.threads == 1  ? "1 run at once"
                              : options.threads > 1 ? std::to_string(options.threads) + " runs at once"
                                                    : "one run per core";
  char text[512];
  std::snprintf(text, sizeof text,
                "experiment '%s' (%s): %zu runs = %zu design point%s x %d replication%s of %d "
                "steps; %d process%s x %s; results in %s",
                e.name.c_str(), std::string(experiment_kind_name(e.kind)).c_str(),
                plan.runs.size(), plan.points.size(), plan.points.size() == 1 ? "" : "s",
                e.replications, e.replications == 1 ? "" : "s", e.steps, group.size(),
                group.size() == 1 ? "" : "es",
                threads.c_str(),
                options.out.string().c_str());
  return text;
}

}  // namespace

int experiment_detail::execute_plan(const ProcessGroup& group, const ExperimentPlan& plan,
                 const ExperimentOptions& options, const std::shared_ptr<spdlog::logger>& log) {
  const bool root = group.rank() == 0;
  PreparedFolder folder;
  if (root) {
    folder = prepare_folder(plan, options);
    if (!folder.error.empty()) log->error("{}", folder.error);
  }
  if (group.broadcast(folder.error.empty() ? kOk : kBadInput) != kOk) return kBadInput;

  std::vector<int> todo;
  if (root)
    for (const RunSpec& run : plan.runs)
      if (!folder.finished[static_cast<std::size_t>(run.run_id)]) todo.push_back(run.run_id);
  todo = group.broadcast(std::move(todo));

  int code = kOk;
  try {
    std::unique_ptr<Collector> collector;
    if (root) {
      log->info("{}", describe_plan(plan, group, options));
      collector = std::make_unique<Collector>(plan, options, folder.finished, log);
    }
    distribute(group, plan, todo, options, collector.get());
    if (root) {
      const long failed = collector->finish();
      if (failed > 0) {
        log->error("{} of {} runs failed (see {}); run again with --resume to retry them", failed,
                   plan.runs.size(), (options.out / "failures.csv").string());
        code = kRunFailed;
      }
    }
  } catch (const std::exception& e) {
    log->error("{}", e.what());
    if (group.size() > 1) group.abort(kRunFailed);
    return kRunFailed;
  }
  return group.broadcast(code);
}

int run_experiment(const std::filesystem::path& file, const ExperimentOptions& options) {
  ProcessGroup group;
  const bool root = group.rank() == 0;
  auto log = make_stderr_logger(options.quiet     ? Verbosity::quiet
                                : options.verbose ? Verbosity::verbose
                                                  : Verbosity::normal);
  if (!group.problem().empty()) {
    log->error("{}", group.problem());
    return kBadInput;
  }
  const ExperimentParse parsed = load_experiment_file(file);
  if (root) report_errors(*log, file, parsed.errors);
  if (group.broadcast(parsed.ok() ? kOk : kBadInput) != kOk) return kBadInput;
  if (!parsed.ok()) {
    log->error("rank {} read {} differently from rank 0", group.rank(), file.string());
    group.abort(kBadInput);
  }
  const ExperimentPlan plan = make_plan(*parsed.experiment);
  if (group.broadcast(plan.fingerprint) != plan.fingerprint) {
    log->error("rank {} expanded {} into another plan than rank 0", group.rank(), file.string());
    group.abort(kBadInput);
  }
  return execute_plan(group, plan, options, log);
}

}  // namespace firmsim::io
