#pragma once
// The page's data for an experiment folder (runs.csv, aggregate.csv, effects.csv).
#include <filesystem>

#include "report/view_common.hpp"

namespace firmsim::report {

/// True when `dir` holds an experiment's results.
bool is_experiment_folder(const std::filesystem::path& dir);

/// Aggregate curves (mean and 95% interval per group, metric and step), effects with their
/// intervals, and the first rows of runs.csv; throws std::runtime_error on unreadable files.
Json load_experiment_view(const std::filesystem::path& dir);

}  // namespace firmsim::report
