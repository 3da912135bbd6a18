// The default world: two countries (a developed North, a developing South) and twelve regions of
// different sizes, so that clusters of several sizes exist from the start.
#include "firmsim/scenario.hpp"

namespace firmsim {

// Labour cost that a tie of each type saves each partner per step at full trust: the shared
// equipment, services, purchasing and staff of cooperation (MODEL.md 3: "networks share risk
// and cost"). Most where the partners share plant or functions (joint venture: one plant;
// ownership: group services; modular supply and joint marketing: shared design or sales), less
// where a function is bought from the partner (OEM supply: the buyer designs and sells; a
// franchise's systems; a consortium's shared facilities), least where only knowledge moves
// (licences, R&D partnerships, information exchange). Plain subcontracting (arm's-length
// orders) and university ties (outside the firm network) save nothing.
std::vector<double> CooperationSpec::default_cost_saving() {
  //      lic   2nd   cross sub  oem   own   fran  rd    cons  univ jv    mod   jm    kx
  return {0.08, 0.08, 0.08, 0.0, 0.13, 0.15, 0.13, 0.08, 0.13, 0.0, 0.20, 0.15, 0.15, 0.05};
}

std::vector<CountrySpec> WorldSpec::default_countries() {
  CountrySpec north;
  north.name = "north";
  north.developed = true;
  north.institutional_quality = 0.85;
  north.ip_strength = 0.8;
  north.leverage_limit = 2.0;
  north.interest_spread = 0.01;
  north.wage = 1.0;
  north.export_access_cost = 0.04;
  CountrySpec south = north;
  south.name = "south";
  south.developed = false;
  south.institutional_quality = 0.45;
  south.ip_strength = 0.35;
  south.leverage_limit = 1.0;
  south.interest_spread = 0.025;
  south.wage = 0.35;
  south.export_access_cost = 0.10;
  return {north, south};
}

std::vector<RegionSpec> WorldSpec::default_regions() {
  struct Row {
    const char* name;
    const char* country;
    double x, y, infrastructure;
    int institutes;
    int firms;
  };
  // Positions in km; the South lies about 3,000 km from the North.
  const Row rows[] = {
      {"n_capital", "north", 0, 0, 0.9, 3, 520},      {"n_coast", "north", 180, 60, 0.8, 1, 330},
      {"n_valley", "north", 90, 210, 0.75, 1, 240},   {"n_hills", "north", -150, 120, 0.6, 0, 150},
      {"n_plains", "north", -60, -200, 0.6, 0, 110},  {"n_border", "north", 300, -150, 0.5, 0, 60},
      {"s_capital", "south", 2800, 900, 0.6, 1, 450}, {"s_port", "south", 3000, 850, 0.55, 0, 300},
      {"s_delta", "south", 2900, 1100, 0.4, 0, 200},  {"s_highland", "south", 2650, 1050, 0.3, 0, 140},
      {"s_interior", "south", 3100, 1200, 0.3, 0, 90}, {"s_north", "south", 2750, 700, 0.35, 0, 60},
  };
  std::vector<RegionSpec> out;
  for (const Row& r : rows) {
    RegionSpec s;
    s.name = r.name;
    s.country = r.country;
    s.x_km = r.x;
    s.y_km = r.y;
    s.infrastructure = r.infrastructure;
    s.research_institutes = r.institutes;
    s.entrepreneurship = 0.01;
    s.firms = r.firms;
    out.push_back(s);
  }
  return out;
}

}  // namespace firmsim
