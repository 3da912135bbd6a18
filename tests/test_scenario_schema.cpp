// The parser and scenarios/schema.json agree, in both directions: on every shipped scenario and
// on `firmsim init`'s output (both accept), and on documents mutated field by field (a wrong
// type, an out-of-range number, a fraction in an integer, an unknown field: both reject, at
// the same path; a number at either end of its range: both accept). Also: the shipped
// scenarios/schema.json and scenarios/default.json are what the code generates now.
//
// No JSON-Schema library for C++ is packaged in Debian, so a small validator for the subset the
// generated schema uses lives here; it refuses any keyword it does not know, so the schema
// cannot grow past what is checked.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "firmsim/io/scenario_json.hpp"
#include "test_cli_support.hpp"

using firmsim::Scenario;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kSourceDir = FIRMSIM_SOURCE_DIR;
constexpr const char* kRegen =
    "run tools/regen-scenarios (FIRMSIM_BUILD_DIR=<your build folder> tools/regen-scenarios) "
    "and commit scenarios/default.json and scenarios/schema.json";

// ---- a JSON Schema validator for the subset the generated schema uses ----------------------

struct SchemaError {
  std::string path;
  std::string message;
};

std::string pointer_append(const std::string& path, const std::string& key) {
  std::string out = path + "/";
  for (const char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

long double number_of(const json& j) {
  if (j.is_number_unsigned()) return static_cast<long double>(j.get<std::uint64_t>());
  if (j.is_number_integer()) return static_cast<long double>(j.get<std::int64_t>());
  return static_cast<long double>(j.get<double>());
}

bool has_type(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    // JSON Schema: a number is an integer when its fractional part is zero (2.0 counts).
    return value.is_number_integer() ||
           (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>());
  }
  throw std::logic_error("validator: unknown type " + type);
}

void validate(const json& schema, const json& value, const std::string& path,
              std::vector<SchemaError>& errors) {
  static const std::set<std::string> annotations = {"$schema", "$id",      "title",   "description",
                                                    "default", "examples", "$comment"};
  static const std::set<std::string> assertions = {
      "type",    "properties", "required",         "additionalProperties",
      "minimum", "maximum",    "exclusiveMinimum", "exclusiveMaximum",
      "items",   "minItems",   "maxItems",         "enum",
      "const"};
  if (!schema.is_object())
    throw std::logic_error("validator: a schema at " + path + " is not an object");
  for (auto it = schema.begin(); it != schema.end(); ++it) {
    if (annotations.count(it.key()) == 0 && assertions.count(it.key()) == 0) {
      throw std::logic_error("validator: unsupported schema keyword \"" + it.key() + "\" at " +
                             path + "; teach the validator in this test");
    }
  }
  if (schema.contains("type")) {
    const json& type = schema["type"];
    bool ok = false;
    if (type.is_array()) {
      for (const json& t : type) ok = ok || has_type(value, t.get<std::string>());
    } else {
      ok = has_type(value, type.get<std::string>());
    }
    if (!ok) {
      errors.push_back({path, "type: expected " + type.dump() + ", got " + value.dump()});
      return;
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const json& option : schema["enum"]) found = found || option == value;
    if (!found) errors.push_back({path, "enum: " + value.dump() + " is not allowed"});
  }
  if (schema.contains("const") && schema["const"] != value) {
    errors.push_back({path, "const: " + value.dump()});
  }
  if (value.is_number()) {
    const long double v = number_of(value);
    if (schema.contains("minimum") && v < number_of(schema["minimum"])) {
      errors.push_back({path, "minimum: " + value.dump()});
    }
    if (schema.contains("maximum") && v > number_of(schema["maximum"])) {
      errors.push_back({path, "maximum: " + value.dump()});
    }
    if (schema.contains("exclusiveMinimum") && v <= number_of(schema["exclusiveMinimum"])) {
      errors.push_back({path, "exclusiveMinimum: " + value.dump()});
    }
    if (schema.contains("exclusiveMaximum") && v >= number_of(schema["exclusiveMaximum"])) {
      errors.push_back({path, "exclusiveMaximum: " + value.dump()});
    }
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>()) {
      errors.push_back({path, "minItems"});
    }
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>()) {
      errors.push_back({path, "maxItems"});
    }
    if (schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        validate(schema["items"], value[i], path + "/" + std::to_string(i), errors);
      }
    }
  }
  if (value.is_object()) {
    const json empty = json::object();
    const json& properties = schema.contains("properties") ? schema["properties"] : empty;
    if (schema.contains("required")) {
      for (const json& name : schema["required"]) {
        if (!value.contains(name.get<std::string>())) {
          errors.push_back({path, "required: " + name.get<std::string>()});
        }
      }
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string child = pointer_append(path, it.key());
      if (properties.contains(it.key())) {
        validate(properties[it.key()], it.value(), child, errors);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) errors.push_back({child, "additionalProperties: not allowed"});
        } else {
          validate(extra, it.value(), child, errors);
        }
      }
    }
  }
}

std::vector<SchemaError> schema_errors(const json& schema, const json& value) {
  std::vector<SchemaError> errors;
  validate(schema, value, "", errors);
  return errors;
}

std::string schema_error_text(const std::vector<SchemaError>& errors) {
  std::string text;
  for (const SchemaError& e : errors) text += e.path + ": " + e.message + "\n";
  return text;
}

// ---- helpers ------------------------------------------------------------------------------

json read_json(const fs::path& file) {
  const std::string text = firmsim::test::read_text(file);
  INFO(file.string());
  REQUIRE_FALSE(text.empty());
  return json::parse(text);
}

/// The shipped scenarios: scenarios/**/*.json except the schemas (*schema.json) and the
/// experiment files of scenarios/experiments/ (checked against experiment.schema.json).
std::vector<fs::path> shipped_scenarios() {
  const fs::path root = kSourceDir / "scenarios";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    if (name.size() >= 11 && name.compare(name.size() - 11, 11, "schema.json") == 0) continue;
    if (*fs::relative(entry.path(), root).begin() == "experiments") continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// "path: file has X, the code has Y" for each difference (at most 20 lines).
std::string differences(const json& file, const json& code, const char* which = "file") {
  std::string text;
  int shown = 0;
  for (const json& op : json::diff(code, file)) {
    if (++shown > 20) {
      text += "  ...\n";
      break;
    }
    const std::string path = op["path"].get<std::string>();
    const json::json_pointer at(path);
    const std::string in_file = file.contains(at) ? file[at].dump() : "(missing)";
    const std::string in_code = code.contains(at) ? code[at].dump() : "(missing)";
    text += "  " + (path.empty() ? std::string("(whole document)") : path) + ": " + which +
            " has " + in_file.substr(0, 80) + ", the code has " + in_code.substr(0, 80) + "\n";
  }
  return text;
}

/// Visits every value of `doc` that the schema describes: (schema, JSON pointer).
void for_each_value(const json& schema, const json& value, const std::string& path,
                    const std::function<void(const json&, const json&, const std::string&)>& f) {
  f(schema, value, path);
  if (value.is_object() && schema.contains("properties")) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (schema["properties"].contains(it.key())) {
        for_each_value(schema["properties"][it.key()], it.value(), pointer_append(path, it.key()),
                       f);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      for_each_value(schema["items"], value[i], path + "/" + std::to_string(i), f);
    }
  }
}

struct Mutation {
  std::string path;  ///< where the mistake is (and where both must report it)
  std::string what;
  json doc;
};

bool parser_blames(const firmsim::io::ParseResult& result, const std::string& path) {
  for (const auto& e : result.errors) {
    if (e.path == path) return true;
  }
  return false;
}

bool schema_blames(const std::vector<SchemaError>& errors, const std::string& path) {
  for (const SchemaError& e : errors) {
    if (e.path == path) return true;
  }
  return false;
}

/// A number well outside [minimum, maximum] on the given side.
json beyond(const json& bound, bool below, bool integral) {
  const long double b = number_of(bound);
  const long double step = integral ? 1.0L : std::max(1.0L, std::fabs(b));
  const long double v = below ? b - step : b + step;
  if (integral) {
    if (v < 0) return static_cast<std::int64_t>(v);
    return static_cast<std::uint64_t>(v);
  }
  return static_cast<double>(v);
}

/// Every single mistake that the schema can express, one document each.
std::vector<Mutation> wrong_documents(const json& schema, const json& base) {
  std::vector<Mutation> out;
  const auto with = [&base](const std::string& path, const json& v) {
    json doc = base;
    doc[json::json_pointer(path)] = v;
    return doc;
  };
  for_each_value(schema, base, "", [&](const json& s, const json& value, const std::string& path) {
    const std::string type = s.value("type", "");
    if (type == "object") {
      const std::string extra = pointer_append(path, "zz_not_a_field");
      out.push_back({extra, "unknown field", with(extra, 1)});
    }
    if (path.empty()) return;
    // A wrong type: a string for anything but a string, a number for a string.
    out.push_back({path, "wrong type", with(path, type == "string" ? json(42) : json("text"))});
    if (type == "object" || type == "array") out.push_back({path, "wrong type", with(path, 7)});
    if (type == "number" || type == "integer") {
      out.push_back({path, "wrong type (boolean)", with(path, true)});
      const bool integral = type == "integer";
      if (s.contains("minimum")) {
        out.push_back({path, "below minimum", with(path, beyond(s["minimum"], true, integral))});
      }
      if (s.contains("maximum") &&
          !(integral && s["maximum"].is_number_unsigned() &&
            s["maximum"].get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max())) {
        out.push_back({path, "above maximum", with(path, beyond(s["maximum"], false, integral))});
      }
      if (integral) {
        const long double low = s.contains("minimum") ? number_of(s["minimum"]) : 0.0L;
        out.push_back({path, "fraction", with(path, static_cast<double>(low) + 0.5)});
      }
    }
    if (s.contains("enum")) out.push_back({path, "not in enum", with(path, "zz_no_such")});
    if (type == "array" && s.contains("minItems") && s["minItems"].get<std::size_t>() > 0) {
      out.push_back({path, "too few items", with(path, json::array())});
    }
    (void)value;
  });
  return out;
}

/// Numbers at either end of their range: each alone must be accepted by both.
std::vector<Mutation> boundary_documents(const json& schema, const json& base) {
  std::vector<Mutation> out;
  for_each_value(schema, base, "", [&](const json& s, const json&, const std::string& path) {
    for (const char* bound : {"minimum", "maximum"}) {
      if (!s.contains(bound)) continue;
      json doc = base;
      doc[json::json_pointer(path)] = s[bound];
      out.push_back({path, bound, std::move(doc)});
    }
  });
  return out;
}

/// True when the last token of the JSON pointer `path` is an array index.
bool is_list_item(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || slash + 1 == path.size()) return false;
  return std::all_of(path.begin() + static_cast<std::ptrdiff_t>(slash) + 1, path.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

json current_schema() { return json(firmsim::io::scenario_schema()); }
json init_document() { return json(firmsim::io::scenario_to_json(Scenario{})); }

/// The init document with one intervention and one shock, every field written out, so that
/// single mistakes reach inside the items of the policy lists.
json policy_document() {
  Scenario sc;
  sc.policy.interventions = {firmsim::InterventionSpec{}};
  sc.policy.shocks = {firmsim::ShockSpec{}};
  return json(firmsim::io::scenario_to_json(sc));
}

}  // namespace

TEST_CASE("the schema documents every field with description and unit and range", "[scenario]") {
  const json schema = current_schema();
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  int numbers = 0;
  for_each_value(schema, init_document(), "",
                 [&](const json& s, const json&, const std::string& path) {
                   INFO(path << ": " << s.dump().substr(0, 300));
                   const std::string type = s.value("type", "");
                   const bool list_item = is_list_item(path);
                   if (!list_item) CHECK_FALSE(s.value("description", "").empty());
                   if (type == "object") CHECK(s["additionalProperties"] == false);
                   if (type == "number" || type == "integer") {
                     ++numbers;
                     CHECK(s.contains("minimum"));
                     CHECK(s.contains("maximum"));
                     if (!list_item) CHECK_THAT(s.value("description", ""), Catch::Contains("["));
                   }
                   if (type == "array") {
                     CHECK(s.contains("items"));
                     // The unit of a list of numbers is on the list.
                     if (s["items"].value("type", "") == "number") {
                       CHECK_THAT(s.value("description", ""), Catch::Contains("["));
                     }
                   }
                 });
  CHECK(numbers > 100);
}

TEST_CASE("parser and schema accept every shipped scenario and firmsim init's output",
          "[scenario]") {
  // The schema the code generates; that scenarios/schema.json equals it is checked below.
  const json schema = current_schema();

  std::vector<std::pair<std::string, json>> documents;
  for (const fs::path& file : shipped_scenarios()) {
    documents.emplace_back(fs::relative(file, kSourceDir).string(), read_json(file));
  }
  REQUIRE_FALSE(documents.empty());
  const firmsim::test::TempDir dir;
  const firmsim::test::Outcome init = firmsim::test::run_firmsim({"init"}, dir);
  REQUIRE(init.exit_code == 0);
  documents.emplace_back("output of firmsim init", json::parse(init.out));

  for (const auto& [name, doc] : documents) {
    INFO(name);
    const firmsim::io::ParseResult parsed = firmsim::io::parse_scenario(doc);
    CHECK(firmsim::io::format_errors(parsed.errors) == "");
    CHECK(schema_error_text(schema_errors(schema, doc)) == "");
  }
}

// The parser and the schema both reject a single-mistake document, each at the mistake's path.
static void check_both_reject(const json& schema, const Mutation& m) {
    const firmsim::io::ParseResult parsed = firmsim::io::parse_scenario(m.doc);
    const std::vector<SchemaError> errors = schema_errors(schema, m.doc);
    INFO(m.what << " at " << m.path << ": " << m.doc[json::json_pointer(m.path)].dump()
                << "\nparser:\n"
                << firmsim::io::format_errors(parsed.errors) << "schema:\n"
                << schema_error_text(errors));
    CHECK_FALSE(parsed.ok());
    CHECK(parser_blames(parsed, m.path));
    CHECK(schema_blames(errors, m.path));
}

TEST_CASE("parser and schema reject the same single mistakes at the same path", "[scenario]") {
  const json schema = current_schema();
  const json base = init_document();
  REQUIRE(schema_errors(schema, base).empty());
  const std::vector<Mutation> mutations = wrong_documents(schema, base);
  CHECK(mutations.size() > 500);
  std::set<std::string> kinds;
  for (const Mutation& m : mutations) {
    kinds.insert(m.what);
    check_both_reject(schema, m);
  }
  CHECK(kinds.count("unknown field") == 1);
  CHECK(kinds.count("below minimum") == 1);
  CHECK(kinds.count("above maximum") == 1);
  CHECK(kinds.count("fraction") == 1);
  CHECK(kinds.count("too few items") == 1);
}

TEST_CASE("parser and schema reject the same single mistakes inside interventions and shocks",
          "[scenario][policy]") {
  const json schema = current_schema();
  const json base = policy_document();
  REQUIRE(schema_errors(schema, base).empty());
  REQUIRE(firmsim::io::parse_scenario(base).ok());
  std::set<std::string> kinds;
  int checked = 0;
  for (const Mutation& m : wrong_documents(schema, base)) {
    if (m.path.rfind("/policy/interventions/0", 0) != 0 && m.path.rfind("/policy/shocks/0", 0) != 0)
      continue;
    ++checked;
    kinds.insert(m.what);
    check_both_reject(schema, m);
  }
  CHECK(checked > 150);
  for (const char* kind : {"unknown field", "wrong type", "wrong type (boolean)", "below minimum",
                           "above maximum", "fraction", "not in enum"})
    CHECK(kinds.count(kind) == 1);
}

TEST_CASE("parser and schema both accept each number at either end of its range", "[scenario]") {
  const json schema = current_schema();
  const json base = init_document();
  const std::vector<Mutation> mutations = boundary_documents(schema, base);
  CHECK(mutations.size() > 200);
  for (const Mutation& m : mutations) {
    const firmsim::io::ParseResult parsed = firmsim::io::parse_scenario(m.doc);
    const std::vector<SchemaError> errors = schema_errors(schema, m.doc);
    INFO(m.what << " at " << m.path << ": " << m.doc[json::json_pointer(m.path)].dump()
                << "\nparser:\n"
                << firmsim::io::format_errors(parsed.errors) << "schema:\n"
                << schema_error_text(errors));
    CHECK(errors.empty());
    // The field itself is accepted; a cross-field rule (shares summing to one, one share per
    // stage) may still object elsewhere, which a JSON Schema cannot say.
    CHECK_FALSE(parser_blames(parsed, m.path));
  }
}

TEST_CASE("scenarios/schema.json is what firmsim init --schema writes now", "[scenario]") {
  const fs::path file = kSourceDir / "scenarios" / "schema.json";
  if (!fs::exists(file)) FAIL("scenarios/schema.json is missing: " << kRegen);
  const json shipped = read_json(file);
  const json code = current_schema();
  INFO("scenarios/schema.json is stale; " << kRegen << ". Differences:\n"
                                          << differences(shipped, code));
  const bool schema_up_to_date = shipped == code;
  CHECK(schema_up_to_date);
}

TEST_CASE("scenarios/default.json is what firmsim init writes now", "[scenario]") {
  const fs::path file = kSourceDir / "scenarios" / "default.json";
  const json shipped = read_json(file);
  const json code = init_document();
  {
    INFO(
        "scenarios/default.json is stale (the defaults in the code changed, or a field is "
        "missing); "
        << kRegen << ". Differences:\n"
        << differences(shipped, code));
    const bool default_up_to_date = shipped == code;
    CHECK(default_up_to_date);
  }
  // The copy embedded in the program at build time is the one `firmsim run` uses without a
  // scenario; it is rebuilt from the file, so it follows once the file is regenerated.
  const json embedded = json(firmsim::io::scenario_to_json(firmsim::io::default_scenario()));
  INFO("the default scenario embedded in firmsim differs from the code's defaults; "
       << kRegen << ", then rebuild. Differences:\n"
       << differences(embedded, code, "embedded copy"));
  const bool embedded_up_to_date = embedded == code;
  CHECK(embedded_up_to_date);
}
