#pragma once
/// Scenario parameters of the firm economy (MODEL.md sections 2 and 9): markets, production,
/// costs, finance, entry and exit, supply ties and trust. Rates are per step (a quarter by
/// default); money is in the scenario's money unit (a wage of 1 pays one employee for a step).
#include <string>
#include <vector>

#include "firmsim/describe.hpp"

namespace firmsim {

/// Final demand and market selection (replicator dynamics in logit form, MODEL.md 9), prices.
struct MarketSpec {
  double initial_utilisation = 0.85;
  double demand_growth = 0.02;
  double demand_noise = 0.01;
  double initial_export_fraction = 0.3;
  double selection = 0.05;
  double price_weight = 1.0;
  double quality_weight = 0.5;
  double brand_weight = 0.3;
  double unfilled_weight = 1.0;
  double distance_weight = 0.2;
  double export_cost_weight = 2.0;
  double export_entry_gap = 0.2;
  double export_exit_gap = 0.05;
  double entrant_share = 0.3;
  std::vector<double> initial_brand = {0.1, 0.2, 0.4, 0.6};
  double oem_brand_decay = 0.02;
  double initial_markup = 0.15;
  double markup_min = 0.03;
  double markup_max = 0.5;
  double markup_adjustment = 0.05;

  template <class V>
  void describe(V& v) {
    v.field("initial_utilisation", initial_utilisation,
            Doc{0.05, 1, "share", "capacity utilisation at the start; sets initial demand"});
    v.field("demand_growth", demand_growth,
            Doc{-0.5, 0.5, "1/year", "trend growth of final demand in every market"});
    v.field("demand_noise", demand_noise,
            Doc{0, 1, "log", "standard deviation of the per-step log demand shock of a market"});
    v.field("initial_export_fraction", initial_export_fraction,
            Doc{0, 1, "share", "share of an initial exporter's sales on the export market"});
    v.field("selection", selection,
            Doc{0, 100, "", "chi: strength of replicator selection on competitiveness per step"});
    v.field("price_weight", price_weight,
            Doc{0, 100, "", "omega_p: weight of -log(price / market mean price)"});
    v.field("quality_weight", quality_weight,
            Doc{0, 100, "", "omega_q: weight of log(productivity / market mean productivity)"});
    v.field("brand_weight", brand_weight, Doc{0, 100, "", "omega_b: weight of brand (0..1)"});
    v.field("unfilled_weight", unfilled_weight,
            Doc{0, 100, "", "omega_u: weight of the share of last step's demand left unfilled"});
    v.field("distance_weight", distance_weight,
            Doc{0, 100, "1/(1000 km)", "competitiveness lost per 1000 km from the market centre"});
    v.field("export_cost_weight", export_cost_weight,
            Doc{0, 100, "", "competitiveness lost on the export market per unit of access cost"});
    v.field("export_entry_gap", export_entry_gap,
            Doc{-5, 5, "log",
                "a final-stage firm exports once its log productivity exceeds the final-stage "
                "mean by this plus export_cost_weight times its country's export access cost"});
    v.field("export_exit_gap", export_exit_gap,
            Doc{0, 5, "log", "hysteresis: an exporter stops once this far below the entry line"});
    v.field("entrant_share", entrant_share,
            Doc{0, 10, "share of 1/n", "market share of a newcomer to a market, times 1/(firms)"});
    v.numbers("initial_brand", initial_brand,
              Doc{0, 1, "", "brand of micro, SME, large and multinational firms at birth"});
    v.field("oem_brand_decay", oem_brand_decay,
            Doc{0, 1, "1/step", "brand lost per step by a firm that supplies under an OEM tie"});
    v.field("initial_markup", initial_markup,
            Doc{0, 10, "share of unit cost", "mark-up of every firm at birth"});
    v.field("markup_min", markup_min, Doc{0, 10, "share of unit cost", "lowest mark-up"});
    v.field("markup_max", markup_max, Doc{0, 10, "share of unit cost", "highest mark-up"});
    v.field("markup_adjustment", markup_adjustment,
            Doc{0, 10, "", "mark-up grows by this times (orders / capacity - target utilisation)"});
  }
};

/// Production along the supply network and the spot market.
struct ProductionSpec {
  double input_coefficient = 1.0;
  double spot_premium = 0.05;
  double spot_price_elasticity = 1.0;

  template <class V>
  void describe(V& v) {
    v.field("input_coefficient", input_coefficient,
            Doc{0, 10, "units/unit", "units of the previous stage's good per unit of output"});
    v.field("spot_premium", spot_premium,
            Doc{0, 10, "share of price",
                "extra paid (to traders, outside the firm population) for spot-market inputs"});
    v.field("spot_price_elasticity", spot_price_elasticity,
            Doc{0, 100, "",
                "eta: spot orders go to sellers in proportion to spare capacity times "
                "(price / stage mean price)^-eta, each seller at most its spare capacity"});
  }
};

/// Unit costs (MODEL.md 9): labour, agglomeration savings, infrastructure, transaction costs.
struct CostSpec {
  double agglomeration_strength = 0.04;
  double agglomeration_scale = 20;
  double agglomeration_cap = 0.2;
  double infrastructure_saving = 0.1;
  double transaction_rate = 0.04;
  double trust_saving = 0.6;
  double institution_saving = 0.5;
  double distance_scale_km = 1000;
  double infrastructure_distance_saving = 0.3;
  double overhead_share = 0.0;
  double wage_productivity_elasticity = 0.0;

  template <class V>
  void describe(V& v) {
    v.field("agglomeration_strength", agglomeration_strength,
            Doc{0, 1, "", "a: labour-cost saving s_agg = a log(1 + n_local / n0), capped"});
    v.field("agglomeration_scale", agglomeration_scale,
            Doc{1e-6, 1e9, "firms",
                "n0; n_local counts alive firms of the region in the same or an adjacent stage"});
    v.field("agglomeration_cap", agglomeration_cap,
            Doc{0, 1, "share", "largest agglomeration saving on labour cost"});
    v.field("infrastructure_saving", infrastructure_saving,
            Doc{0, 1, "share", "labour-cost saving at infrastructure quality 1"});
    v.field("transaction_rate", transaction_rate,
            Doc{0, 10, "share of input value",
                "transaction cost of tied inputs at trust 0, institutions 0, distance 0"});
    v.field("trust_saving", trust_saving,
            Doc{0, 1, "share", "share of the transaction cost removed at full trust"});
    v.field("institution_saving", institution_saving,
            Doc{0, 1, "share",
                "share removed at institutional quality 1 (the weaker of the two countries)"});
    v.field("distance_scale_km", distance_scale_km,
            Doc{1e-6, 1e9, "km", "transaction cost is multiplied by 1 + km / this"});
    v.field("infrastructure_distance_saving", infrastructure_distance_saving,
            Doc{0, 1, "share", "share of the distance term removed at infrastructure quality 1"});
    v.field("overhead_share", overhead_share,
            Doc{0, 1, "share",
                "share of a firm's staff that scales with its capacity (at target utilisation) "
                "rather than with its output: the fixed cost that idle capacity carries"});
    v.field("wage_productivity_elasticity", wage_productivity_elasticity,
            Doc{0, 2, "",
                "a country's wage is its scenario wage times exp(this times the rise of its "
                "firms' mean log productivity since the start): productivity gains shared with "
                "labour (1: the price level stays put, 0: prices fall with productivity)"});
  }
};

/// Accounting and finance: capital, debt, dividends, investment limited by leverage.
struct FinanceSpec {
  double capital_per_unit = 1.5;
  double depreciation = 0.015;
  double initial_debt_ratio = 0.4;
  double base_interest = 0.005;
  double deposit_rate = 0.0;
  double dividend_payout = 0.5;
  double target_utilisation = 0.85;
  double expectation_weight = 0.7;
  double max_capacity_growth = 0.1;
  double cash_buffer = 0.5;

  template <class V>
  void describe(V& v) {
    v.field("capital_per_unit", capital_per_unit,
            Doc{0, 1e6, "money/(unit/step)",
                "capital that one unit of capacity per step needs at productivity 1; it is this "
                "divided by A, so productivity gains raise the capacity of a firm's capital"});
    v.field("depreciation", depreciation,
            Doc{0, 1, "1/step", "share of capacity (and capital) lost each step"});
    v.field("initial_debt_ratio", initial_debt_ratio,
            Doc{0, 1, "share of capital", "debt of every firm at the start"});
    v.field("base_interest", base_interest,
            Doc{0, 1, "1/step", "risk-free rate; a country's interest_spread is added on debt"});
    v.field("deposit_rate", deposit_rate, Doc{0, 1, "1/step", "interest earned on cash"});
    v.field("dividend_payout", dividend_payout,
            Doc{0, 1, "share", "share of positive profit after tax paid out to owners"});
    v.field("target_utilisation", target_utilisation,
            Doc{0.05, 1, "share", "capacity utilisation that investment aims at"});
    v.field("expectation_weight", expectation_weight,
            Doc{0, 1, "", "weight of the old expectation when expected orders are updated"});
    v.field("max_capacity_growth", max_capacity_growth,
            Doc{0, 10, "1/step", "largest capacity growth in one step"});
    v.field("cash_buffer", cash_buffer,
            Doc{-1, 1e6, "share of capital",
                "cash a firm keeps after investment, as a share of its capital; cash above it is "
                "paid out to owners (free cash flow), so net worth stays tied to the capital the "
                "business uses and returns on equity measure the business (negative: off, cash "
                "accumulates)"});
  }
};

/// Entry and exit (MODEL.md 2.8).
struct EntryExitSpec {
  double tiny_share = 0.1;
  int tiny_share_steps = 8;
  double min_relative_share = 0.035;
  double cluster_entry_effect = 0.5;
  double cluster_entry_scale = 50;
  double spinoff_probability = 0.5;
  double entrant_employees = 3;
  double entrant_employees_max = 9;
  double entrant_equity = 1.0;
  double entry_return_scale = 0.01;
  double entry_room_exponent = 20;
  std::string entrant_pool = "initial_firms";

  template <class V>
  void describe(V& v) {
    v.field("tiny_share", tiny_share,
            Doc{0, 1, "share",
                "a market share below this times the firm's share of the market's capacity "
                "counts as tiny (the firm lost its market); an upstream firm's market is its "
                "stage"});
    v.field("tiny_share_steps", tiny_share_steps,
            Doc{1, 1e6, "steps", "a firm exits after this many consecutive steps of tiny share"});
    v.field("min_relative_share", min_relative_share,
            Doc{0, 1, "share of the mean share",
                "f_min: a market share below this times the market's mean share (1 / its alive "
                "firms) also counts as tiny, whatever the firm's capacity (0: off); the more "
                "firms share a market, the more fall below it, at any scale of the economy"});
    v.field("cluster_entry_effect", cluster_entry_effect,
            Doc{0, 100, "",
                "entry rate is entrepreneurship times (1 + this log(1 + n_region / scale))"});
    v.field("cluster_entry_scale", cluster_entry_scale,
            Doc{1e-6, 1e9, "firms", "scale of the cluster effect on entry"});
    v.field("spinoff_probability", spinoff_probability,
            Doc{0, 1, "probability", "share of entrants that spin off a local firm"});
    v.field("entrant_employees", entrant_employees,
            Doc{1, 1e6, "employees", "median employees of an entrant (log-normal)"});
    v.field("entrant_employees_max", entrant_employees_max,
            Doc{1, 1e6, "employees", "most employees an entrant starts with"});
    v.field("entrant_equity", entrant_equity,
            Doc{0, 1, "share of capital", "share of an entrant's capital financed by its owners"});
    v.field("entry_return_scale", entry_return_scale,
            Doc{1e-6, 10, "1/step",
                "a potential entrant enters with probability (r - i) / this, clamped to 0..1: r "
                "the return on equity (profit / net worth) of its stage in its country this "
                "step, i its country's interest rate on debt"});
    v.field("entry_room_exponent", entry_room_exponent,
            Doc{0, 1000, "",
                "that probability is multiplied by min(1, u / u*)^this: u the utilisation that "
                "the orders of the entrant's stage in its country give their capacity, u* "
                "finance.target_utilisation (0: off); crowding adds capacity and closes entry"});
    v.choice("entrant_pool", entrant_pool, {"initial_firms", "alive_firms"},
             Doc{.text = "what a region's potential entrants per step are proportional to: "
                         "initial_firms (the firms it started with: a pool of would-be founders "
                         "that does not grow with entry, so the population settles where exits "
                         "match entry) or alive_firms (its firms now: entry compounds)"});
  }
};

/// Supply ties (`subcontracting`, `oem`): choice, order shares, switching (MODEL.md 9).
struct SupplySpec {
  int target_suppliers = 2;
  int max_suppliers = 4;
  double suppliers_size_elasticity = 0.8;
  double search_probability = 0.1;
  int candidates = 6;
  double local_candidates = 0.35;
  double referral_candidates = 0.25;
  double popular_candidates = 0.25;
  double price_weight = 3.0;
  double quality_weight = 0.5;
  double trust_weight = 1.0;
  double distance_weight = 0.3;
  double popularity_weight = 0.3;
  double switching_cost = 0.3;
  double fit_weight = 2.0;
  double share_adjustment = 0.1;
  double share_selection = 2.0;
  double shortfall_tolerance = 0.02;
  double accept_utilisation = 1.0;
  int max_new_customers = 1;
  int contract_steps_min = 8;
  int contract_steps_max = 16;
  double oem_probability = 0.7;
  int oem_buyer_size_class = 1;
  double initial_trust = 0.5;
  double referral_trust = 0.6;

  template <class V>
  void describe(V& v) {
    v.field("target_suppliers", target_suppliers,
            Doc{0, 100, "count", "a buyer with fewer tied suppliers searches every step"});
    v.field("max_suppliers", max_suppliers,
            Doc{1, 100, "count", "most tied suppliers a buyer keeps; beyond it, it switches"});
    v.field("suppliers_size_elasticity", suppliers_size_elasticity,
            Doc{0, 2, "",
                "larger buyers source from more suppliers: a buyer's target is "
                "max(target_suppliers, round(target_suppliers (K / K_stage)^this)), K its "
                "capacity, K_stage the geometric mean capacity of its stage, at most 64; a buyer "
                "short of supply adds suppliers up to the larger of max_suppliers and its target "
                "(0: every buyer targets target_suppliers)"});
    v.field("search_probability", search_probability,
            Doc{0, 1, "1/step", "chance that a buyer with enough suppliers reviews them"});
    v.field("candidates", candidates, Doc{1, 100, "count", "candidates a search draws"});
    v.field("local_candidates", local_candidates,
            Doc{0, 1, "share", "share of candidates drawn in the buyer's own region"});
    v.field("referral_candidates", referral_candidates,
            Doc{0, 1, "share",
                "share drawn among suppliers of the buyer's partners' partners (triadic closure)"});
    v.field("popular_candidates", popular_candidates,
            Doc{0, 1, "share",
                "share drawn in proportion to customers (preferential attachment); the rest "
                "uniformly in the previous stage"});
    v.field("price_weight", price_weight,
            Doc{0, 100, "", "score weight of -log(landed price / stage mean price)"});
    v.field("quality_weight", quality_weight,
            Doc{0, 100, "", "score weight of log productivity relative to the stage mean"});
    v.field("trust_weight", trust_weight, Doc{0, 100, "", "score weight of trust (0..1)"});
    v.field("distance_weight", distance_weight,
            Doc{0, 100, "1/(1000 km)", "score lost per 1000 km (coordination, delivery)"});
    v.field("popularity_weight", popularity_weight,
            Doc{0, 100, "", "score weight of log(1 + customers): reputation"});
    v.field("fit_weight", fit_weight,
            Doc{0, 100, "",
                "score weight of the buyer-supplier fit, a standard normal draw fixed for each "
                "pair (specialised parts and processes: buyers differ in which supplier suits "
                "them; 0: off)"});
    v.field("switching_cost", switching_cost,
            Doc{0, 100, "", "score margin a candidate needs to replace a current supplier"});
    v.field("share_adjustment", share_adjustment,
            Doc{0, 1, "1/step", "speed at which order shares move toward the scored shares"});
    v.field("share_selection", share_selection,
            Doc{0, 100, "", "scored shares are a softmax of this times the supplier scores"});
    v.field("shortfall_tolerance", shortfall_tolerance,
            Doc{0, 1, "share", "a delivery below (1 - this) of the order is a shortfall"});
    v.field("accept_utilisation", accept_utilisation,
            Doc{0, 10, "share", "a supplier takes new customers only below this utilisation"});
    v.field("max_new_customers", max_new_customers,
            Doc{0, 1000, "count", "most new customers a supplier takes in one step"});
    v.field("contract_steps_min", contract_steps_min,
            Doc{1, 1e6, "steps", "shortest supply contract"});
    v.field("contract_steps_max", contract_steps_max,
            Doc{1, 1e6, "steps", "longest supply contract (uniform in between)"});
    v.field("oem_probability", oem_probability,
            Doc{0, 1, "probability",
                "a final-stage buyer of a developed country, of size class oem_buyer_size_class "
                "or above, takes a supplier of a developing one as OEM (else subcontracting)"});
    v.field("oem_buyer_size_class", oem_buyer_size_class,
            Doc{0, 3, "index",
                "smallest size class of an OEM buyer: 0 micro, 1 SME, 2 large, 3 multinational "
                "(brand owners that have their products made by others)"});
    v.field("initial_trust", initial_trust, Doc{0, 1, "", "trust of a new tie"});
    v.field("referral_trust", referral_trust,
            Doc{0, 1, "", "trust of a new tie to a partner of a partner"});
  }
};

/// Trust on ties and the end of ties (MODEL.md 9, "Trust").
struct TrustSpec {
  double gain = 0.1;
  double loss = 0.3;
  double opportunism = 0.05;
  double low_trust = 0.15;
  double renewal_trust = 0.4;
  int renewal_steps = 12;

  template <class V>
  void describe(V& v) {
    v.field("gain", gain, Doc{0, 1, "", "alpha: T += alpha (1 - T) after a step both gained"});
    v.field("loss", loss,
            Doc{0, 1, "", "alpha': T -= alpha' T after a shortfall or an opportunistic act"});
    v.field("opportunism", opportunism,
            Doc{0, 1, "1/step",
                "p0: chance of an opportunistic act per tie and step is p0 (1 - institutional "
                "quality of the weaker country)"});
    v.field("low_trust", low_trust, Doc{0, 1, "", "a tie ends when trust falls below this"});
    v.field("renewal_trust", renewal_trust,
            Doc{0, 1, "", "a contract is renewed at its end when trust is at least this"});
    v.field("renewal_steps", renewal_steps,
            Doc{1, 1e6, "steps", "length of a renewed contract"});
  }
};

}  // namespace firmsim
