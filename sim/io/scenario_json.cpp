#include "firmsim/io/scenario_json.hpp"
