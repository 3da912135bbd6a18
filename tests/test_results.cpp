// The result files (sim/io/results_*.cpp): firms.csv, ties.csv and network.graphml of a small
// hand-made state, the GraphML read back with Boost's reader, and the columns documented in
// docs/OUTPUTS.md.
#include <unistd.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "firmsim/io/results.hpp"
#include "firmsim/metrics.hpp"

using namespace firmsim;

namespace {

/// Five firms in two countries: 0-1-2 tied, 3 alive and isolated, 4 dead (with a tie still
/// alive in the table, which the GraphML leaves out). Names hold XML and CSV specials.
State small_state() {
  State st;
  st.step = 7;
  st.knowledge_fields = 1;
  CountrySpec north, south;
  north.name = "north & <co>";
  south.name = "south, \"quoted\"";
  st.countries = {{north}, {south}};
  RegionSpec a, b;
  a.name = "a'1";
  b.name = "b";
  st.regions = {{a, 0}, {b, 1}};
  st.firms.resize(5, 1);
  Firms& f = st.firms;
  for (std::size_t i = 0; i < 5; ++i) {
    f.alive[i] = i != 4;
    f.country[i] = i < 2 ? 0 : 1;
    f.region[i] = i < 2 ? 0 : 1;
    f.stage[i] = static_cast<std::uint8_t>(i % 3);
    f.size_class[i] = static_cast<std::uint8_t>(i % kSizeClassCount);
    f.birth_step[i] = static_cast<std::int32_t>(i);
    f.employees[i] = 1.5 + static_cast<double>(i);
    f.log_productivity[i] = 0.1 * static_cast<double>(i) - 0.123456789;
    f.unit_cost[i] = 1.0 / 3.0 + static_cast<double>(i);
    f.output[i] = 10.0 * static_cast<double>(i) + 0.1;
    f.net_worth[i] = -2.5 + static_cast<double>(i);
    f.exports[i] = i == 3 ? 0.7 : 0.0;
  }
  auto tie = [&st](FirmId s, FirmId t, TieType type, float trust, double goods) {
    Tie x;
    x.source = s;
    x.target = t;
    x.type = type;
    x.trust = trust;
    x.start_step = static_cast<std::int32_t>(s + t);
    x.share = 0.25;
    x.flow_goods = goods;
    x.flow_money = goods * 1.1;
    x.flow_knowledge = goods / 7.0;
    st.ties.push_back(x);
  };
  tie(0, 1, TieType::subcontracting, 0.61f, 12.5);
  tie(1, 2, TieType::licensing, 0.3333f, 0.1);
  tie(2, 0, TieType::rd_partnership, 0.9f, 1e-9);
  tie(1, 0, TieType::oem, 0.5f, 3);  // a parallel tie, other direction
  tie(4, 2, TieType::subcontracting, 0.5f, 1);  // to the dead firm
  Tie ended;
  ended.source = 0;
  ended.target = 3;
  ended.alive = 0;
  st.ties.push_back(ended);
  rebuild_network(st.network, st.ties, st.firms.size());
  return st;
}

struct NodeProps {
  std::string country, region, size_class;
  int stage = -1, age = -1, degree = -1, cooperating = -1, gvc = -1;
  double employees = 0, productivity = 0, unit_cost = 0, output = 0, net_worth = 0, exports = 0;
};
struct EdgeProps {
  std::string type;
  int start_step = -1;
  double trust = 0, share = 0, flow_goods = 0, flow_money = 0, flow_knowledge = 0;
};
struct GraphProps {
  int step = -1;
};
using ReadGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, NodeProps,
                                        EdgeProps, GraphProps>;

ReadGraph read_back(const std::string& xml) {
  ReadGraph g;
  boost::dynamic_properties dp;  // every key must be known: unknown ones throw
  dp.property("country", boost::get(&NodeProps::country, g));
  dp.property("region", boost::get(&NodeProps::region, g));
  dp.property("size_class", boost::get(&NodeProps::size_class, g));
  dp.property("stage", boost::get(&NodeProps::stage, g));
  dp.property("age", boost::get(&NodeProps::age, g));
  dp.property("degree", boost::get(&NodeProps::degree, g));
  dp.property("cooperating", boost::get(&NodeProps::cooperating, g));
  dp.property("gvc", boost::get(&NodeProps::gvc, g));
  dp.property("employees", boost::get(&NodeProps::employees, g));
  dp.property("productivity", boost::get(&NodeProps::productivity, g));
  dp.property("unit_cost", boost::get(&NodeProps::unit_cost, g));
  dp.property("output", boost::get(&NodeProps::output, g));
  dp.property("net_worth", boost::get(&NodeProps::net_worth, g));
  dp.property("exports", boost::get(&NodeProps::exports, g));
  dp.property("type", boost::get(&EdgeProps::type, g));
  dp.property("start_step", boost::get(&EdgeProps::start_step, g));
  dp.property("trust", boost::get(&EdgeProps::trust, g));
  dp.property("share", boost::get(&EdgeProps::share, g));
  dp.property("flow_goods", boost::get(&EdgeProps::flow_goods, g));
  dp.property("flow_money", boost::get(&EdgeProps::flow_money, g));
  dp.property("flow_knowledge", boost::get(&EdgeProps::flow_knowledge, g));
  dp.property("step", boost::ref_property_map<ReadGraph*, int>(g[boost::graph_bundle].step));
  std::istringstream in(xml);
  boost::read_graphml(in, g, dp);
  return g;
}

/// The node ids in document order (Boost numbers vertices in that order).
std::vector<long> node_ids(const std::string& xml) {
  std::vector<long> ids;
  const std::string tag = "<node id=\"";
  for (auto p = xml.find(tag); p != std::string::npos; p = xml.find(tag, p + 1))
    ids.push_back(std::stol(xml.substr(p + tag.size())));
  return ids;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field), field.clear();
    } else if (c == '\n') {
      row.push_back(field), field.clear();
      rows.push_back(row), row.clear();
    } else {
      field += c;
    }
  }
  return rows;
}

}  // namespace

TEST_CASE("network.graphml reads back with Boost's GraphML reader unchanged", "[outputs]") {
  const State st = small_state();
  std::ostringstream os;
  io::write_graphml(os, st);
  const std::string xml = os.str();
  const ReadGraph g = read_back(xml);

  CHECK(g[boost::graph_bundle].step == 7);
  // Alive firms only, the isolated one included, in id order.
  REQUIRE(boost::num_vertices(g) == 4);
  const std::vector<long> ids = node_ids(xml);
  REQUIRE(ids == std::vector<long>{0, 1, 2, 3});
  const FirmLinks links = firm_links(st);
  for (std::size_t v = 0; v < 4; ++v) {
    const std::size_t i = static_cast<std::size_t>(ids[v]);
    const NodeProps& p = g[v];
    const Firms& f = st.firms;
    INFO("firm " << i);
    CHECK(p.country == st.countries[f.country[i]].spec.name);
    CHECK(p.region == st.regions[f.region[i]].spec.name);
    CHECK(p.size_class == kSizeClassNames[f.size_class[i]]);
    CHECK(p.stage == f.stage[i]);
    CHECK(p.age == st.step - f.birth_step[i]);
    CHECK(p.degree == static_cast<int>(links.degree[i]));
    CHECK(p.cooperating == (links.degree[i] > 0));
    CHECK(p.gvc == links.gvc[i]);
    CHECK(p.employees == f.employees[i]);  // exact: shortest round-trip decimals
    CHECK(p.productivity == std::exp(f.log_productivity[i]));
    CHECK(p.unit_cost == f.unit_cost[i]);
    CHECK(p.output == f.output[i]);
    CHECK(p.net_worth == f.net_worth[i]);
    CHECK(p.exports == f.exports[i]);
  }
  CHECK(g[0].degree == 2);
  CHECK(g[3].degree == 0);
  CHECK(g[3].gvc == 1);   // exports
  CHECK(g[2].gvc == 1);   // tied across countries
  CHECK(g[0].gvc == 1);   // tied to 2, of the other country
  // Alive ties between alive firms, in tie-table order, with their type and flows.
  REQUIRE(boost::num_edges(g) == 4);
  std::size_t k = 0;
  for (const Tie& t : st.ties) {
    if (!t.alive || !st.firms.alive[t.source] || !st.firms.alive[t.target]) continue;
    bool found = false;
    for (auto [it, end] = boost::out_edges(t.source, g); it != end; ++it) {
      const EdgeProps& e = g[*it];
      if (boost::target(*it, g) != t.target || e.type != tie_name(t.type)) continue;
      found = true;
      CHECK(e.start_step == t.start_step);
      CHECK(static_cast<float>(e.trust) == t.trust);
      CHECK(e.share == t.share);
      CHECK(e.flow_goods == t.flow_goods);
      CHECK(e.flow_money == t.flow_money);
      CHECK(e.flow_knowledge == t.flow_knowledge);
    }
    CHECK(found);
    ++k;
  }
  CHECK(k == 4);
  // Every attribute is declared, and names are escaped.
  CHECK(xml.find("attr.name=\"type\"") != std::string::npos);
  CHECK(xml.find("north &amp; &lt;co&gt;") != std::string::npos);
}

TEST_CASE("output.graphml auto: network.graphml up to 100000 alive firms, a note beyond",
          "[outputs]") {
  CHECK(OutputSpec::kGraphmlAutoMaxFirms == 100000);
  CHECK(io::graphml_wanted(OnOffAuto::automatic, 0));
  CHECK(io::graphml_wanted(OnOffAuto::automatic, 100000));
  CHECK_FALSE(io::graphml_wanted(OnOffAuto::automatic, 100001));
  CHECK(io::graphml_wanted(OnOffAuto::on, 5000000));
  CHECK_FALSE(io::graphml_wanted(OnOffAuto::off, 5));

  std::string pattern =
      (std::filesystem::temp_directory_path() / "firmsim-graphml-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const std::filesystem::path dir = pattern;
  const auto finish = [&dir](const State& st, OnOffAuto mode, std::vector<std::string>& notes) {
    std::filesystem::remove(dir / "network.graphml");
    const Scenario sc;
    const auto writer = io::make_final_state_writer(
        dir, mode, [&notes](const std::string& note) { notes.push_back(note); });
    writer->on_finish(io::RunView{sc, st, {}}, io::RunInfo{});
    return std::filesystem::exists(dir / "network.graphml");
  };
  std::vector<std::string> notes;
  const State small = small_state();
  CHECK(finish(small, OnOffAuto::automatic, notes));
  CHECK_FALSE(finish(small, OnOffAuto::off, notes));
  CHECK(notes.empty());  // false is what was asked: nothing to say

  // One firm over the limit, all isolated: skipped, and the note says why.
  State big;
  big.knowledge_fields = 1;
  big.countries = {{CountrySpec{}}};
  big.regions = {{RegionSpec{}, 0}};
  big.firms.resize(OutputSpec::kGraphmlAutoMaxFirms + 1, 1);
  std::fill(big.firms.alive.begin(), big.firms.alive.end(), std::uint8_t{1});
  rebuild_network(big.network, big.ties, big.firms.size());
  CHECK_FALSE(finish(big, OnOffAuto::automatic, notes));
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::Contains("network.graphml not written") &&
                           Catch::Contains("100001 firms") && Catch::Contains("\"auto\""));
  CHECK(std::filesystem::exists(dir / "firms.csv"));

  // Snapshots follow the same rule: their firms file always, their GraphML only when wanted.
  const auto snapshot = [&dir](const State& st, OnOffAuto mode) {
    std::filesystem::remove_all(dir / "snapshots");
    const Scenario sc;
    io::make_snapshot_writer(dir, 4, mode)->on_step(io::RunView{sc, st, {}}, 8);
    CHECK(std::filesystem::exists(dir / "snapshots" / "firms_8.csv"));
    return std::filesystem::exists(dir / "snapshots" / "network_8.graphml");
  };
  CHECK(snapshot(small, OnOffAuto::automatic));
  CHECK_FALSE(snapshot(small, OnOffAuto::off));
  CHECK_FALSE(snapshot(big, OnOffAuto::automatic));
  CHECK(snapshot(small, OnOffAuto::on));
  std::filesystem::remove_all(dir);
}

TEST_CASE("firms.csv has one row per firm, ties.csv one per alive tie", "[outputs]") {
  const State st = small_state();
  std::ostringstream fo, to;
  io::write_firms_csv(fo, st);
  io::write_ties_csv(to, st);
  const auto firms = parse_csv(fo.str());
  REQUIRE(firms.size() == 6);
  const auto& h = firms[0];
  const std::vector<std::string> head{"id",         "country",    "region",    "stage",
                                      "size_class", "alive",      "employees", "productivity",
                                      "unit_cost",  "output",     "net_worth", "exports",
                                      "age",        "degree",     "cooperating", "gvc"};
  REQUIRE(h.size() >= head.size() + kTieTypeCount);
  CHECK(std::vector<std::string>(h.begin(), h.begin() + head.size()) == head);
  auto col = [&h](const std::string& name) {
    for (std::size_t c = 0; c < h.size(); ++c)
      if (h[c] == name) return c;
    FAIL("no column " << name);
    return std::size_t{0};
  };
  for (std::size_t r = 1; r < firms.size(); ++r) REQUIRE(firms[r].size() == h.size());
  CHECK(firms[1][col("country")] == "north & <co>");
  CHECK(firms[3][col("country")] == "south, \"quoted\"");
  CHECK(firms[5][col("alive")] == "0");
  CHECK(firms[1][col("degree")] == "2");
  CHECK(firms[1][col("cooperating")] == "1");
  CHECK(firms[4][col("cooperating")] == "0");
  CHECK(firms[4][col("gvc")] == "1");
  CHECK(firms[3][col("age")] == "5");
  CHECK(std::stod(firms[2][col("employees")]) == st.firms.employees[1]);
  // Ties by type: firm 0 has one subcontracting, one rd_partnership and one oem tie.
  CHECK(firms[1][col("ties_subcontracting")] == "1");
  CHECK(firms[1][col("ties_rd_partnership")] == "1");
  CHECK(firms[1][col("ties_oem")] == "1");
  CHECK(firms[1][col("ties_licensing")] == "0");
  CHECK(firms[5][col("ties_subcontracting")] == "0");  // dead firm

  const auto ties = parse_csv(to.str());
  REQUIRE(ties.size() == 6);  // header + 5 alive rows (the ended one left out)
  CHECK(ties[0] == std::vector<std::string>{"source", "target", "type", "start_step", "trust",
                                            "share", "flow_goods", "flow_money",
                                            "flow_knowledge"});
  CHECK(ties[2][2] == "licensing");
  CHECK(ties[2][4] == "0.3333");
  CHECK(std::stod(ties[1][6]) == 12.5);
  CHECK(std::stod(ties[3][8]) == 1e-9 / 7.0);
}

TEST_CASE("every timeseries, firms and ties column is documented in docs/OUTPUTS.md",
          "[outputs]") {
  std::ifstream in(std::string(FIRMSIM_SOURCE_DIR) + "/docs/OUTPUTS.md");
  REQUIRE(in.good());
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Each column appears as a table row "| `name` |".
  auto documented = [&doc](const std::string& name) {
    return doc.find("| `" + name + "` |") != std::string::npos;
  };
  CHECK(documented("step"));
  for (const MetricDefinition& m : metric_definitions()) {
    INFO("timeseries column " << m.name);
    CHECK(documented(m.name));
    // The unit and meaning in the table match the code.
    CHECK(doc.find("| `" + m.name + "` | " + m.unit + " | " + m.meaning + " |") !=
          std::string::npos);
  }
  const State st = small_state();
  std::ostringstream fo, to;
  io::write_firms_csv(fo, st);
  io::write_ties_csv(to, st);
  for (const std::string& text : {fo.str(), to.str()}) {
    const auto rows = parse_csv(text);
    for (const std::string& name : rows.at(0)) {
      INFO("column " << name);
      CHECK(documented(name));
    }
  }
}

TEST_CASE("firms.csv counts ties by type right when the network is stale", "[outputs]") {
  // firms.csv counts a firm's ties from its incident list when the lists match the tie table
  // (after every step), and from the tie table otherwise: both must give the same rows.
  State stale = small_state();
  Tie extra;
  extra.source = 3;
  extra.target = 1;
  extra.type = TieType::licensing;
  stale.ties.push_back(extra);  // not in the network's lists yet
  State fresh = stale;
  rebuild_network(fresh.network, fresh.ties, fresh.firms.size());
  std::ostringstream a, b;
  io::write_firms_csv(a, stale);
  io::write_firms_csv(b, fresh);
  const auto firms = parse_csv(b.str());
  const auto from_table = parse_csv(a.str());
  const auto& h = firms[0];
  REQUIRE(from_table.size() == firms.size());
  for (std::size_t r = 1; r < firms.size(); ++r)  // the ties_<type> columns (degree reads the
    for (std::size_t c = 0; c < h.size(); ++c)      // network itself, so it is stale there)
      if (h[c].rfind("ties_", 0) == 0) CHECK(from_table[r][c] == firms[r][c]);
  const auto licensing = std::find(h.begin(), h.end(), "ties_licensing") - h.begin();
  CHECK(firms[4][licensing] == "1");  // firm 3's new tie
  CHECK(firms[2][licensing] == "2");  // firm 1: the old licensing tie and the new one
}
