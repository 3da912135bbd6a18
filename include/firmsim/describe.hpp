#pragma once
/// Field descriptions shared by the scenario parser, the `init` writer and the schema generator.
///
/// Every scenario struct has `template <class V> void describe(V& v)` that names each field once,
/// with its unit, range and meaning. The default value is the member's initialiser. Visitors
/// (parse, write, schema) walk these descriptions, so the parser, `firmsim init` and
/// `scenarios/schema.json` cannot drift apart.
#include <cstdint>
#include <limits>

namespace firmsim {

/// What a field means: shown in the schema and in error messages.
struct Doc {
  double min = -std::numeric_limits<double>::infinity();  ///< inclusive lower bound
  double max = std::numeric_limits<double>::infinity();   ///< inclusive upper bound
  const char* unit = "";                                  ///< unit, "" when dimensionless
  const char* text = "";                                  ///< one-sentence meaning
};

/// A setting that is on, off, or left to the program: JSON `true`, `false` or `"auto"`
/// (described with `v.on_off_auto(key, value, doc)`).
enum class OnOffAuto : std::uint8_t { off, on, automatic };

}  // namespace firmsim
