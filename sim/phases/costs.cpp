#include "phases/phases.hpp"

namespace firmsim::phases {

void costs(const Scenario&, State&) {}

}  // namespace firmsim::phases
