#include "phases/phases.hpp"

namespace firmsim::phases {

void policy(const Scenario&, State&) {}

}  // namespace firmsim::phases
