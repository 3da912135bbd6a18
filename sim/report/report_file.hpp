#pragma once
// `firmsim report DIR`: the results page of a run or experiment folder, as DIR/report.html.
#include <filesystem>
#include <string>

#include "report/run_view.hpp"

namespace firmsim::report {

struct ReportOutcome {
  int exit_code = 0;            ///< 0 written, 1 page not built or not writable, 2 bad input
  std::string message;          ///< what went wrong, or what was written
  std::filesystem::path file;   ///< DIR/report.html when written
};

/// Reads the results in `dir` (a run or an experiment folder) and writes `dir`/report.html
/// atomically.
ReportOutcome write_report(const std::filesystem::path& dir, const ViewOptions& options);

}  // namespace firmsim::report
