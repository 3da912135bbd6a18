#pragma once
// The phase functions of one step, one file each under sim/phases/ (named after the mechanism).
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim::phases {

void policy(const Scenario& sc, State& st);
void demand(const Scenario& sc, State& st);
void production(const Scenario& sc, State& st);
void costs(const Scenario& sc, State& st);
void innovation(const Scenario& sc, State& st);
void accounting(const Scenario& sc, State& st);
void ties(const Scenario& sc, State& st);
void entry_exit(const Scenario& sc, State& st);
void measure(const Scenario& sc, State& st);

}  // namespace firmsim::phases
