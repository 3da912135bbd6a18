#include "firmsim/invariants.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/cost_model.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

namespace {

constexpr double kRelative = 1e-8;

bool close(double a, double b) {
  return std::abs(a - b) <= kRelative * std::max({1.0, std::abs(a), std::abs(b)});
}

std::string firm_text(std::size_t i) { return "firm " + std::to_string(i) + ": "; }

void check_arrays(const State& st, std::vector<std::string>& out) {
  const Firms& f = st.firms;
  const std::size_t n = f.size();
  bool sized = true;
  f.for_each_array([&](const auto& v) { sized = sized && v.size() == n; });
  if (!sized) out.push_back("firm arrays differ in length");
  // Ids are 0..n-1, each once (the place of a firm may change, its id may not repeat).
  std::vector<std::uint8_t> seen(n, 0);
  for (std::size_t i = 0; i < std::min(n, f.id.size()); ++i) {
    if (f.id[i] < n && !seen[f.id[i]]) {
      seen[f.id[i]] = 1;
    } else {
      out.push_back(firm_text(i) + "id " + std::to_string(f.id[i]) +
                    " repeated or not below the " + std::to_string(n) + " firms");
      break;
    }
  }
  if (f.knowledge.size() != n * static_cast<std::size_t>(st.knowledge_fields))
    out.push_back("knowledge has " + std::to_string(f.knowledge.size()) + " entries for " +
                  std::to_string(n) + " firms");
}

void check_firms(const State& st, std::vector<std::string>& out) {
  const Firms& f = st.firms;
  for (std::size_t i = 0; i < f.size() && out.size() < 50; ++i) {
    if (!f.alive[i]) continue;
    const double values[] = {f.price[i],   f.capacity[i],  f.output[i],   f.inputs[i],
                             f.demand[i],  f.net_worth[i], f.debt[i],     f.unit_cost[i],
                             f.revenue[i], f.costs[i],     f.market_share[i]};
    bool finite = true;
    for (double v : values) finite = finite && std::isfinite(v);
    if (!finite) out.push_back(firm_text(i) + "a NaN or infinite value");
    if (f.price[i] < 0 || f.capacity[i] < 0 || f.output[i] < 0 || f.inputs[i] < 0)
      out.push_back(firm_text(i) + "a negative price, capacity, output or input");
    if (f.output[i] > f.planned[i] * (1 + kRelative) + kRelative)
      out.push_back(firm_text(i) + "output above planned output");
  }
}

void check_ties(const State& st, std::vector<std::string>& out) {
  const Firms& f = st.firms;
  std::vector<double> shares(f.size(), 0.0);
  for (std::size_t k = 0; k < st.ties.size(); ++k) {
    const Tie& t = st.ties[k];
    if (!t.alive) continue;
    if (t.source >= f.size() || t.target >= f.size()) {
      out.push_back("tie " + std::to_string(k) + ": an end is not a firm");
      continue;
    }
    if (!f.alive[t.source] || !f.alive[t.target])
      out.push_back("tie " + std::to_string(k) + ": alive with a dead end");
    if (rule(t.type).supply) shares[t.target] += t.share;
  }
  for (std::size_t i = 0; i < f.size(); ++i)
    if (shares[i] > 1 + 1e-9) out.push_back(firm_text(i) + "supply shares sum above 1");
}

void check_flows(const State& st, std::vector<std::string>& out) {
  const Firms& f = st.firms;
  int stages = 0;
  for (std::size_t i = 0; i < f.size(); ++i) stages = std::max(stages, f.stage[i] + 1);
  std::vector<double> inputs(stages, 0.0), output(stages, 0.0), paid(stages, 0.0),
      revenue(stages, 0.0);
  std::vector<double> home(st.countries.size(), 0.0);
  double abroad = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    inputs[f.stage[i]] += f.inputs[i];
    output[f.stage[i]] += f.output[i];
    paid[f.stage[i]] += f.input_cost[i];
    revenue[f.stage[i]] += f.revenue[i];
    if (f.stage[i] == stages - 1 && f.alive[i]) {
      home[f.country[i]] += f.market_share[i];
      abroad += f.export_share[i];
      if (f.exports[i] > f.output[i] * (1 + kRelative) + kRelative)
        out.push_back(firm_text(i) + "exports above output");
    }
  }
  for (int s = 1; s < stages; ++s) {
    if (!close(inputs[s], output[s - 1]))
      out.push_back("goods: stage " + std::to_string(s) + " received " +
                    std::to_string(inputs[s]) + " units, stage " + std::to_string(s - 1) +
                    " produced " + std::to_string(output[s - 1]));
    if ((paid[s] > 0 || output[s - 1] > 0) && !close(paid[s], revenue[s - 1]))
      out.push_back("money: stage " + std::to_string(s) + " paid " + std::to_string(paid[s]) +
                    " for inputs, stage " + std::to_string(s - 1) + " earned " +
                    std::to_string(revenue[s - 1]));
  }
  for (std::size_t c = 0; c < home.size(); ++c)
    if (home[c] > 1 + 1e-9) out.push_back("market " + std::to_string(c) + ": shares above 1");
  if (abroad > 1 + 1e-9) out.push_back("export market: shares above 1");
}

/// Money from outside the economy: what programmes paid to firms (Firms::subsidy, income in
/// accounting) is what the policy phase booked (StepTally::subsidies), and part of its spending.
void check_policy_money(const State& st, std::vector<std::string>& out) {
  double paid = 0;
  for (const double s : st.firms.subsidy) paid += s;
  if (!close(paid, st.tally.subsidies))
    out.push_back("money: firms received " + std::to_string(paid) + " in subsidies, programmes "
                  "booked " + std::to_string(st.tally.subsidies));
  if (st.tally.subsidies > st.tally.policy_spend * (1 + kRelative) + kRelative)
    out.push_back("money: subsidies " + std::to_string(st.tally.subsidies) +
                  " exceed policy spending " + std::to_string(st.tally.policy_spend));
}

/// Money along cooperation ties: what firms received less what they paid equals what came
/// from outside (grants toward fees) less what went outside (institutes, search and contract
/// costs).
void check_cooperation_money(const State& st, std::vector<std::string>& out) {
  const Firms& f = st.firms;
  double received = 0, paid = 0, scale = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    received += f.coop_received[i];
    paid += f.coop_paid[i];
    scale += std::abs(f.coop_received[i]) + std::abs(f.coop_paid[i]);
  }
  const double net = st.tally.coop_money_in - st.tally.coop_money_out;
  if (std::abs(received - paid - net) > kRelative * std::max(1.0, scale))
    out.push_back("money: cooperation ties paid " + std::to_string(paid) + ", received " +
                  std::to_string(received) + ", net from outside " + std::to_string(net));
}

}  // namespace

std::vector<std::string> check_invariants(const State& st) {
  std::vector<std::string> out;
  check_arrays(st, out);
  if (!out.empty()) return out;
  check_firms(st, out);
  check_ties(st, out);
  check_flows(st, out);
  check_policy_money(st, out);
  check_cooperation_money(st, out);
  return out;
}

std::vector<std::string> check_invariants(const Scenario& sc, const State& st) {
  std::vector<std::string> out = check_invariants(st);
  const Firms& f = st.firms;
  if (!out.empty() && f.size() == 0) return out;
  for (std::size_t i = 0; i < f.size() && out.size() < 50; ++i) {
    if (!f.alive[i]) continue;
    const double capital = capital_per_capacity(sc.finance, f.log_productivity[i]) * f.capacity[i];
    if (!close(f.net_worth[i], capital - f.debt[i]))
      out.push_back(firm_text(i) + "net worth is not capital minus debt");
  }
  return out;
}

}  // namespace firmsim
