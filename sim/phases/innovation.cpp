#include "phases/phases.hpp"

namespace firmsim::phases {

void innovation(const Scenario&, State&) {}

}  // namespace firmsim::phases
