#pragma once
// Streaming reader of the CSV files a run writes (RFC 4180: quoted fields, CRLF tolerated).
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace firmsim::report {

class CsvReader {
 public:
  /// Opens `file` and reads its header; throws std::runtime_error when it cannot be read.
  explicit CsvReader(const std::filesystem::path& file);

  const std::vector<std::string>& header() const { return header_; }
  /// Index of the column called `name`, or -1.
  int column(std::string_view name) const;
  /// Reads the next row into `fields`; false at the end. Blank lines are skipped.
  bool next(std::vector<std::string>& fields);

 private:
  bool read_record(std::vector<std::string>& fields);

  std::ifstream in_;
  std::filesystem::path file_;
  std::vector<std::string> header_;
};

/// Parses a CSV number; empty, `NA`, `NaN` and unparsable text give NaN.
double parse_number(std::string_view text);

}  // namespace firmsim::report
