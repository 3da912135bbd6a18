#pragma once
// JSON text to a JSON document, reporting a syntax error with its line and column, and keys that
// appear twice in one object (JSON parsers silently keep the last one).
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "io/scenario_reader.hpp"

namespace firmsim::io {

/// The document, or nullopt after appending one "not JSON" error. Duplicate keys are appended
/// as errors too (the document keeps the last value).
std::optional<nlohmann::json> parse_json_text(std::string_view text, Errors& errors);

}  // namespace firmsim::io
