#pragma once
// The page's data for the results folder of one run (the files of `firmsim run`).
#include <filesystem>

#include "report/view_common.hpp"

namespace firmsim::report {

struct ViewOptions {
  /// Networks with more alive firms than this are drawn as a deterministic sample.
  std::size_t max_drawn_firms = 4000;
  /// At most this many of the latest tie events go into the page.
  std::size_t max_events = 100000;
};

/// True when `dir` holds a run's results (summary.json, timeseries.csv or firms.csv).
bool is_run_folder(const std::filesystem::path& dir);

/// Reads summary.json, timeseries.csv, events.csv, firms.csv, ties.csv and the snapshots that
/// exist; throws std::runtime_error on a file that cannot be read.
Json load_run_view(const std::filesystem::path& dir, const ViewOptions& options);

/// {name: {unit, meaning}} for the metrics the program defines.
Json metric_info_json();

}  // namespace firmsim::report
