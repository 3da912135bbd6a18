#include "io/results_firm_links.hpp"

#include <stdexcept>
#include <string>

namespace firmsim::io {

namespace {

template <class V>
void check_size(const V& array, const char* name, std::size_t n) {
  if (array.size() != n)
    throw std::logic_error(std::string("firm array '") + name + "' has " +
                           std::to_string(array.size()) + " entries for " + std::to_string(n) +
                           " firms");
}

}  // namespace

void check_firm_arrays(const State& st) {
  const Firms& f = st.firms;
  const std::size_t n = f.size();
  check_size(f.country, "country", n);
  check_size(f.region, "region", n);
  check_size(f.stage, "stage", n);
  check_size(f.size_class, "size_class", n);
  check_size(f.birth_step, "birth_step", n);
  check_size(f.employees, "employees", n);
  check_size(f.log_productivity, "log_productivity", n);
  check_size(f.unit_cost, "unit_cost", n);
  check_size(f.output, "output", n);
  check_size(f.net_worth, "net_worth", n);
  check_size(f.exports, "exports", n);
  check_size(f.price, "price", n);
  check_size(f.revenue, "revenue", n);
  check_size(f.profit, "profit", n);
  check_size(f.rd_spend, "rd_spend", n);
  check_size(f.market_share, "market_share", n);
  if (boost::num_vertices(st.network.graph) != n)
    throw std::logic_error("the network has " +
                           std::to_string(boost::num_vertices(st.network.graph)) +
                           " vertices for " + std::to_string(n) + " firms");
  for (std::size_t i = 0; i < n; ++i) {
    if (f.country[i] >= st.countries.size() || f.region[i] >= st.regions.size())
      throw std::logic_error("firm " + std::to_string(i) + " refers to a missing country/region");
  }
  for (std::size_t i = 0; i < st.ties.size(); ++i) {
    if (st.ties[i].source >= n || st.ties[i].target >= n)
      throw std::logic_error("tie " + std::to_string(i) + " refers to a missing firm");
  }
  check_size(f.id, "id", n);
}

}  // namespace firmsim::io
