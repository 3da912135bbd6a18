#pragma once
/// The typed, immutable scenario: everything a run needs, parsed once from JSON.
///
/// Each struct's member initialisers are the documented defaults; `describe()` names each field
/// once for the parser, `firmsim init` and the schema generator. `Scenario{}` is the default
/// scenario (the one embedded in the program).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "firmsim/cooperation_spec.hpp"
#include "firmsim/describe.hpp"
#include "firmsim/economy_spec.hpp"
#include "firmsim/policy_spec.hpp"

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
  int renumber_every = 4;
  int renumber_min_firms = 50000;
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
    v.field("renumber_every", renumber_every,
            Doc{0, 1e9, "steps",
                "every K steps, place the firms in memory by region and stage again (entrants "
                "are appended; 0: never), in worlds of at least renumber_min_firms firm slots: "
                "faster large runs; firms keep their ids and their random draws, and results "
                "differ only in the last digits of sums over firms"});
    v.field("renumber_min_firms", renumber_min_firms,
            Doc{0, 1e9, "count",
                "renumber only worlds with at least this many firm slots (alive and exited); "
                "smaller ones fit in the processor's caches and gain nothing"});
    v.list("countries", countries, 1, "countries; each has one domestic final market");
    v.list("regions", regions, 1, "regions, each in one country");
  }
};

struct PopulationSpec {
  std::vector<double> stage_shares = {0.25, 0.25, 0.25, 0.25};
  std::vector<double> size_class_shares = {0.9, 0.096, 0.0038, 0.0002};
  double log_productivity_mean = 0.0;
  double log_productivity_sd = 0.3;
  double developing_productivity_gap = 0.4;
  int initial_suppliers = 2;
  std::vector<double> size_class_employees = {1, 10, 250, 5000, 50000};

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
    v.numbers("size_class_employees", size_class_employees,
              Doc{1, 1e9, "employees",
                  "5 increasing bounds of the size classes; employees at the start are "
                  "log-normal within their class's bounds"});
  }
};

/// Innovation and learning (MODEL.md 2.5, 9) and firm technology at birth. Rates are per step.
struct InnovationSpec {
  std::vector<double> rd_intensity = {0.005, 0.01, 0.02, 0.04};
  double developing_rd_factor = 0.5;
  double rd_intensity_dispersion = 0.5;
  double rd_depreciation = 0.04;
  double rd_scale = 10.0;
  double rd_scale_revenue = 0.02;
  double rd_pooling = 0.5;
  double innovation_rate = 0.1;
  double innovation_beta_a = 2.0;
  double innovation_beta_b = 4.0;
  double innovation_step_min = -0.05;
  double innovation_step_max = 0.15;
  double innovation_knowledge_drift = 0.05;
  double innovation_exploration = 0.2;
  double imitation_rate = 0.1;
  double imitation_catch_up = 0.25;
  int imitation_candidates = 8;
  double cognitive_decay = 0.3;
  double geographic_decay_km = 500.0;
  double optimal_cognitive_distance = 0.3;
  double imitation_knowledge_pull = 0.5;
  double spillover_rate = 0.01;
  double spillover_cluster_scale = 50.0;
  double spillover_institute_boost = 0.2;
  std::vector<double> tie_learning = {0.05, 0.04, 0.03, 0.01, 0.05, 0.05, 0.03,
                                      0.02, 0.01, 0.02, 0.04, 0.02, 0.0,  0.01};
  double tie_knowledge_pull = 0.5;
  std::vector<double> absorptive_base = {0.15, 0.25, 0.4, 0.5};
  double absorptive_rd_scale = 100.0;
  double absorptive_adjustment = 0.05;
  double knowledge_concentration = 0.5;
  double knowledge_region_weight = 0.5;
  double knowledge_stage_weight = 0.3;
  double entrant_productivity_gap = 0.1;
  double spinoff_inheritance = 0.7;
  double spinoff_noise = 0.1;
  double spinoff_knowledge_inheritance = 0.8;

  template <class V>
  void describe(V& v) {
    v.numbers("rd_intensity", rd_intensity,
              Doc{0, 1, "share of revenue",
                  "mean R&D intensity of micro, SME, large and multinational firms (4 values)"});
    v.field("developing_rd_factor", developing_rd_factor,
            Doc{0, 10, "ratio", "R&D intensity multiplier for firms in developing countries"});
    v.field("rd_intensity_dispersion", rd_intensity_dispersion,
            Doc{0, 3, "log", "standard deviation of log R&D intensity across firms"});
    v.field("rd_depreciation", rd_depreciation,
            Doc{0, 1, "1/step", "share of the R&D stock lost each step"});
    v.field("rd_scale", rd_scale,
            Doc{1e-9, 1e12, "money/step", "R&D spending that sets the scale of the hazards"});
    v.field("rd_scale_revenue", rd_scale_revenue,
            Doc{0, 1e3, "share of revenue",
                "kappa: the hazards' R&D scale is rd_scale + kappa * revenue, so a large firm's "
                "innovation rate follows its R&D intensity, not its size"});
    v.field("rd_pooling", rd_pooling,
            Doc{0, 1, "share", "share of a two-way R&D partner's R&D added to effective R&D"});
    v.field("innovation_rate", innovation_rate,
            Doc{0, 1e3, "", "zeta: innovation probability is 1 - exp(-zeta R&D_eff / (rd_scale + kappa revenue))"});
    v.field("innovation_beta_a", innovation_beta_a,
            Doc{0.01, 100, "", "alpha of the Beta draw of an innovation's log step"});
    v.field("innovation_beta_b", innovation_beta_b,
            Doc{0.01, 100, "", "beta of the Beta draw of an innovation's log step"});
    v.field("innovation_step_min", innovation_step_min,
            Doc{-1, 0, "log", "lower end of the interval the Beta draw is mapped onto"});
    v.field("innovation_step_max", innovation_step_max,
            Doc{0, 1, "log", "upper end of that interval; only positive steps are kept"});
    v.field("innovation_knowledge_drift", innovation_knowledge_drift,
            Doc{0, 1, "share", "an innovation moves the knowledge profile this far to its field"});
    v.field("innovation_exploration", innovation_exploration,
            Doc{0, 1, "probability", "an innovation's field is uniform, else drawn by profile"});
    v.field("imitation_rate", imitation_rate,
            Doc{0, 1e3, "", "zeta_m: imitation probability 1 - exp(-zeta_m R&D absorptive/scale)"});
    v.field("imitation_catch_up", imitation_catch_up,
            Doc{0, 1, "share", "phi: share of the log gap closed at the optimal distance"});
    v.field("imitation_candidates", imitation_candidates,
            Doc{0, 1000, "count", "co-located firms sampled as imitation targets per attempt"});
    v.field("cognitive_decay", cognitive_decay,
            Doc{1e-6, 1e3, "", "lambda_c: target weight falls as exp(-distance / lambda_c)"});
    v.field("geographic_decay_km", geographic_decay_km,
            Doc{1e-6, 1e9, "km", "lambda_g: target weight falls as exp(-km / lambda_g)"});
    v.field("optimal_cognitive_distance", optimal_cognitive_distance,
            Doc{1e-6, 1, "", "d*: knowledge distance (0..1) at which learning is largest"});
    v.field("imitation_knowledge_pull", imitation_knowledge_pull,
            Doc{0, 1, "share", "knowledge profile moves this share of the productivity catch-up"});
    v.field("spillover_rate", spillover_rate,
            Doc{0, 1, "1/step", "pull toward the local frontier per unit of cluster size"});
    v.field("spillover_cluster_scale", spillover_cluster_scale,
            Doc{1e-6, 1e9, "firms", "n0: spillovers scale with log(1 + local firms / n0)"});
    v.field("spillover_institute_boost", spillover_institute_boost,
            Doc{0, 100, "1/institute", "relative rise of spillovers per research institute"});
    v.numbers("tie_learning", tie_learning,
              Doc{0, 1, "1/step",
                  "per tie type (tie-type order, 14 values): share of the gap to the teaching "
                  "partner closed per step at full absorptive capacity"});
    v.field("tie_knowledge_pull", tie_knowledge_pull,
            Doc{0, 1, "share", "knowledge profile moves this share of the tie learning"});
    v.numbers("absorptive_base", absorptive_base,
              Doc{0, 1, "", "absorptive capacity from human capital by size class (4 values)"});
    v.field("absorptive_rd_scale", absorptive_rd_scale,
            Doc{1e-9, 1e12, "money", "R&D stock that closes 63% of the way to full capacity"});
    v.field("absorptive_adjustment", absorptive_adjustment,
            Doc{0, 1, "1/step", "speed at which absorptive capacity grows or decays to its level"});
    v.field("knowledge_concentration", knowledge_concentration,
            Doc{0.01, 100, "", "Dirichlet concentration of knowledge profiles (low: specialised)"});
    v.field("knowledge_region_weight", knowledge_region_weight,
            Doc{0, 1, "share", "weight of the region's knowledge base in a new firm's profile"});
    v.field("knowledge_stage_weight", knowledge_stage_weight,
            Doc{0, 1, "share", "weight of the stage's knowledge base in the rest of the profile"});
    v.field("entrant_productivity_gap", entrant_productivity_gap,
            Doc{-5, 5, "log", "entrants start this far below the mean of their country and stage"});
    v.field("spinoff_inheritance", spinoff_inheritance,
            Doc{0, 1, "share", "weight of the parent's log productivity in a spin-off's"});
    v.field("spinoff_noise", spinoff_noise,
            Doc{0, 5, "log", "standard deviation of a spin-off's log productivity around that"});
    v.field("spinoff_knowledge_inheritance", spinoff_knowledge_inheritance,
            Doc{0, 1, "share", "weight of the parent's profile and absorptive capacity"});
  }
};

struct OutputSpec {
  /// With `graphml` "auto", network.graphml is written only when at most this many firms are
  /// alive at the end (about 60 bytes of GraphML per firm and tie: 100,000 firms give ~50 MB).
  static constexpr std::size_t kGraphmlAutoMaxFirms = 100000;

  int snapshot_every = 0;
  OnOffAuto graphml = OnOffAuto::automatic;
  int clustering_every = 1;

  template <class V>
  void describe(V& v) {
    v.field("snapshot_every", snapshot_every,
            Doc{0, 1e9, "steps", "write snapshots every K steps (0: none)"});
    v.on_off_auto("graphml", graphml,
                  Doc{.text = "write network.graphml at the end: true, false, or \"auto\" (only "
                              "when at most 100000 firms are alive at the end; the log says when "
                              "it is skipped)"});
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
  InnovationSpec innovation;
  MarketSpec market;
  ProductionSpec production;
  CostSpec costs;
  FinanceSpec finance;
  EntryExitSpec entry_exit;
  SupplySpec supply;
  TrustSpec trust;
  CooperationSpec cooperation;
  PolicySpec policy;
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
    v.object("innovation", innovation, "R&D, innovation, imitation, spillovers and learning");
    v.object("market", market, "final demand, market selection and pricing");
    v.object("production", production, "production along the supply network, spot market");
    v.object("costs", costs, "unit costs: agglomeration, infrastructure, transaction costs");
    v.object("finance", finance, "capital, debt, dividends and investment");
    v.object("entry_exit", entry_exit, "exit of failing firms and entry of new ones");
    v.object("supply", supply, "choice and switching of suppliers (subcontracting, oem)");
    v.object("trust", trust, "trust on ties and the end of ties");
    v.object("cooperation", cooperation,
             "partner search and what every cooperation tie type does (not supply ties)");
    v.object("policy", policy, "interventions, shocks and resilience measures");
    v.object("output", output, "what is written and how often");
  }
};

}  // namespace firmsim
