// Progress of an experiment on standard error: runs done, runs per minute, time left.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "experiment/collector.hpp"
#include "io/progress.hpp"

namespace firmsim::io::experiment_detail {

using io::clock_text;

ExperimentProgress::ExperimentProgress(bool enabled, long total, long already_done)
    : enabled_(enabled),
      terminal_(::isatty(STDERR_FILENO) == 1),
      total_(total),
      already_(already_done),
      start_(Clock::now()),
      last_(start_) {
  if (enabled_ && already_ > 0)
    std::fprintf(stderr, "experiment: resuming, %ld of %ld runs already done\n", already_, total_);
}

void ExperimentProgress::run_done() {
  ++done_;
  if (!enabled_) return;
  const auto now = Clock::now();
  const auto every = terminal_ ? std::chrono::milliseconds(250) : std::chrono::seconds(30);
  if (now - last_ < every && done_ + already_ < total_) return;
  last_ = now;
  print(false, 0);
}

void ExperimentProgress::clear() {
  if (!shown_) return;
  std::fputs("\r\033[K", stderr);
  shown_ = false;
}

void ExperimentProgress::print(bool final_line, long failed) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double per_minute = elapsed > 0 ? 60.0 * static_cast<double>(done_) / elapsed : 0.0;
  const long left = total_ - already_ - done_;
  std::string text = "experiment: " + std::to_string(already_ + done_) + "/" +
                     std::to_string(total_) + " runs";
  char rate[64];
  std::snprintf(rate, sizeof rate, ", %.1f runs/min", per_minute);
  text += rate;
  if (final_line) {
    text += ", " + clock_text(elapsed) + " elapsed, " + std::to_string(failed) + " failed";
  } else if (per_minute > 0) {
    text += ", " + clock_text(60.0 * static_cast<double>(left) / per_minute) + " left";
  }
  if (terminal_ && !final_line) {
    std::fprintf(stderr, "\r\033[K%s", text.c_str());
    shown_ = true;
  } else {
    clear();
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

void ExperimentProgress::finish(long failed) {
  if (!enabled_) return;
  print(true, failed);
}

}  // namespace firmsim::io::experiment_detail
