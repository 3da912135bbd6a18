// network.graphml: alive firms (isolated ones included) and alive ties, with typed attributes
// declared as GraphML keys so that networkx, Gephi and Boost.Graph read them.
#include <cmath>
#include <ostream>

#include "firmsim/io/results.hpp"
#include "io/results_firm_links.hpp"
#include "io/results_text.hpp"

namespace firmsim::io {

namespace {

struct Key {
  const char* name;
  const char* type;
};

// Booleans are written as int 0/1: Boost's reader accepts only 0/1 for "boolean" and Gephi only
// true/false, while every reader agrees on int.
constexpr Key kNodeKeys[] = {
    {"country", "string"},  {"region", "string"},     {"stage", "int"},
    {"size_class", "string"}, {"employees", "double"}, {"productivity", "double"},
    {"unit_cost", "double"}, {"output", "double"},     {"net_worth", "double"},
    {"exports", "double"},  {"age", "int"},           {"degree", "int"},
    {"cooperating", "int"}, {"gvc", "int"},
};
constexpr Key kEdgeKeys[] = {
    {"type", "string"},       {"start_step", "int"},    {"trust", "double"},
    {"share", "double"},      {"flow_goods", "double"}, {"flow_money", "double"},
    {"flow_knowledge", "double"},
};

void declare(TextOut& out, const char* domain, const char* prefix, const Key& k) {
  out << "  <key id=\"" << prefix << k.name << "\" for=\"" << domain << "\" attr.name=\""
      << k.name << "\" attr.type=\"" << k.type << "\"/>\n";
}

// Opens a <data> element; the caller writes the value.
TextOut& data(TextOut& out, char prefix, const char* key) {
  return out << "<data key=\"" << prefix << '_' << key << "\">";
}

}  // namespace

void write_graphml(std::ostream& os, const State& st) {
  check_firm_arrays(st);
  const Firms& f = st.firms;
  const FirmLinks links = firm_links(st);
  TextOut out(os);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
         " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
         " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
         " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  out << "  <key id=\"g_step\" for=\"graph\" attr.name=\"step\" attr.type=\"int\"/>\n";
  for (const Key& k : kNodeKeys) declare(out, "node", "v_", k);
  for (const Key& k : kEdgeKeys) declare(out, "edge", "e_", k);
  out << "  <graph id=\"firms\" edgedefault=\"directed\">\n    ";
  data(out, 'g', "step").integer(st.step) << "</data>\n";
  for (const FirmId i : places_by_id(f)) {  // in id order, whatever the firms' places
    if (!f.alive[i]) continue;
    out << "    <node id=\"";
    out.integer(f.id[i]) << "\">";
    data(out, 'v', "country").xml(st.countries[f.country[i]].spec.name) << "</data>";
    data(out, 'v', "region").xml(st.regions[f.region[i]].spec.name) << "</data>";
    data(out, 'v', "stage").integer(f.stage[i]) << "</data>";
    data(out, 'v', "size_class").xml(kSizeClassNames[f.size_class[i] % kSizeClassCount])
        << "</data>";
    data(out, 'v', "employees").xml_num(f.employees[i]) << "</data>";
    data(out, 'v', "productivity").xml_num(std::exp(f.log_productivity[i])) << "</data>";
    data(out, 'v', "unit_cost").xml_num(f.unit_cost[i]) << "</data>";
    data(out, 'v', "output").xml_num(f.output[i]) << "</data>";
    data(out, 'v', "net_worth").xml_num(f.net_worth[i]) << "</data>";
    data(out, 'v', "exports").xml_num(f.exports[i]) << "</data>";
    data(out, 'v', "age").integer(st.step - f.birth_step[i]) << "</data>";
    data(out, 'v', "degree").integer(links.degree[i]) << "</data>";
    data(out, 'v', "cooperating").integer(links.cooperative[i]) << "</data>";
    data(out, 'v', "gvc").integer(links.gvc[i]) << "</data></node>\n";
  }
  for (const Tie& t : st.ties) {
    if (!t.alive || !f.alive[t.source] || !f.alive[t.target]) continue;
    out << "    <edge source=\"";
    out.integer(f.id[t.source]) << "\" target=\"";
    out.integer(f.id[t.target]) << "\">";
    data(out, 'e', "type") << tie_name(t.type) << "</data>";
    data(out, 'e', "start_step").integer(t.start_step) << "</data>";
    data(out, 'e', "trust").xml_num(t.trust) << "</data>";
    data(out, 'e', "share").xml_num(t.share) << "</data>";
    data(out, 'e', "flow_goods").xml_num(t.flow_goods) << "</data>";
    data(out, 'e', "flow_money").xml_num(t.flow_money) << "</data>";
    data(out, 'e', "flow_knowledge").xml_num(t.flow_knowledge) << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

}  // namespace firmsim::io
