// Production along the supply network (MODEL.md section 2.3).
//
// Two passes over the stages. Upward (final stage to the first): a firm plans to produce
// min(orders, capacity) and orders input_coefficient units of input per planned unit from its
// tied suppliers in proportion to the ties' shares; a supplier serves its tie orders up to its
// capacity (each tie order pro rata); what tied suppliers cannot serve, and the share of
// orders no tie carries, goes to the spot market, where the stage's firms sell their spare
// capacity, cheaper sellers first in proportion (allocate_spot_orders, spot_price_elasticity). Downward (first stage to the final): output is limited by the inputs that
// actually arrived; a supplier that produced less than planned delivers every order pro rata.
// Buyers pay each tied supplier its price, and on the spot market the sellers' mean price plus
// a premium that goes to traders outside the firm population. Every unit a stage produces
// arrives at the next stage (or a final market), and every unit of money a buyer pays for
// inputs is a supplier's revenue: check_invariants verifies both.
//
// Orders reach suppliers by gathering over each supplier's incident ties (State::network), so
// each parallel loop writes only its own firm's slot and the tie rows that firm receives on.
#include <algorithm>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "core/spot_market.hpp"
#include "core/supply_chain.hpp"
#include "phases/phases.hpp"

namespace firmsim::phases {

namespace {

constexpr std::size_t kGrain = 128;

template <class Body>
void for_each_firm(std::span<const std::uint32_t> firms, Body&& body) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, firms.size(), kGrain), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k) body(firms[k]);
  });
}

/// Calls body(tie) for the incident ties of firm i whose incident kind passes keep(kind): the
/// ties where i buys (incident_kind::supply_in) or sells (supply_out), read from the slot
/// beside the tie index instead of the tie row.
template <bool (*keep)(std::uint8_t), class Body>
void for_each_incident(const Network& net, FirmId i, Body&& body) {
  for (auto [k, end] = incident_slots(net, i); k < end; ++k)
    if (keep(net.incident_kinds[k])) body(net.incident_ties[k]);
}

/// Spot-market totals of one stage's sellers.
struct Spot {
  double ordered = 0;    ///< units the next stage ordered on the spot market
  double spare = 0;      ///< spare capacity of the sellers
  double rate = 0;       ///< share of spot orders delivered, after the downward pass
  double price = 0;      ///< mean price of the spot units delivered
};

}  // namespace

void production(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const Network& net = st.network;
  std::vector<Tie>& ties = st.ties;
  const int stages = std::max(1, sc.world.stages);
  const double coef = sc.production.input_coefficient;

  // Per-step quantities start from zero in every slot (dead firms produce nothing).
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 1024), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      f.planned[i] = f.input_need[i] = f.inputs[i] = 0;
      f.supply_gap[i] = f.output[i] = f.unmet[i] = 0;
      f.exports[i] = f.input_cost[i] = f.transaction_cost[i] = 0;
      f.tie_fill[i] = 1;
      if (!f.alive[i])
        f.demand[i] = f.export_demand[i] = f.revenue[i] = f.costs[i] = f.profit[i] = 0;
    }
  });

  // Quantities that live only in this phase, per firm slot: units ordered from the firm through
  // supply ties, units allocated to it on the spot market, input units it buys there. Local
  // rather than firm arrays: three arrays fewer in the state (30 MB at a million firms).
  const std::size_t n = f.size();
  std::vector<double> tie_orders(n, 0.0), spot_sold(n, 0.0), spot_bought(n, 0.0);

  std::vector<Spot> spot(static_cast<std::size_t>(stages));
  const auto finals = stage_firms(st.cells, stages - 1);
  for_each_firm(finals, [&](FirmId i) {
    if (f.alive[i]) f.planned[i] = std::min(f.demand[i], f.capacity[i]);
  });

  // Upward: orders from stage s reach stage s - 1.
  std::vector<double> spare, price, sold;
  for (int s = stages - 1; s >= 1; --s) {
    const auto buyers = stage_firms(st.cells, s);
    const auto sellers = stage_firms(st.cells, s - 1);
    for_each_firm(buyers, [&](FirmId b) {
      if (f.alive[b]) f.input_need[b] = coef * f.planned[b];
    });
    for_each_firm(sellers, [&](FirmId j) {
      if (!f.alive[j]) return;
      double orders = 0;
      for_each_incident<incident_kind::supply_out>(net, j, [&](std::uint32_t t) {
        if (ties[t].source == j && is_supply_flow(f, ties[t])) orders += tie_order(f, ties[t]);
      });
      tie_orders[j] = orders;
      f.tie_fill[j] = orders > f.capacity[j] ? f.capacity[j] / orders : 1.0;
    });
    for_each_firm(buyers, [&](FirmId b) {
      if (!f.alive[b]) return;
      double served = 0;
      for_each_incident<incident_kind::supply_in>(net, b, [&](std::uint32_t t) {
        if (ties[t].target == b && is_supply_flow(f, ties[t]))
          served += tie_order(f, ties[t]) * f.tie_fill[ties[t].source];
      });
      spot_bought[b] = std::max(0.0, f.input_need[b] - served);  // the spot order, for now
    });
    Spot& m = spot[s - 1];
    for (FirmId b : buyers) m.ordered += spot_bought[b];
    spare.assign(sellers.size(), 0.0);
    price.assign(sellers.size(), 0.0);
    for (std::size_t k = 0; k < sellers.size(); ++k) {
      const FirmId j = sellers[k];
      if (!f.alive[j]) continue;
      spare[k] = std::max(0.0, f.capacity[j] - tie_orders[j] * f.tie_fill[j]);
      price[k] = f.price[j];
      m.spare += spare[k];
    }
    allocate_spot_orders(m.ordered, spare, price, sc.production.spot_price_elasticity, sold);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sellers.size(), kGrain), [&](const auto& r) {
      for (std::size_t k = r.begin(); k != r.end(); ++k) {
        const FirmId j = sellers[k];
        if (!f.alive[j]) continue;
        const double tied = tie_orders[j] * f.tie_fill[j];
        spot_sold[j] = sold[k];
        f.planned[j] = tied + spot_sold[j];
        f.demand[j] = tie_orders[j] + spot_sold[j];
      }
    });
  }

  // Downward: the first stage produces what it planned; later stages what their inputs allow.
  for_each_firm(stage_firms(st.cells, 0), [&](FirmId j) {
    if (f.alive[j]) f.output[j] = f.planned[j];
  });
  for (int s = 1; s < stages; ++s) {
    const auto buyers = stage_firms(st.cells, s);
    const auto sellers = stage_firms(st.cells, s - 1);
    Spot& m = spot[s - 1];
    double units = 0, value = 0;
    for (FirmId j : sellers) {
      if (!f.alive[j]) continue;
      const double sold = spot_sold[j] * output_fill(f, j);
      units += sold;
      value += sold * f.price[j];
    }
    m.rate = m.ordered > 0 ? units / m.ordered : 0;
    m.price = units > 0 ? value / units : 0;
    const double premium = sc.production.spot_premium;
    for_each_firm(buyers, [&](FirmId b) {
      if (!f.alive[b]) return;
      double tied = 0, paid = 0;
      for_each_incident<incident_kind::supply_in>(net, b, [&](std::uint32_t k) {
        Tie& t = ties[k];
        if (t.target != b || !is_supply_flow(f, t)) return;
        const double units_in = tie_delivery(f, t);
        tied += units_in;
        paid += units_in * f.price[t.source];
        t.flow_goods += units_in;
        t.flow_money += units_in * f.price[t.source];
      });
      spot_bought[b] *= m.rate;
      f.inputs[b] = tied + spot_bought[b];
      f.supply_gap[b] = std::max(0.0, f.input_need[b] - tied);
      f.input_cost[b] = paid + spot_bought[b] * m.price;
      f.transaction_cost[b] = spot_bought[b] * m.price * premium;
      f.output[b] = coef > 0 ? std::min(f.planned[b], f.inputs[b] / coef) : f.planned[b];
    });
    // Sellers' exports: units delivered on ties to buyers in another country.
    for_each_firm(sellers, [&](FirmId j) {
      if (!f.alive[j]) return;
      double abroad = 0;
      for_each_incident<incident_kind::supply_out>(net, j, [&](std::uint32_t k) {
        const Tie& t = ties[k];
        if (t.source == j && is_supply_flow(f, t) && f.country[t.target] != f.country[j])
          abroad += tie_delivery(f, t);
      });
      f.exports[j] = abroad;
    });
  }

  // Final sales: output split between home and abroad in proportion to demand; unmet orders.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 1024), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (!f.alive[i]) continue;
      if (f.stage[i] == stages - 1)
        f.exports[i] = f.demand[i] > 0 ? f.output[i] * f.export_demand[i] / f.demand[i] : 0;
      f.unmet[i] = std::max(0.0, f.demand[i] - f.output[i]);
    }
  });

  // Upstream market shares (share of the stage's output) and the step's order tallies.
  std::vector<double> stage_output(spot.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    stage_output[f.stage[i]] += f.output[i];
    if (f.stage[i] == stages - 1) {
      st.tally.orders += f.demand[i];
      st.tally.unmet_orders += f.unmet[i];
    }
    st.tally.orders += f.input_need[i];
    st.tally.unmet_orders += std::max(0.0, f.input_need[i] - f.inputs[i]);
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 1024), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i)
      if (f.alive[i] && f.stage[i] + 1 < stages) {
        const double total = stage_output[f.stage[i]];
        f.market_share[i] = total > 0 ? f.output[i] / total : 0;
      }
  });
}

}  // namespace firmsim::phases
