#pragma once
// Buffered text output shared by the result writers: numbers, CSV fields and XML text, written
// the same way on every machine (no locale, shortest round-trip decimals).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace firmsim::io {

class TextOut {
 public:
  explicit TextOut(std::ostream& out) : out_(out) { buf_.reserve(kFlushAt + 4096); }
  ~TextOut() { flush(); }
  TextOut(const TextOut&) = delete;
  TextOut& operator=(const TextOut&) = delete;

  TextOut& operator<<(std::string_view s) {
    buf_.append(s);
    return maybe_flush();
  }
  TextOut& operator<<(char c) {
    buf_.push_back(c);
    return maybe_flush();
  }
  /// CSV style: shortest round trip, NaN as NA, infinities as Inf / -Inf.
  TextOut& num(double v);
  TextOut& num(float v);
  /// XML Schema style (xs:double): NaN, INF, -INF.
  TextOut& xml_num(double v);
  TextOut& xml_num(float v);
  TextOut& integer(std::int64_t v);
  /// A CSV field, quoted only when needed.
  TextOut& csv(std::string_view field);
  /// XML character data or attribute value, escaped.
  TextOut& xml(std::string_view text);
  void flush();

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  TextOut& maybe_flush() {
    if (buf_.size() >= kFlushAt) flush();
    return *this;
  }
  std::ostream& out_;
  std::string buf_;
};

/// Opens `file` for writing (binary, truncating); throws std::runtime_error naming it.
std::ofstream open_output(const std::filesystem::path& file);
/// Flushes and closes; throws std::runtime_error naming `file` when anything failed.
void close_output(std::ofstream& out, const std::filesystem::path& file);

}  // namespace firmsim::io
