// Tie formation and dissolution (MODEL.md section 2.7): trust after the step, the end of ties
// (contract end, low trust), then supplier review and search with proposals committed in a
// deterministic order. Ties of exiting firms end in the entry/exit phase ("partner_exit").
#include "phases/phases.hpp"
#include "ties/dissolution.hpp"
#include "ties/supply.hpp"

namespace firmsim::phases {

void ties(const Scenario& sc, State& st) {
  update_supply_trust(sc, st);
  dissolve_ties(sc, st);
  count_customers(sc, st);
  review_suppliers(sc, st);
}

}  // namespace firmsim::phases
