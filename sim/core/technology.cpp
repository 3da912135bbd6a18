#include "core/technology.hpp"

namespace firmsim {

void init_technology(const Scenario&, State&) {}

void init_entrant_technology(const Scenario&, State&, FirmId, FirmId, Rng&) {}

}  // namespace firmsim
