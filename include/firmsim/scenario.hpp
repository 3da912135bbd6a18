#pragma once
/// The typed, immutable scenario: everything a run needs, parsed once from JSON.
///
/// Each struct's member initialisers are the documented defaults; `describe()` names each field
/// once for the parser, `firmsim init` and the schema generator. `Scenario{}` is the default
/// scenario (the one embedded in the program).
#include <cstdint>
#include <string>
#include <vector>

#include "firmsim/describe.hpp"

namespace firmsim {

struct CountrySpec {
  std::string name = "country";
  bool developed = true;
  double institutional_quality = 0.7;
  double ip_strength = 0.7;
  double leverage_limit = 1.5;
  double interest_spread = 0.01;
  double wage = 1.0;
  double export_access_cost = 0.05;
  double tax_rate = 0.25;

  template <class V>
  void describe(V& v) {
    v.field("name", name, Doc{.text = "unique name, referenced by regions"});
    v.field("developed", developed, Doc{.text = "developed (true) or developing (false) country"});
    v.field("institutional_quality", institutional_quality,
            Doc{0, 1, "", "contract enforcement; lowers transaction costs and opportunism"});
    v.field("ip_strength", ip_strength,
            Doc{0, 1, "", "strength of the IP regime; protects R&D ties and licensing"});
    v.field("leverage_limit", leverage_limit,
            Doc{0, 20, "ratio", "investment may not exceed this multiple of net worth"});
    v.field("interest_spread", interest_spread,
            Doc{0, 1, "1/quarter", "interest rate paid on debt, per step"});
    v.field("wage", wage, Doc{0.01, 100, "money/(employee*quarter)", "wage per employee"});
    v.field("export_access_cost", export_access_cost,
            Doc{0, 1, "share of export revenue", "cost of serving the world export market"});
    v.field("tax_rate", tax_rate, Doc{0, 1, "share of profit", "tax on positive profit"});
  }
};

struct RegionSpec {
  std::string name = "region";
  std::string country = "country";
  double x_km = 0;
  double y_km = 0;
  double infrastructure = 0.5;
  int research_institutes = 0;
  double entrepreneurship = 0.01;
  int firms = 100;

  template <class V>
  void describe(V& v) {
    v.field("name", name, Doc{.text = "unique region name"});
    v.field("country", country, Doc{.text = "name of the country the region belongs to"});
    v.field("x_km", x_km, Doc{-1e5, 1e5, "km", "position on the plane (east)"});
    v.field("y_km", y_km, Doc{-1e5, 1e5, "km", "position on the plane (north)"});
    v.field("infrastructure", infrastructure,
            Doc{0, 1, "", "infrastructure quality; lowers unit and transport costs"});
    v.field("research_institutes", research_institutes,
            Doc{0, 1000, "count", "universities / research institutes in the region"});
    v.field("entrepreneurship", entrepreneurship,
            Doc{0, 1, "entrants/(firm*quarter)", "base entry rate per incumbent firm"});
    v.field("firms", firms, Doc{0, 1e8, "count", "firms in the region at the start"});
  }
};

struct WorldSpec {
  int stages = 4;
  int knowledge_fields = 5;
  std::vector<CountrySpec> countries = default_countries();
  std::vector<RegionSpec> regions = default_regions();

  static std::vector<CountrySpec> default_countries();
  static std::vector<RegionSpec> default_regions();

  template <class V>
  void describe(V& v) {
    v.field("stages", stages,
            Doc{1, 16, "count", "value-chain stages; the last sells to final markets"});
    v.field("knowledge_fields", knowledge_fields,
            Doc{1, 32, "count", "length of each firm's knowledge profile"});
    v.list("countries", countries, 1, "countries; each has one domestic final market");
    v.list("regions", regions, 1, "regions, each in one country");
  }
};

struct PopulationSpec {
  std::vector<double> stage_shares = {0.25, 0.25, 0.25, 0.25};
  std::vector<double> size_class_shares = {0.70, 0.25, 0.045, 0.005};
  double log_productivity_mean = 0.0;
  double log_productivity_sd = 0.3;
  double developing_productivity_gap = 0.4;
  int initial_suppliers = 2;

  template <class V>
  void describe(V& v) {
    v.numbers("stage_shares", stage_shares,
              Doc{0, 1, "share", "share of firms in each stage (one per stage, sums to 1)"});
    v.numbers("size_class_shares", size_class_shares,
              Doc{0, 1, "share", "shares of micro, SME, large and multinational firms (sum 1)"});
    v.field("log_productivity_mean", log_productivity_mean,
            Doc{-10, 10, "log", "mean of log productivity at the start"});
    v.field("log_productivity_sd", log_productivity_sd,
            Doc{0, 5, "log", "standard deviation of log productivity at the start"});
    v.field("developing_productivity_gap", developing_productivity_gap,
            Doc{0, 5, "log", "log productivity handicap of firms in developing countries"});
    v.field("initial_suppliers", initial_suppliers,
            Doc{0, 100, "count", "supply ties each non-first-stage firm starts with"});
  }
};

struct OutputSpec {
  int snapshot_every = 0;
  bool graphml = true;
  int clustering_every = 1;

  template <class V>
  void describe(V& v) {
    v.field("snapshot_every", snapshot_every,
            Doc{0, 1e9, "steps", "write snapshots every K steps (0: none)"});
    v.field("graphml", graphml, Doc{.text = "write network.graphml at the end"});
    v.field("clustering_every", clustering_every,
            Doc{1, 1e9, "steps", "compute the clustering coefficient every K steps"});
  }
};

/// The whole scenario. Sections are added here as mechanisms land.
struct Scenario {
  std::string name = "default";
  std::string description = "";
  std::uint64_t seed = 1;
  int steps = 200;
  int steps_per_year = 4;
  WorldSpec world;
  PopulationSpec population;
  OutputSpec output;

  template <class V>
  void describe(V& v) {
    v.field("name", name, Doc{.text = "scenario name, copied into summary.json"});
    v.field("description", description, Doc{.text = "free text"});
    v.field("seed", seed, Doc{0, 1.8446744073709552e19, "", "master random seed"});
    v.field("steps", steps, Doc{0, 1e7, "steps", "number of steps to run"});
    v.field("steps_per_year", steps_per_year,
            Doc{1, 365, "steps/year", "steps per year (4: quarterly)"});
    v.object("world", world, "countries, regions and the value chain");
    v.object("population", population, "the initial firm population");
    v.object("output", output, "what is written and how often");
  }
};

}  // namespace firmsim
