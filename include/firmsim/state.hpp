#pragma once
/// The mutable state of one run: plain data, firm attributes in contiguous arrays.
///
/// Firms keep their slot (and id) for the whole run: exits set `alive = 0`, entrants are
/// appended. Ties live in a tie table; the network (a Boost.Graph CSR graph) is rebuilt from
/// it once per step. Phases read and write this state; only the engine owns it.
#include <cstdint>
#include <vector>

#include "firmsim/network.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/tie_types.hpp"

namespace firmsim {

using FirmId = std::uint32_t;
inline constexpr FirmId kNoFirm = 0xffffffffu;

enum class SizeClass : std::uint8_t { micro, sme, large, multinational };
inline constexpr int kSizeClassCount = 4;
inline constexpr const char* kSizeClassNames[kSizeClassCount] = {"micro", "sme", "large",
                                                                  "multinational"};

/// Country parameters that policy may change during a run (copied from the scenario).
struct CountryState {
  CountrySpec spec;
};

struct RegionState {
  RegionSpec spec;
  std::uint16_t country = 0;
};

/// Firm attributes, one array each, indexed by FirmId.
struct Firms {
  // identity
  std::vector<std::uint16_t> country, region;
  std::vector<std::uint8_t> stage, size_class, alive;
  std::vector<std::int32_t> birth_step, parent;
  // technology and knowledge
  std::vector<double> log_productivity;  ///< log A
  std::vector<double> absorptive;        ///< absorptive capacity, 0..1
  std::vector<double> rd_intensity;      ///< R&D spend as a share of sales
  std::vector<double> rd_stock;          ///< accumulated R&D, money
  std::vector<double> rd_spend;          ///< R&D spending this step, money
  std::vector<float> knowledge;          ///< knowledge profiles, size() * knowledge_fields
  // market and production
  std::vector<double> price, market_share, brand, demand, output, capacity, unmet, exports;
  std::vector<double> employees, unit_cost, input_cost, transaction_cost;
  // accounting
  std::vector<double> revenue, costs, profit, net_worth, debt;
  std::vector<std::int16_t> tiny_share_steps;
  std::vector<std::uint8_t> innovated, exporter;

  std::size_t size() const { return alive.size(); }
};

/// One row of the tie table.
struct Tie {
  FirmId source = kNoFirm;
  FirmId target = kNoFirm;
  TieType type = TieType::subcontracting;
  std::uint8_t alive = 1;
  std::int32_t start_step = 0;
  std::int32_t end_step = 0;     ///< contract end (renewal decided then)
  std::int32_t group = -1;       ///< consortium id, -1 for pairwise ties
  float trust = 0.5f;
  double share = 0;              ///< share of the buyer's orders (supply ties) or contribution
  double flow_goods = 0;         ///< cumulative goods moved, output units
  double flow_money = 0;         ///< cumulative money paid target -> source, money
  double flow_knowledge = 0;     ///< cumulative knowledge moved, log-productivity units
};

/// Why a tie formed or ended, for events.csv.
struct TieEvent {
  std::int32_t step = 0;
  FirmId source = kNoFirm, target = kNoFirm;
  TieType type = TieType::subcontracting;
  bool formed = true;
  const char* reason = "";  ///< static string: top score terms or the end reason
};

/// A proposed new tie, made in a parallel phase and committed afterwards in a fixed order.
struct TieProposal {
  FirmId source = kNoFirm, target = kNoFirm;
  TieType type = TieType::subcontracting;
  double score = 0;
  double share = 0;
  std::int32_t contract_steps = 0;
  const char* reason = "";
};

/// Per-step tallies, reset at the start of each step.
struct StepTally {
  int entries = 0, exits = 0, innovations = 0, ties_formed = 0, ties_ended = 0;
  double rd_spend = 0, policy_spend = 0, orders = 0, unmet_orders = 0;
};

struct State {
  int step = 0;
  int knowledge_fields = 0;
  std::vector<CountryState> countries;
  std::vector<RegionState> regions;
  std::vector<double> market_demand;  ///< per market: one per country, then the export market
  Firms firms;
  std::vector<Tie> ties;
  std::vector<TieProposal> proposals;
  std::vector<TieEvent> events;  ///< events of the current step
  Network network;               ///< rebuilt from `ties` once per step
  StepTally tally;
};

}  // namespace firmsim
