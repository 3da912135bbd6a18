#pragma once
/// Scenario parameters of inter-firm cooperation beyond supply ties (MODEL.md 1, 2.7 and 3):
/// partner search and matching, what each tie type pays and does, North–South joint ventures,
/// university–industry ties. Per-type parameters are arrays in tie-type order (kTieRules, 14
/// values): licensing, second_source, cross_licensing, subcontracting, oem, ownership,
/// franchising, rd_partnership, consortium, university, joint_venture, modular_supply,
/// joint_marketing, knowledge_exchange. Money shares are of the payer's revenue per step.
#include <vector>

#include "firmsim/describe.hpp"

namespace firmsim {

struct CooperationSpec {
  // Search.
  double search_probability = 0.04;
  int candidates = 4;
  double local_candidates = 0.5;
  double referral_candidates = 0.25;
  int max_ties = 4;
  int max_new_ties = 1;
  double initial_trust = 0.5;
  double referral_trust = 0.6;
  // Score.
  double accept_score = 0.0;
  double complementarity_weight = 1.0;
  double capability_weight = 1.0;
  double trust_weight = 0.5;
  double distance_weight = 0.3;
  double institution_weight = 2.5;
  double ip_weight = 2.0;
  double finance_weight = 1.0;
  double finance_reference = 1.5;
  double capacity_weight = 0.5;
  double cost_weight = 10.0;
  double search_cost = 0.002;
  double min_absorptive = 0.3;
  // Per tie type.
  std::vector<double> value = {0.35, 0.2, 0.3, 0.0, 0.0, 0.3, 0.3, 0.35,
                               0.3,  0.45, 0.25, 0.3, 0.3, 0.15};
  std::vector<double> fee = {0.03, 0.02, 0.01, 0.0, 0.0, 0.02, 0.04, 0.0,
                             0.0,  0.005, 0.0, 0.0, 0.0, 0.0};
  std::vector<double> contract_steps = {20, 16, 20, 0, 0, 0, 20, 12, 16, 12, 40, 16, 12, 8};
  std::vector<double> contract_cost = {0.02, 0.02, 0.02, 0.0,  0.0,  0.1,  0.02,
                                       0.03, 0.03, 0.01, 0.05, 0.02, 0.01, 0.0};
  std::vector<double> cost_saving = default_cost_saving();
  double cost_saving_cap = 0.3;
  /// Per tie type, in sim/core/scenario_defaults.cpp (with the reason for each value).
  static std::vector<double> default_cost_saving();
  // Groups and control.
  int consortium_size = 4;
  double acquisition_size_ratio = 5.0;
  // Effects.
  double local_content_initial = 0.05;
  double local_content_max = 0.9;
  double local_content_speed = 0.1;
  double jv_scope = 0.15;
  double brand_pooling = 0.05;
  double access_saving = 0.3;
  double institute_lead = 0.05;
  int institute_capacity = 20;

  template <class V>
  void describe(V& v) {
    v.field("search_probability", search_probability,
            Doc{0, 1, "1/step", "chance that a firm below max_ties searches for a partner"});
    v.field("candidates", candidates, Doc{1, 64, "count", "candidates a search draws"});
    v.field("local_candidates", local_candidates,
            Doc{0, 1, "share", "share of candidates drawn in the firm's own region (cluster)"});
    v.field("referral_candidates", referral_candidates,
            Doc{0, 1, "share",
                "share drawn among partners' partners; the rest uniformly among all firms"});
    v.field("max_ties", max_ties,
            Doc{0, 100, "count", "most cooperation ties (not supply ties) a firm keeps"});
    v.field("max_new_ties", max_new_ties,
            Doc{0, 100, "count", "most cooperation ties a firm forms in one step"});
    v.field("initial_trust", initial_trust, Doc{0, 1, "", "trust of a new cooperation tie"});
    v.field("referral_trust", referral_trust,
            Doc{0, 1, "", "trust of a new tie to a partner's partner"});
    v.field("accept_score", accept_score,
            Doc{-100, 100, "", "a tie forms only when both sides score it above this"});
    v.field("complementarity_weight", complementarity_weight,
            Doc{0, 100, "", "weight of g(d)/g(d*), the inverted U in knowledge distance"});
    v.field("capability_weight", capability_weight,
            Doc{0, 100, "",
                "weight of the partner's absorptive capacity plus its productivity lead (log)"});
    v.field("trust_weight", trust_weight, Doc{0, 100, "", "weight of the tie's initial trust"});
    v.field("distance_weight", distance_weight,
            Doc{0, 100, "1/(1000 km)", "score lost per 1000 km between the partners"});
    v.field("institution_weight", institution_weight,
            Doc{0, 100, "",
                "score lost per unit of 1 - institutional quality (weaker country): expected "
                "loss to opportunism"});
    v.field("ip_weight", ip_weight,
            Doc{0, 100, "", "R&D ties: score lost per unit of 1 - IP strength (weaker country)"});
    v.field("finance_weight", finance_weight,
            Doc{0, 100, "",
                "score lost per unit of max(0, 1 - leverage_limit / finance_reference): a firm "
                "that cannot borrow cannot fund its contribution"});
    v.field("finance_reference", finance_reference,
            Doc{1e-6, 100, "ratio", "leverage limit at and above which finance blocks nothing"});
    v.field("capacity_weight", capacity_weight,
            Doc{0, 100, "", "production ties: weight of the partner's spare capacity share"});
    v.field("cost_weight", cost_weight,
            Doc{0, 1e4, "1/(share of revenue)",
                "score lost per share of revenue spent on search, contract and fees"});
    v.field("search_cost", search_cost,
            Doc{0, 1, "share of revenue", "money a search costs the searching firm"});
    v.field("min_absorptive", min_absorptive,
            Doc{0, 1, "",
                "R&D ties (licensing, R&D partnership, consortium, university, ...) need at "
                "least this absorptive capacity in the receiving firm(s)"});
    v.numbers("value", value,
              Doc{-100, 100, "",
                  "per tie type (14 values): base value of the agreement in the score and its "
                  "weight when a search draws the kind of agreement it seeks; "
                  "subcontracting and oem form through supplier search and ignore it; 0 or "
                  "less: partner search never proposes the type"});
    v.numbers("fee", fee,
              Doc{0, 1, "share of revenue per step",
                  "per tie type: royalty or fee the target pays the source each step "
                  "(cross_licensing: each partner pays the other; university: the firm pays "
                  "the institute, outside the firm population)"});
    v.numbers("contract_steps", contract_steps,
              Doc{0, 1e6, "steps", "per tie type: contract length (0: open-ended)"});
    v.numbers("contract_cost", contract_cost,
              Doc{0, 10, "share of revenue",
                  "per tie type: one-off cost of negotiating the contract, paid by each side"});
    v.numbers("cost_saving", cost_saving,
              Doc{0, 1, "share of labour cost",
                  "per tie type: share of each partner's labour cost saved per step at full "
                  "trust (shared equipment, services, purchasing and staff; the saving of a "
                  "tie is this times its trust, summed over the firm's ties)"});
    v.field("cost_saving_cap", cost_saving_cap,
            Doc{0, 1, "share", "largest labour-cost saving a firm draws from its cooperation ties"});
    v.field("consortium_size", consortium_size,
            Doc{3, 16, "count", "most members of a new consortium (the initiator included)"});
    v.field("acquisition_size_ratio", acquisition_size_ratio,
            Doc{1, 1e6, "ratio", "an acquirer's net worth is at least this times the target's"});
    v.field("local_content_initial", local_content_initial,
            Doc{0, 1, "share",
                "North–South joint venture: share of inputs sourced from the southern partner "
                "at the start"});
    v.field("local_content_max", local_content_max,
            Doc{0, 1, "share", "local content at which the logistic growth saturates"});
    v.field("local_content_speed", local_content_speed,
            Doc{0, 10, "1/step",
                "r: local content L grows by r (2 absorptive_south) L (1 - L / L_max) per step"});
    v.field("jv_scope", jv_scope,
            Doc{0, 1, "share",
                "share of the northern partner's labour that a North–South joint venture can "
                "move to the southern partner (times local content)"});
    v.field("brand_pooling", brand_pooling,
            Doc{0, 1, "1/step",
                "franchising, joint marketing: the weaker brand closes this share of the gap "
                "per step"});
    v.field("access_saving", access_saving,
            Doc{0, 1, "share",
                "share of the export access cost saved per foreign distribution or joint "
                "venture partner (capped at 2 partners)"});
    v.field("institute_lead", institute_lead,
            Doc{-10, 10, "log",
                "a research institute's technology is fixed when its region first has institutes: the "
                "region's frontier log A then, plus this"});
    v.field("institute_capacity", institute_capacity,
            Doc{0, 1e6, "count", "university–industry ties one research institute can hold"});
  }
};

}  // namespace firmsim
