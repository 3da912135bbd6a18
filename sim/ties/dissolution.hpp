#pragma once
// The end of ties, for every tie type: at contract end without renewal, on low trust, and when
// a partner has exited. Events carry the reasons "contract_end", "low_trust", "partner_exit".
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Ends alive ties whose contract ran out (renewed for trust.renewal_steps when trust is at
/// least trust.renewal_trust) or whose trust fell below trust.low_trust. Each tie is decided by
/// its target in a parallel pass over State::network; events follow in firm order.
void dissolve_ties(const Scenario& sc, State& st);

/// Ends every alive tie that touches a firm that is no longer alive ("partner_exit"), in
/// tie-table order. Call after setting alive = 0 (exit, failure shocks).
void end_ties_of_dead_firms(State& st);

}  // namespace firmsim
