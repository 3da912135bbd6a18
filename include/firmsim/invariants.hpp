#pragma once
/// Invariant checks between steps: consistency of the state, no NaN, and conservation of goods
/// and money along the supply network. Debug builds (FIRMSIM_CHECK_INVARIANTS) run them after
/// every step; tests call them directly.
#include <string>
#include <vector>

namespace firmsim {

struct Scenario;
struct State;

/// Every violated invariant, one message each (empty when all hold):
/// - every per-firm array has one entry per firm; alive firms have finite, non-negative
///   price, capacity, output and inputs, and output within capacity;
/// - every alive tie joins two existing alive firms; a buyer's supply shares sum to at most 1;
///   shares of each final market sum to at most 1;
/// - goods: the inputs a stage received equal the output of the stage before it; a final
///   firm's exports do not exceed its output;
/// - money: what a stage paid for inputs equals the revenue of the stage before it; money from
///   outside the economy (subsidies paid to firms) equals what the policy phase booked and is
///   part of policy spending.
std::vector<std::string> check_invariants(const State& st);

/// The above, plus the balance sheet: net worth = capital_per_unit / A * capacity - debt.
std::vector<std::string> check_invariants(const Scenario& sc, const State& st);

}  // namespace firmsim
