#pragma once
// A scenario for tests on tiny hand-made worlds: every learning mechanism (innovation, imitation,
// spillovers, learning along ties, absorptive-capacity drift) switched off, so that a test
// switches on only the mechanism it checks.
#include "firmsim/scenario.hpp"
#include "firmsim/tie_types.hpp"

namespace firmsim::test {

inline Scenario quiet_learning_scenario(int stages = 1) {
  Scenario sc;
  sc.world.stages = stages;
  InnovationSpec& p = sc.innovation;
  p.innovation_rate = 0;
  p.imitation_rate = 0;
  p.spillover_rate = 0;
  p.tie_learning.assign(kTieTypeCount, 0.0);
  p.absorptive_adjustment = 0;
  p.rd_scale_revenue = 0;
  return sc;
}

}  // namespace firmsim::test
