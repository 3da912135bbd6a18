#pragma once
// Cooperation ties (every tie type that supplier search does not form): partner search and
// matching, trust, university–industry ties, and what each type does (money, brand, local
// content, export access). MODEL.md sections 1, 2.7 and 3; docs/ODD.md "Cooperation ties".
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Partner search and matching (partner_search.cpp). Each firm below cooperation.max_ties
/// searches with probability search_probability among local, partners' partners, random and
/// brokered candidates, scores every eligible tie type both ways (partner_score.hpp), and
/// proposes its best mutually acceptable tie (or a consortium); proposals are committed in one
/// deterministic order within each firm's limits. Firms also propose university–industry ties
/// to their region's institutes, committed in score order within the institutes' capacity.
void search_partners(const Scenario& sc, State& st);

/// Whether firm i searches for a partner this step: the search draw of search_partners (a pure
/// function of seed, step and firm) and room below max_ties in the current network. A
/// brokerage commissions contacts only for such firms.
bool draws_partner_search(const Scenario& sc, const State& st, FirmId i);

/// Trust on cooperation ties that carry no orders and on university ties (cooperation_trust.cpp):
/// down on an opportunistic act (p0 (1 - weaker institutional quality)) or when the fee payer
/// could not pay (loss), up when both gained. Then university ties end like other ties
/// (contract end without renewal, low trust; partner exit in end_ties_of_dead_firms).
void update_cooperation_trust(const Scenario& sc, State& st);

/// Effects of cooperation ties on firms' brands, joint ventures' local content, export access
/// and the knowledge that institutes pass on (cooperation_effects.cpp). Ties phase.
void apply_cooperation_effects(const Scenario& sc, State& st);

/// Money along cooperation ties this step (cooperation_flows.cpp), from this step's revenue:
/// royalties and fees target -> source, cross-licensing both ways, fees to institutes, grants
/// toward fees (Firms::fee_cover), the pending contract and search costs, and the North–South
/// joint venture's labour moved to the southern partner. Fills Firms::coop_paid/coop_received
/// and the step's tally of money crossing the firm population's border. Costs phase.
void settle_cooperation(const Scenario& sc, State& st);

/// Ends the university ties of firms that are no longer alive ("partner_exit").
void end_institute_ties_of_dead_firms(State& st);

/// The technology (log A) of each region's research institutes (State::institute_level): set
/// the first time a region has institutes and alive firms, to the region's frontier plus
/// institute_lead, and kept afterwards (firms that learn from an institute never raise it: no
/// ratchet). NaN where the region has no institute or no alive firm yet.
std::vector<double> institute_levels(const Scenario& sc, State& st);

}  // namespace firmsim
