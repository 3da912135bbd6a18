#include "phases/phases.hpp"

namespace firmsim::phases {

void accounting(const Scenario&, State&) {}

}  // namespace firmsim::phases
