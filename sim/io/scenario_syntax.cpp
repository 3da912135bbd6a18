#include "io/scenario_syntax.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace firmsim::io {

namespace {

/// Walks the document as SAX events, keeping the JSON pointer of the open containers.
class DuplicateKeyFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit DuplicateKeyFinder(Errors& errors) : errors_(errors) {}

  bool null() override { return element(); }
  bool boolean(bool) override { return element(); }
  bool number_integer(number_integer_t) override { return element(); }
  bool number_unsigned(number_unsigned_t) override { return element(); }
  bool number_float(number_float_t, const string_t&) override { return element(); }
  bool string(string_t&) override { return element(); }
  bool binary(binary_t&) override { return element(); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& key) override {
    Frame& frame = stack_.back();
    if (!frame.keys.insert(key).second) {
      errors_.push_back({pointer_append(frame.path, key),
                         "duplicate key " + nlohmann::json(key).dump() +
                             ": give each field once (the last value would silently win)"});
    }
    frame.key = key;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    position_ = position;
    message_ = error.what();
    return false;
  }

  std::size_t position() const { return position_; }
  const std::string& message() const { return message_; }

 private:
  struct Frame {
    bool object;
    std::string path;
    std::set<std::string> keys;
    std::string key;
    std::size_t items = 0;
  };

  /// The JSON pointer of the value that starts now (and counts it in its array).
  std::string next_path() {
    if (stack_.empty()) return "";
    Frame& parent = stack_.back();
    if (parent.object) return pointer_append(parent.path, parent.key);
    return pointer_append(parent.path, parent.items++);
  }
  bool element() {
    next_path();
    return true;
  }
  bool open(bool object) {
    std::string path = next_path();
    stack_.push_back(Frame{object, std::move(path), {}, {}, 0});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  Errors& errors_;
  std::vector<Frame> stack_;
  std::size_t position_ = 0;
  std::string message_;
};

/// "line L, column C: reason" from nlohmann's message and the byte position of the error.
std::string syntax_message(std::string_view text, std::size_t position, std::string what) {
  if (const auto bracket = what.find("] "); what.rfind("[json.exception", 0) == 0 &&
                                            bracket != std::string::npos) {
    what.erase(0, bracket + 2);
  }
  if (what.rfind("parse error", 0) == 0) {
    if (const auto colon = what.find(": "); colon != std::string::npos) what.erase(0, colon + 2);
  }
  const std::string_view before = text.substr(0, std::min(position, text.size()));
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t column =
      last_newline == std::string_view::npos ? before.size() : before.size() - last_newline - 1;
  return "not JSON: line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
         what;
}

}  // namespace

std::optional<nlohmann::json> parse_json_text(std::string_view text, Errors& errors) {
  Errors duplicates;
  DuplicateKeyFinder finder(duplicates);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &finder)) {
    errors.push_back({"", syntax_message(text, finder.position(), finder.message())});
    return std::nullopt;
  }
  errors.insert(errors.end(), duplicates.begin(), duplicates.end());
  return nlohmann::json::parse(text.begin(), text.end());
}

}  // namespace firmsim::io
