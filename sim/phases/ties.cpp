#include "phases/phases.hpp"

namespace firmsim::phases {

void ties(const Scenario&, State&) {}

}  // namespace firmsim::phases
