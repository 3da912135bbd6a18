#include "report/page.hpp"

#include <fstream>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

namespace firmsim::report {

namespace {
constexpr std::string_view kDataMarker = "@@FIRMSIM_DATA@@";
}

bool page_built() { return kPageHtml.find(kDataMarker) != std::string_view::npos; }

std::string page_missing_message() {
  return "the page was not built into this firmsim: the front end (web/) needs Node.js and npm "
         "at build time. Install them (Debian: apt-get install nodejs npm), then reconfigure "
         "with -DFIRMSIM_WITH_WEB=ON and rebuild (tools/setup installs everything).";
}

std::string render_page(const Json& view) {
  const std::size_t at = kPageHtml.find(kDataMarker);
  if (at == std::string_view::npos) throw std::logic_error(page_missing_message());
  // '<' only occurs inside JSON strings, where \u003c reads back the same; so the data can never
  // close its <script> element or open a comment.
  const std::string json = view.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string page;
  page.reserve(kPageHtml.size() + json.size() + json.size() / 50);
  page.append(kPageHtml.substr(0, at));
  for (const char c : json) {
    if (c == '<') page.append("\\u003c");
    else page.push_back(c);
  }
  page.append(kPageHtml.substr(at + kDataMarker.size()));
  return page;
}

void write_file_atomically(const std::filesystem::path& file, std::string_view text) {
  const std::filesystem::path tmp =
      file.parent_path() / ("." + file.filename().string() + ".tmp" + std::to_string(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error("cannot write " + file.string() + ": " + why);
  }
}

}  // namespace firmsim::report
