#include "phases/phases.hpp"

namespace firmsim::phases {

void production(const Scenario&, State&) {}

}  // namespace firmsim::phases
