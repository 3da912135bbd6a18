#pragma once
// Supply ties (`subcontracting`, `oem`): trust after each step's deliveries, order shares, and
// the choice and switching of suppliers (MODEL.md sections 2.7 and 9).
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Trust on each flowing supply tie after this step: down after a shortfall or an
/// opportunistic act (chance p0 (1 - the weaker country's institutional quality)), up when
/// both firms made a profit. Decided by the buyer, Rng keyed by it and Stream::trust.
void update_supply_trust(const Scenario& sc, State& st);

/// Firms::customers (flowing supply ties on which a firm supplies), and the brand erosion of
/// firms that supply under an OEM tie.
void count_customers(const Scenario& sc, State& st);

/// Each buyer moves its order shares toward a softmax of its suppliers' scores; buyers short
/// of suppliers, short of supply, or drawn for a review search candidates (local, partners of
/// partners, popular, random), and propose a new tie or a switch. Proposals are committed in
/// score order while the supplier has room (accept_utilisation, max_new_customers).
void review_suppliers(const Scenario& sc, State& st);

}  // namespace firmsim
