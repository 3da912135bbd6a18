#include <CLI/CLI.hpp>
#include <iostream>

#include "firmsim/engine.hpp"

int main(int argc, char** argv) {
  CLI::App app{"firmsim: agent-based simulation of firm clusters and networks"};
  app.set_version_flag("--version", std::string("firmsim ") + FIRMSIM_VERSION);
  CLI11_PARSE(app, argc, argv);
  firmsim::Simulation sim(firmsim::Scenario{}, 1);
  while (!sim.done()) sim.step();
  std::cout << sim.metrics().at(0) << "\n";
  return 0;
}
