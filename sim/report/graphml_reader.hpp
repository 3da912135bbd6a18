#pragma once
// Streaming reader of GraphML files (the network snapshots a run writes; also those of networkx
// and Gephi): nodes and edges with their <data> values named by the keys' attr.name.
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace firmsim::report {

struct GraphmlElement {
  std::string id;      ///< node id (nodes)
  std::string source;  ///< edge ends (edges)
  std::string target;
  std::vector<std::pair<std::string, std::string>> data;  ///< (attr.name, value), file order

  /// The value of attribute `name`, or nullptr.
  const std::string* find(std::string_view name) const;
};

struct GraphmlCallbacks {
  std::function<void(const GraphmlElement&)> node;
  std::function<void(const GraphmlElement&)> edge;
};

/// Reads `file`, calling back once per node and per edge; throws std::runtime_error when the file
/// cannot be read or is not GraphML.
void read_graphml(const std::filesystem::path& file, const GraphmlCallbacks& callbacks);

}  // namespace firmsim::report
