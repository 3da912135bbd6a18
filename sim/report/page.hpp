#pragma once
// The page: the front-end bundle built from web/ and embedded into the program, with a view's
// data inlined (one self-contained HTML file).
#include <filesystem>
#include <string>
#include <string_view>

#include "report/view_common.hpp"

namespace firmsim::report {

/// The built page (web/dist/page.html at build time); empty when the front end was not built.
extern const std::string_view kPageHtml;

bool page_built();
/// What to tell the user when the page was not built, and how to build it.
std::string page_missing_message();
/// The page with `view` inlined as its data; requires page_built().
std::string render_page(const Json& view);
/// Writes `text` to `file` through a temporary file in the same folder and a rename, so readers
/// never see a half-written file; throws std::runtime_error on failure.
void write_file_atomically(const std::filesystem::path& file, std::string_view text);

}  // namespace firmsim::report
