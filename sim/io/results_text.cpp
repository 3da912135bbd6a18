// Deterministic number formatting and buffered text output for the result writers.
#include "io/results_text.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "firmsim/io/results.hpp"

namespace firmsim::io {

namespace {

template <class T>
void append_shortest(std::string& out, T v, std::string_view nan, std::string_view inf,
                     std::string_view minus_inf) {
  if (std::isnan(v)) {
    out.append(nan);
  } else if (std::isinf(v)) {
    out.append(v > 0 ? inf : minus_inf);
  } else {
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
  }
}

bool needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

void append_number(std::string& out, double v) { append_shortest(out, v, "NA", "Inf", "-Inf"); }

void append_csv_field(std::string& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

TextOut& TextOut::num(double v) {
  append_shortest(buf_, v, "NA", "Inf", "-Inf");
  return maybe_flush();
}

TextOut& TextOut::num(float v) {
  append_shortest(buf_, v, "NA", "Inf", "-Inf");
  return maybe_flush();
}

TextOut& TextOut::xml_num(double v) {
  append_shortest(buf_, v, "NaN", "INF", "-INF");
  return maybe_flush();
}

TextOut& TextOut::xml_num(float v) {
  append_shortest(buf_, v, "NaN", "INF", "-INF");
  return maybe_flush();
}

TextOut& TextOut::integer(std::int64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  buf_.append(buf, res.ptr);
  return maybe_flush();
}

TextOut& TextOut::csv(std::string_view field) {
  append_csv_field(buf_, field);
  return maybe_flush();
}

TextOut& TextOut::xml(std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': buf_.append("&amp;"); break;
      case '<': buf_.append("&lt;"); break;
      case '>': buf_.append("&gt;"); break;
      case '"': buf_.append("&quot;"); break;
      case '\'': buf_.append("&apos;"); break;
      default: buf_.push_back(c);
    }
  }
  return maybe_flush();
}

void TextOut::flush() {
  if (buf_.empty()) return;
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

std::ofstream open_output(const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + file.string());
  return out;
}

void close_output(std::ofstream& out, const std::filesystem::path& file) {
  out.flush();
  const bool ok = static_cast<bool>(out);
  out.close();
  if (!ok || out.fail()) throw std::runtime_error("writing " + file.string() + " failed");
}

}  // namespace firmsim::io
