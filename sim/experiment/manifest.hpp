#pragma once
// The experiment folder: plan.json and base.json, one partial file per finished run (the
// manifest that --resume reads), and the checks made before anything is written.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "experiment/run_result.hpp"

namespace firmsim::io::experiment_detail {

/// Writes `text` under a temporary name, then renames it into place; with `sync` the data
/// reaches the disk before the rename.
void write_atomically(const std::filesystem::path& file, std::string_view text, bool sync);

std::filesystem::path partial_file(const std::filesystem::path& out, int run_id);

struct PreparedFolder {
  std::string error;            ///< why the folder cannot be used ("" when it can)
  std::vector<char> finished;   ///< per run: 1 when a valid partial file already holds it
};

/// Checks the results folder (refuses a non-empty one unless resuming or forced; on resume the
/// plan must match), clears it when forced, scans finished runs when resuming, and writes
/// base.json and plan.json.
PreparedFolder prepare_folder(const ExperimentPlan& plan, const ExperimentOptions& options);

/// Records a finished run durably (partial/<run_id>.json); returns false if it could not.
bool persist_run(const std::filesystem::path& out, const RunOutcome& result);
/// Reads a finished run back; nullopt when missing, malformed or not matching the plan.
std::optional<RunOutcome> load_run(const std::filesystem::path& out, const ExperimentPlan& plan,
                                   int run_id);

}  // namespace firmsim::io::experiment_detail
