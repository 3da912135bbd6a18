#pragma once
/// Scenario section `policy` (MODEL.md section 5): interventions, shocks and the settings of the
/// resilience measures. Each intervention and each shock names its `type`, one row of the
/// registries in sim/policy/registry.cpp (which validate and apply it); the parameters that a
/// type does not use are ignored (docs/ODD.md, "Policy and shocks", lists which type reads
/// which). Targets are indices into world.countries, world.regions, the stages and the size
/// classes (0 micro, 1 SME, 2 large, 3 multinational); an empty list means all.
#include <string>
#include <vector>

#include "firmsim/describe.hpp"

namespace firmsim {

struct InterventionSpec {
  std::string type = "rd_subsidy";
  std::string name = "";
  int start = 0;
  int sunset = 0;
  std::vector<double> countries = {};
  std::vector<double> regions = {};
  std::vector<double> stages = {};
  std::vector<double> size_classes = {};
  double budget = 0;
  double total_budget = 0;
  int max_firms = 0;
  std::string selection = "merit";
  // type-specific parameters
  double share = 0.5;
  int performance_steps = 0;
  int brokered_candidates = 3;
  double brokered_trust = 0.6;
  double search_cost_cover = 0.5;
  double operating_cost = 10;
  double cost_per_contact = 0.5;
  double cost_per_firm = 1;
  double absorptive_gain = 0.05;
  double leverage_bonus = 1.0;
  double spread_cut = 0.005;
  double guarantee_cost = 0.002;
  double export_cost_cut = 0.5;
  double infrastructure_gain = 0.02;
  int research_institutes = 1;
  double entry_boost = 0.005;
  double target_value = 0.9;
  double speed = 0.05;
  double productivity_premium = 0.5;
  double brand = 0.8;
  double employees = 2000;
  double grant = 0;
  int local_suppliers = 5;

  template <class V>
  void describe(V& v) {
    v.field("type", type,
            Doc{.text = "rd_subsidy, technology_grant, brokerage, cluster_programme, training, "
                        "credit_guarantee, export_promotion, ip_reform, institutional_reform or "
                        "multinational_buyer"});
    v.field("name", name, Doc{.text = "label in policy.csv and summary.json (unique; default "
                                      "<type>_<index>)"});
    v.field("start", start, Doc{0, 1e7, "step", "first step the intervention is active"});
    v.field("sunset", sunset,
            Doc{0, 1e7, "step", "first step it is no longer active (0: runs to the end)"});
    v.numbers("countries", countries,
              Doc{0, 65535, "index", "target countries (indices into world.countries; [] all)"});
    v.numbers("regions", regions,
              Doc{0, 65535, "index", "target regions (indices into world.regions; [] all)"});
    v.numbers("stages", stages, Doc{0, 15, "index", "target value-chain stages ([] all)"});
    v.numbers("size_classes", size_classes,
              Doc{0, 3, "index", "target size classes: 0 micro, 1 SME, 2 large, 3 multinational "
                                 "([] all)"});
    v.field("budget", budget,
            Doc{0, 1e15, "money/step", "most the programme spends in one step (0: no limit)"});
    v.field("total_budget", total_budget,
            Doc{0, 1e15, "money", "most it spends over its whole life (0: no limit)"});
    v.field("max_firms", max_firms,
            Doc{0, 1e9, "count", "most firms supported in one step (0: no limit)"});
    v.choice("selection", selection, {"merit", "connections"},
             Doc{.text = "who is served first when budget or max_firms bind: merit (highest "
                         "productivity) or connections (most ties, then largest: capture)"});
    v.field("share", share,
            Doc{0, 0.95, "share", "rd_subsidy: share of R&D spend paid; technology_grant: share "
                                  "of licensing and franchising fees paid"});
    v.field("performance_steps", performance_steps,
            Doc{0, 1e6, "steps", "rd_subsidy: a funded firm that does not innovate for this many "
                                 "steps loses the funding for good (0: no criterion)"});
    v.field("brokered_candidates", brokered_candidates,
            Doc{0, 100, "count", "brokerage: extra partner candidates per searching firm"});
    v.field("brokered_trust", brokered_trust,
            Doc{0, 1, "", "brokerage: initial trust of brokered ties"});
    v.field("search_cost_cover", search_cost_cover,
            Doc{0, 1, "share", "brokerage: share of search and contract costs paid"});
    v.field("operating_cost", operating_cost,
            Doc{0, 1e15, "money/step",
                "brokerage, cluster_programme: cost per target region and step; ip_reform, "
                "institutional_reform: cost per target country and step"});
    v.field("cost_per_contact", cost_per_contact,
            Doc{0, 1e15, "money", "brokerage: cost of one brokered contact (a candidate brought "
                                  "to a firm that searches for a partner)"});
    v.field("cost_per_firm", cost_per_firm,
            Doc{0, 1e15, "money/step",
                "training, export_promotion: cost per supported firm and step"});
    v.field("absorptive_gain", absorptive_gain,
            Doc{0, 1, "1/step", "training: share of the gap to full absorptive capacity closed "
                                "per step"});
    v.field("leverage_bonus", leverage_bonus,
            Doc{0, 20, "ratio", "credit_guarantee: added to the country's leverage limit"});
    v.field("spread_cut", spread_cut,
            Doc{0, 1, "1/step", "credit_guarantee: interest spread taken off (the state pays it)"});
    v.field("guarantee_cost", guarantee_cost,
            Doc{0, 1, "1/step", "credit_guarantee: expected loss the state bears per unit of "
                                "guaranteed debt and step"});
    v.field("export_cost_cut", export_cost_cut,
            Doc{0, 1, "share", "export_promotion: share of the export access cost removed"});
    v.field("infrastructure_gain", infrastructure_gain,
            Doc{0, 1, "1/step", "cluster_programme: share of the gap to infrastructure 1 closed "
                                "per step"});
    v.field("research_institutes", research_institutes,
            Doc{0, 1000, "count", "cluster_programme: institutes added at the start"});
    v.field("entry_boost", entry_boost,
            Doc{0, 1, "entrants/(firm*step)", "cluster_programme: incubation, added to the "
                                              "region's entrepreneurship rate while active"});
    v.field("target_value", target_value,
            Doc{0, 1, "", "ip_reform, institutional_reform: level the country moves toward"});
    v.field("speed", speed,
            Doc{0, 1, "1/step", "ip_reform, institutional_reform: share of the gap closed per "
                                "step"});
    v.field("productivity_premium", productivity_premium,
            Doc{-5, 5, "log", "multinational_buyer: log A above the mean of its stage and "
                              "country"});
    v.field("brand", brand, Doc{0, 1, "", "multinational_buyer: brand"});
    v.field("employees", employees,
            Doc{1, 1e9, "employees", "multinational_buyer: employees; sets its capacity"});
    v.field("grant", grant,
            Doc{0, 1e15, "money", "multinational_buyer: one-off grant paid at the start"});
    v.field("local_suppliers", local_suppliers,
            Doc{0, 1000, "count", "multinational_buyer: supply ties to the most productive "
                                  "firms of the previous stage in its region"});
  }
};

struct ShockSpec {
  std::string type = "demand";
  std::string name = "";
  int start = 0;
  int duration = 0;
  int market = -1;
  double factor = 0.8;
  int count = 1;
  std::string selection = "hubs";
  int region = -1;
  int stage = -1;
  int country = -1;
  double capacity_loss = 0.3;
  double access_cost_rise = 0.1;
  double log_change = -0.1;

  template <class V>
  void describe(V& v) {
    v.field("type", type,
            Doc{.text = "demand, firm_failure, regional_disaster, trade_barrier or technology"});
    v.field("name", name, Doc{.text = "label in summary.json (unique; default <type>_<index>)"});
    v.field("start", start, Doc{0, 1e7, "step", "step at which the shock hits"});
    v.field("duration", duration,
            Doc{0, 1e7, "steps", "demand, trade_barrier: steps until it is lifted (0: never)"});
    v.field("market", market,
            Doc{-1, 65535, "index", "demand: market hit (0..countries-1 domestic, countries = "
                                    "export market, -1 all)"});
    v.field("factor", factor, Doc{0, 100, "ratio", "demand: demand is multiplied by this"});
    v.field("count", count, Doc{0, 1e9, "count", "firm_failure: firms that fail"});
    v.choice("selection", selection, {"hubs", "random"},
             Doc{.text = "firm_failure: the firms with most ties (lowest id first on ties) or "
                         "random ones"});
    v.field("region", region,
            Doc{-1, 65535, "index", "firm_failure, regional_disaster: region (-1: any; "
                                    "regional_disaster needs one)"});
    v.field("stage", stage,
            Doc{-1, 15, "index", "firm_failure, technology: stage (-1: any)"});
    v.field("country", country,
            Doc{-1, 65535, "index", "trade_barrier, technology: country (-1: all)"});
    v.field("capacity_loss", capacity_loss,
            Doc{0, 1, "share", "regional_disaster: share of capacity (and its capital) lost"});
    v.field("access_cost_rise", access_cost_rise,
            Doc{0, 1, "share of export revenue", "trade_barrier: added to export_access_cost"});
    v.field("log_change", log_change,
            Doc{-5, 5, "log", "technology: change of log productivity"});
  }
};

/// The `policy` section.
struct PolicySpec {
  std::vector<InterventionSpec> interventions = {};
  std::vector<ShockSpec> shocks = {};
  int trend_window = 8;
  double recovery_tolerance = 0.01;

  template <class V>
  void describe(V& v) {
    v.list("interventions", interventions, 0, "policy interventions (docs/ODD.md)");
    v.list("shocks", shocks, 0, "shocks (docs/ODD.md)");
    v.field("trend_window", trend_window,
            Doc{1, 1e6, "steps", "resilience: steps before a shock that fix its output trend"});
    v.field("recovery_tolerance", recovery_tolerance,
            Doc{0, 1, "share", "resilience: output within this share of the trend counts as "
                               "recovered"});
  }
};

/// The label of item `index` of an interventions or shocks list: its name or <type>_<index>.
template <class Spec>
std::string policy_label(const Spec& spec, std::size_t index) {
  return spec.name.empty() ? spec.type + "_" + std::to_string(index) : spec.name;
}

}  // namespace firmsim
