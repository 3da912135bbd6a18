#include "phases/phases.hpp"

namespace firmsim::phases {

void demand(const Scenario&, State&) {}

}  // namespace firmsim::phases
