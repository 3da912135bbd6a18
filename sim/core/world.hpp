#pragma once
// The steps of world generation (make_world in firmsim/engine.hpp), one file each:
// world.cpp (countries, regions, firm population), world_ties.cpp (initial supply ties),
// world_economy.cpp (capacity, prices, finance and markets consistent with firm sizes).
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Firms per region and stage (largest remainder of the stage shares), size classes and
/// employees; identity arrays set, every array sized.
void generate_population(const Scenario& sc, State& st);

/// Capacity (scaled so every stage can supply the next), employees, price estimates before any
/// tie exists, brand, mark-up.
void init_capacity_and_costs(const Scenario& sc, State& st);

/// Initial supply ties from each non-first-stage firm to population.initial_suppliers firms of
/// the previous stage, preferring near, productive, well-connected (popular) suppliers.
void generate_supply_ties(const Scenario& sc, State& st);

/// Prices through the initial ties, finance, export status, final demand and market shares,
/// and the R&D stock that the initial revenue implies.
void init_markets_and_finance(const Scenario& sc, State& st);

/// Firms of one region per stage: largest remainder of `shares` (equal shares if they sum to
/// 0), ties to the lower stage.
std::vector<int> apportion(int firms, const std::vector<double>& shares, int stages);

}  // namespace firmsim
