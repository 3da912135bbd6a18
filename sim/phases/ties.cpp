// Tie formation and dissolution (MODEL.md section 2.7): trust after the step (supply and
// cooperation ties), the end of ties (contract end, low trust), supplier review and search, the
// effects of cooperation ties (brands, local content, export access, institutes), then partner
// search for cooperation ties, proposals committed in a deterministic order. Ties of exiting
// firms end in the entry/exit phase ("partner_exit").
#include "phases/phases.hpp"
#include "ties/cooperation.hpp"
#include "ties/dissolution.hpp"
#include "ties/supply.hpp"

namespace firmsim::phases {

void ties(const Scenario& sc, State& st) {
  update_supply_trust(sc, st);
  update_cooperation_trust(sc, st);
  dissolve_ties(sc, st);
  count_customers(sc, st);
  review_suppliers(sc, st);
  apply_cooperation_effects(sc, st);
  search_partners(sc, st);
}

}  // namespace firmsim::phases
