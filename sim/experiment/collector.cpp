// Rank 0's collector: runs in any order in, result tables in run-id order out.
#include "experiment/collector.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <spdlog/logger.h>

#include "experiment/manifest.hpp"
#include "firmsim/io/results.hpp"
#include "firmsim/metrics.hpp"

namespace firmsim::io::experiment_detail {

namespace {
constexpr std::size_t kBufferBytes = std::size_t{256} << 20;
}

Collector::Collector(const ExperimentPlan& plan, const ExperimentOptions& options,
                     const std::vector<char>& finished, std::shared_ptr<spdlog::logger> log)
    : plan_(plan),
      options_(options),
      log_(std::move(log)),
      slots_(plan.runs.size(), Slot::pending),
      buffer_cap_(std::max<std::size_t>(
          8, kBufferBytes / (8 * static_cast<std::size_t>(plan.experiment.steps) *
                                 std::max<std::size_t>(1, metric_definitions().size())))),
      effects_(plan.experiment.kind == DesignKind::arms
                   ? std::make_unique<PairedEffects>(plan, options.out)
                   : nullptr),
      runs_(plan, options.out),
      aggregate_(plan, options.out, effects_.get()),
      progress_(!options.quiet, static_cast<long>(plan.runs.size()),
                static_cast<long>(std::count(finished.begin(), finished.end(), 1))) {
  for (std::size_t i = 0; i < finished.size(); ++i)
    if (finished[i]) slots_[i] = Slot::on_disk;
  drain();
}

Collector::~Collector() = default;

void Collector::accept(RunOutcome&& result) {
  const auto id = static_cast<std::size_t>(result.run_id);
  progress_.run_done();
  if (!result.ok) {
    ++failed_;
    progress_.clear();
    log_->error("run {} (seed {}) failed: {}", result.run_id, result.seed, result.error);
    slots_[id] = Slot::failed;
  } else {
    if (options_.verbose) {
      progress_.clear();
      log_->info("run {} done: {}", result.run_id,
                 run_command(plan_, plan_.runs[id], (options_.out / "base.json").string()));
    }
    slots_[id] = result.persisted ? Slot::on_disk : Slot::in_memory;
  }
  // A persisted run that is far ahead of the next one in line is read back from its partial
  // file when its turn comes, so memory stays bounded whatever the completion order.
  if (!result.ok || !result.persisted || id == next_ || buffer_.size() < buffer_cap_)
    buffer_.emplace(result.run_id, std::move(result));
  drain();
}

void Collector::drain() {
  while (next_ < slots_.size() && slots_[next_] != Slot::pending) {
    const RunSpec& run = plan_.runs[next_];
    std::optional<RunOutcome> loaded;
    const RunOutcome* result = nullptr;
    auto it = buffer_.find(run.run_id);
    if (it != buffer_.end()) {
      result = &it->second;
    } else {
      loaded = load_run(options_.out, plan_, run.run_id);
      if (!loaded)
        throw std::runtime_error("the record of run " + std::to_string(run.run_id) +
                                 " in partial/ cannot be read back");
      result = &*loaded;
    }
    if (result->ok) {
      runs_.add(run, *result);
      if (effects_) effects_->add(run, result);
      aggregate_.add(run, result);
    } else {
      failures_ += std::to_string(run.run_id) + "," + std::to_string(run.seed) + ",";
      append_csv_field(failures_, result->error);
      failures_ += '\n';
      if (effects_) effects_->add(run, nullptr);
      aggregate_.add(run, nullptr);
    }
    if (it != buffer_.end()) buffer_.erase(it);
    ++next_;
  }
}

long Collector::finish() {
  drain();
  if (next_ != slots_.size())
    throw std::logic_error("experiment finished with runs still missing");
  runs_.commit();
  aggregate_.commit();
  if (effects_) effects_->commit();
  if (plan_.experiment.kind == DesignKind::morris)
    write_morris_table(plan_, aggregate_.final_means(), options_.out);
  const std::filesystem::path failures_file = options_.out / "failures.csv";
  if (failed_ > 0) {
    StagedFile file(failures_file);
    file.write("run_id,seed,error\n" + failures_);
    file.commit();
  } else {
    std::filesystem::remove(failures_file);
  }
  progress_.finish(failed_);
  return failed_;
}

}  // namespace firmsim::io::experiment_detail
