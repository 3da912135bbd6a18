#include "report/csv_reader.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

namespace firmsim::report {

CsvReader::CsvReader(const std::filesystem::path& file) : in_(file, std::ios::binary), file_(file) {
  if (!in_) throw std::runtime_error("cannot read " + file.string());
  if (!read_record(header_)) throw std::runtime_error(file.string() + " is empty");
}

int CsvReader::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  while (read_record(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    return true;
  }
  return false;
}

bool CsvReader::read_record(std::vector<std::string>& fields) {
  fields.clear();
  std::streambuf& buf = *in_.rdbuf();
  int c = buf.sbumpc();
  if (c == std::char_traits<char>::eof()) return false;
  std::string field;
  bool quoted = false;
  for (;; c = buf.sbumpc()) {
    if (c == std::char_traits<char>::eof()) {
      if (quoted) throw std::runtime_error(file_.string() + ": unterminated quoted field");
      break;
    }
    const char ch = static_cast<char>(c);
    if (quoted) {
      if (ch != '"') {
        field.push_back(ch);
      } else if (buf.sgetc() == '"') {
        field.push_back('"');
        buf.sbumpc();
      } else {
        quoted = false;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (ch == '\n') {
      break;
    } else if (ch != '\r') {
      field.push_back(ch);
    }
  }
  fields.push_back(std::move(field));
  return true;
}

double parse_number(std::string_view text) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return kNaN;
  if (text == "Inf" || text == "inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf" || text == "-inf") return -std::numeric_limits<double>::infinity();
  if (text.front() == '+') text.remove_prefix(1);
  double v = kNaN;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return kNaN;
  return v;
}

}  // namespace firmsim::report
