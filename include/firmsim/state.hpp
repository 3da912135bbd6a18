#pragma once
/// The mutable state of one run: plain data, firm attributes in contiguous arrays.
///
/// Firms keep their slot (and id) for the whole run: exits set `alive = 0`, entrants are
/// appended. Ties live in a tie table; the network (a Boost.Graph CSR graph) is rebuilt from
/// it once per step. Phases read and write this state; only the engine owns it.
#include <cstdint>
#include <vector>

#include "firmsim/array_growth.hpp"
#include "firmsim/network.hpp"
#include "firmsim/policy_state.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/tie_types.hpp"

namespace firmsim {

using FirmId = std::uint32_t;
inline constexpr FirmId kNoFirm = 0xffffffffu;
/// "No tie": an index into the tie table that points nowhere.
inline constexpr std::uint32_t kNoTie = 0xffffffffu;

enum class SizeClass : std::uint8_t { micro, sme, large, multinational };
inline constexpr int kSizeClassCount = 4;
inline constexpr const char* kSizeClassNames[kSizeClassCount] = {"micro", "sme", "large",
                                                                  "multinational"};

/// Country parameters that policy may change during a run (copied from the scenario).
struct CountryState {
  CountrySpec spec;
  /// Mean log productivity of the country's firms at the start: wages follow the mean's rise.
  double base_log_productivity = 0;
};

struct RegionState {
  RegionSpec spec;
  std::uint16_t country = 0;
};

/// Firm attributes, one array each, indexed by FirmId.
///
/// A FirmId is the firm's place in these arrays, which the measure phase may change: every
/// `world.renumber_every` steps it sorts the firms by (alive, region, stage, id) for memory
/// locality (sim/core/firm_order.cpp). `id` is the firm's own number, fixed for its life and
/// written in every output: the order in which firms were created (the initial firms in
/// (region, stage) order, then entrants as they enter). Random streams of a firm are keyed by
/// its id, so renumbering does not change what a firm draws.
struct Firms {
  // identity
  std::vector<std::uint32_t> id;  ///< the firm's fixed number (see above)
  std::vector<std::uint16_t> country, region;
  std::vector<std::uint8_t> stage, size_class, alive;
  std::vector<std::int32_t> birth_step;
  std::vector<std::int32_t> parent;  ///< id of the firm an entrant spun off from, -1 none
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
  // economy, per step: quantities in output units, money in money units. `demand` is what was
  // ordered from the firm (final stage: its market demand; upstream: tie orders and its spot
  // allocation), `unmet` = demand - output, `exports` the units sold abroad or on the export
  // market, `input_cost` the money paid to suppliers, `transaction_cost` the money spent on
  // tied-input transaction costs and the spot premium.
  std::vector<double> markup;           ///< price = (1 + markup) * unit cost
  std::vector<double> export_share;     ///< share of the export market (final stage)
  std::vector<double> export_demand;    ///< units demanded on the export market
  std::vector<double> expected_demand;  ///< smoothed orders, units; investment aims at it
  std::vector<double> planned;          ///< output planned from orders and capacity, units
  std::vector<double> input_need;       ///< inputs ordered from the previous stage, units
  std::vector<double> inputs;           ///< inputs received, units
  std::vector<double> tie_fill;         ///< share of tie orders its capacity serves, 0..1
  std::vector<double> supply_gap;       ///< input units its tied suppliers did not deliver
  std::vector<double> labour_cost;      ///< wages, money
  std::vector<double> agglomeration;    ///< s_agg, share of labour cost saved
  std::vector<std::uint32_t> customers;  ///< alive supply ties on which it is the supplier
  // policy, set by the policy phase and read by the mechanisms (see RegionPolicy)
  std::vector<double> fee_cover;     ///< share of licensing/franchising fees a grant pays, 0..1
  std::vector<double> fees_covered;  ///< money a grant paid toward the firm's fees this step
  // cooperation ties (sim/ties/cooperation_flows.cpp), money per step: accounting books them
  std::vector<double> coop_paid;      ///< fees, royalties, contract and search costs paid
  std::vector<double> coop_received;  ///< fees and royalties received, programme cover
  std::vector<double> coop_pending;   ///< contract and search costs of the last ties phase
  std::vector<double> access_saving;  ///< share of export access cost saved by partners abroad
  // (fees_covered >= 0: the licensee pays its fees less this and the licensor gets them in full;
  // the policy phase books the sum as the grant's spending at the next step and resets it.)
  // Per-step effects of interventions on one firm, reset and set by the policy phase:
  std::vector<double> subsidy;          ///< money paid to the firm by programmes this step
  std::vector<double> rd_grant;         ///< part of `subsidy` that adds to its R&D spend
  std::vector<double> leverage_bonus;   ///< added to its country's leverage limit
  std::vector<double> spread_cut;       ///< taken off its country's interest spread
  std::vector<double> export_cost_cut;  ///< share of its export access cost removed, 0..1

  std::size_t size() const { return alive.size(); }

  /// Calls f(array) for every per-firm array except `knowledge` (knowledge_fields per firm).
  /// A new per-firm array is added here too, so that resize() keeps every array in step.
  template <class F>
  void for_each_array(F&& f) {
    each_array(*this, f);
  }
  template <class F>
  void for_each_array(F&& f) const {
    each_array(*this, f);
  }
  template <class Self, class F>
  static void each_array(Self& s, F& f) {
    f(s.id), f(s.country), f(s.region), f(s.stage), f(s.size_class), f(s.alive), f(s.birth_step);
    f(s.parent);
    f(s.log_productivity), f(s.absorptive), f(s.rd_intensity), f(s.rd_stock), f(s.rd_spend);
    f(s.price), f(s.market_share), f(s.brand), f(s.demand), f(s.output), f(s.capacity);
    f(s.unmet), f(s.exports), f(s.employees), f(s.unit_cost), f(s.input_cost);
    f(s.transaction_cost), f(s.revenue), f(s.costs), f(s.profit), f(s.net_worth), f(s.debt);
    f(s.tiny_share_steps), f(s.innovated), f(s.exporter);
    f(s.markup), f(s.export_share), f(s.export_demand), f(s.expected_demand), f(s.planned);
    f(s.input_need), f(s.inputs), f(s.tie_fill), f(s.supply_gap), f(s.labour_cost);
    f(s.agglomeration), f(s.customers);
    f(s.fee_cover), f(s.fees_covered);
    f(s.coop_paid), f(s.coop_received), f(s.coop_pending), f(s.access_saving);
    f(s.subsidy), f(s.rd_grant), f(s.leverage_bonus), f(s.spread_cut), f(s.export_cost_cut);
  }
  /// Sizes every array for `n` firms; new slots are zero (entrants are appended this way) but
  /// for their `id`, which is their place: slots are never dropped, so the number of slots is
  /// the number of firms ever created.
  void resize(std::size_t n, int knowledge_fields) {
    const std::size_t old = size();
    for_each_array([n](auto& v) {
      v.resize(n);
      note_array_grown(v);
    });
    for (std::size_t k = old; k < n; ++k) id[k] = static_cast<std::uint32_t>(k);
    knowledge.resize(n * static_cast<std::size_t>(knowledge_fields));
    note_array_grown(knowledge);
  }
};

/// The firms' places in id order: places_by_id(f)[k] is the place of the firm with id k.
/// Loops whose outcome depends on the order of the firms (a budget that runs out) run in this
/// order, so that it does not depend on their places. Throws std::logic_error when the ids are
/// not 0..size()-1, each once.
std::vector<FirmId> places_by_id(const Firms& f);

/// The id of the firm at `place`; kNoFirm (an institute's end of a university tie event) and
/// other values past the firms are returned as they are.
inline std::uint32_t firm_id(const Firms& f, FirmId place) {
  return place < f.size() ? f.id[place] : place;
}

/// Alive firms grouped by (stage, region), in id order within each cell: cell
/// c = stage * regions + region holds members[offsets[c] .. offsets[c+1]), so a whole stage is
/// one contiguous range. Rebuilt by world generation and after entry and exit (rebuild_cells);
/// a firm killed in between (a shock) stays listed until then, so users check `alive`.
struct Cells {
  std::uint32_t regions = 0;
  std::vector<std::uint32_t> offsets, members;
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

/// A university–industry tie: a firm and the research institutes of its region. An institute is
/// not a firm (no market, no accounts, no place in the firm network), so these ties live in
/// their own table and count in `ties_university`; events.csv names the institute as source
/// kNoFirm. Knowledge flows institute -> firm, fees firm -> institute (money leaving the firms).
struct InstituteTie {
  FirmId firm = kNoFirm;
  std::uint16_t region = 0;
  std::uint8_t alive = 1;
  std::int32_t start_step = 0;
  std::int32_t end_step = 0;  ///< contract end (renewal decided then)
  float trust = 0.5f;
  double flow_money = 0;      ///< cumulative fees paid to the institute, money
  double flow_knowledge = 0;  ///< cumulative knowledge moved to the firm, log-productivity units
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
  float trust = 0.5f;              ///< trust of the tie if it forms
  std::uint32_t replaces = kNoTie;  ///< a tie of the proposer that ends when this one forms
};

/// What the interventions active this step do in one region, set by the policy phase (reset
/// to these defaults first) and read by partner search (sim/ties/).
struct RegionPolicy {
  int brokered_candidates = 0;  ///< extra partner candidates a broker brings each searching firm
  float brokered_trust = 0;     ///< initial trust of brokered ties (0: the usual initial trust)
  double search_cost_cover = 0;  ///< share of search and contract costs the programme pays, 0..1
  std::int32_t broker = -1;      ///< the brokerage (intervention index) that pays that cover
  double entry_boost = 0;  ///< incubation: added to the region's entrepreneurship rate (entry)
};

/// Per-step tallies, reset at the start of each step.
struct StepTally {
  int entries = 0, exits = 0, innovations = 0, ties_formed = 0, ties_ended = 0;
  double rd_spend = 0, policy_spend = 0, orders = 0, unmet_orders = 0;
  /// Cooperation money that crossed the firm population's border this step: paid to
  /// institutes and search/contract service providers, received from programmes and grants.
  double coop_money_out = 0, coop_money_in = 0;
  double subsidies = 0;  ///< part of policy_spend paid to firms (Firms::subsidy), money
};

/// Buffers of the innovation phase. The start-of-phase copies of log A and the profiles exist
/// only during the phase (freed at its end); the rest is kept between steps.
struct TechnologyBuffers {
  std::vector<double> log_productivity;  ///< log A at the start of the phase (during it only)
  std::vector<float> knowledge;  ///< knowledge profiles at the start of the phase (during it only)
  std::vector<double> rd_effective;      ///< R&D pooled across partners this step, money
  std::vector<double> local_frontier;    ///< highest log A per cell of State::cells
  /// Mean log A of alive firms per (country * stages + stage) after the phase: entrants'
  /// productivity is drawn around it. Empty before the first step.
  std::vector<double> mean_log_productivity;
  std::vector<std::uint32_t> mean_count;  ///< alive firms behind each of those means
};

struct State {
  int step = 0;
  int knowledge_fields = 0;
  std::vector<CountryState> countries;
  std::vector<RegionState> regions;
  /// Distance between regions a and b, km, at a * regions.size() + b: filled by world
  /// generation (regions do not move); region_km() computes it where a state lacks the table.
  std::vector<double> region_distances;
  std::vector<double> market_demand;  ///< per market: one per country, then the export market
  Firms firms;
  /// Alive ties, and ties ended since the last measure phase (alive = 0), in the order they
  /// formed; the measure phase drops ended ties (compact_ties in sim/ties/tie_table.hpp).
  std::vector<Tie> ties;
  /// Serial numbers of the rows of `ties`: every tie ever formed has one, in formation order,
  /// so that a draw of "a random tie ever formed" (supplier search) does not depend on when
  /// ended ties were dropped. Row k has serial tie_serials[k] for k < tie_serials.size(), and
  /// ties_numbered + (k - tie_serials.size()) after that (rows appended since the last drop).
  std::vector<std::uint32_t> tie_serials;
  std::uint32_t ties_numbered = 0;  ///< serials handed out up to the last drop
  std::vector<TieProposal> proposals;
  std::vector<TieEvent> events;  ///< events of the current step
  std::vector<InstituteTie> institute_ties;  ///< university–industry ties
  /// Log A of each region's research institutes (NaN: none yet). Set once, when a region first
  /// has institutes, to its firms' frontier plus CooperationSpec::institute_lead; it does not
  /// follow the firms afterwards, so the firms an institute teaches cannot raise it.
  std::vector<double> institute_level;
  std::int32_t next_group = 0;               ///< the next consortium's group id
  Network network;               ///< rebuilt from `ties` once per step
  StepTally tally;
  TechnologyBuffers technology;  ///< innovation-phase buffers and per-stage productivity means
  Cells cells;                   ///< alive firms by (stage, region)
  std::vector<RegionPolicy> region_policy;  ///< per region; empty until the policy phase runs
  PolicyState policy;  ///< programmes and shocks of the scenario's policy section
};

}  // namespace firmsim
