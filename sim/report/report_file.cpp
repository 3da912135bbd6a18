#include "report/report_file.hpp"

#include <exception>

#include "report/experiment_view.hpp"
#include "report/page.hpp"

namespace firmsim::report {

namespace fs = std::filesystem;

ReportOutcome write_report(const fs::path& dir, const ViewOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return {2, "no results folder " + dir.string() + " (give the --out folder of a run)", {}};
  const bool experiment = is_experiment_folder(dir);
  if (!experiment && !is_run_folder(dir))
    return {2,
            "no results in " + dir.string() +
                ": expected summary.json, timeseries.csv and firms.csv (firmsim run) or "
                "runs.csv, aggregate.csv, effects.csv (firmsim experiment)",
            {}};
  if (!page_built()) return {1, page_missing_message(), {}};
  Json view;
  try {
    view = experiment ? load_experiment_view(dir) : load_run_view(dir, options);
  } catch (const std::exception& e) {
    return {2, std::string("cannot read the results: ") + e.what(), {}};
  }
  const fs::path file = dir / "report.html";
  try {
    write_file_atomically(file, render_page(view));
  } catch (const std::exception& e) {
    return {1, e.what(), {}};
  }
  return {0, "wrote " + file.string(), file};
}

}  // namespace firmsim::report
