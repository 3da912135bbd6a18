#include "io/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace firmsim::io {

std::string clock_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

ProgressLine::ProgressLine(bool enabled, long total, std::string what)
    : enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
      total_(total),
      what_(std::move(what)),
      start_(Clock::now()),
      last_(start_) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::update(long done) {
  if (!enabled_) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0 || (shown_ && now - last_ < std::chrono::milliseconds(200))) return;
  last_ = now;
  shown_ = true;
  const double rate = done / elapsed;
  const std::string left = rate > 0 ? clock_text((total_ - done) / rate) : "?";
  std::fprintf(stderr, "\r\033[K%s %ld/%ld  %.1f %ss/s  %s left", what_.c_str(), done, total_,
               rate, what_.c_str(), left.c_str());
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (!shown_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace firmsim::io
