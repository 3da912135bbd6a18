#include "phases/phases.hpp"

namespace firmsim::phases {

void entry_exit(const Scenario&, State&) {}

}  // namespace firmsim::phases
