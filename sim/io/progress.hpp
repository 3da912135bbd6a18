#pragma once
// A progress line on standard error, refreshed in place: shown only when stderr is a terminal
// and the work has lasted more than a second, so short runs and logs piped to files stay clean.
#include <chrono>
#include <string>

namespace firmsim::io {

/// A duration as m:ss, or h:mm:ss from an hour on.
std::string clock_text(double seconds);

class ProgressLine {
 public:
  /// `what` names the unit counted ("step", "run").
  ProgressLine(bool enabled, long total, std::string what);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(long done);
  /// Clears the line (if one was shown).
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  long total_;
  std::string what_;
  Clock::time_point start_, last_;
};

}  // namespace firmsim::io
