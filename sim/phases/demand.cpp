// Demand and market selection (MODEL.md sections 2.2 and 9).
//
// Final demand of each market (one per country, then the world export market) follows a
// random walk with drift in money: D <- D exp(g / steps_per_year - sigma^2 / 2 + sigma eps).
// Final-stage firms sell at home and, once productive enough to pay the export access cost, on
// the export market. Each market shares its demand by replicator dynamics in logit form,
//   f_i <- f_i exp(chi (E_i - E_mean)) / sum,
//   E_i = -w_p log(p_i / p_mean) + w_q (log A_i - mean log A) + w_b brand_i - w_u u_i
//         - (home) w_d km to the market centre / 1000  - (export) w_x export access cost,
// with u_i the share of last step's orders the firm left unfilled and means weighted by share.
// Export promotion (Firms::export_cost_cut) lowers a firm's access cost in the entry line and
// in its export competitiveness; so do partners abroad in distribution ties and joint ventures
// (Firms::access_saving, sim/ties/cooperation_effects.cpp).
// A newcomer to a market starts with entrant_share / (firms in the market). A firm's demand in
// units is its shares times the markets' money demand over its price.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>

#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "firmsim/rng.hpp"
#include "phases/phases.hpp"

namespace firmsim::phases {

namespace {

struct MarketStats {
  double members = 0, total_share = 0, price = 0, log_a = 0, e = 0;
};

/// Centre of each country's domestic market: its regions' positions weighted by their
/// initial firm counts (equal weights when those are all zero).
void market_centres(const State& st, std::vector<double>& x, std::vector<double>& y) {
  const std::size_t c = st.countries.size();
  std::vector<double> w(c, 0.0), n(c, 0.0);
  x.assign(c, 0.0);
  y.assign(c, 0.0);
  std::vector<double> ex(c, 0.0), ey(c, 0.0);
  for (const RegionState& r : st.regions) {
    const double wr = std::max(0, r.spec.firms);
    x[r.country] += wr * r.spec.x_km, y[r.country] += wr * r.spec.y_km, w[r.country] += wr;
    ex[r.country] += r.spec.x_km, ey[r.country] += r.spec.y_km, n[r.country] += 1;
  }
  for (std::size_t k = 0; k < c; ++k) {
    if (w[k] > 0)
      x[k] /= w[k], y[k] /= w[k];
    else if (n[k] > 0)
      x[k] = ex[k] / n[k], y[k] = ey[k] / n[k];
  }
}

/// Gives newcomers (alive, in the market, share 0) their entry share, then rescales the
/// market's shares to sum to one.
void normalise_shares(std::span<const std::uint32_t> firms, std::vector<double>& share,
                      const std::vector<std::uint8_t>& member, std::size_t market,
                      const std::vector<std::uint16_t>& market_of, double entrant_share,
                      std::vector<MarketStats>& m) {
  for (auto& s : m) s.members = 0, s.total_share = 0;
  for (std::uint32_t i : firms)
    if (member[i]) m[market == SIZE_MAX ? market_of[i] : market].members += 1;
  for (std::uint32_t i : firms) {
    if (!member[i]) continue;
    MarketStats& s = m[market == SIZE_MAX ? market_of[i] : market];
    if (share[i] <= 0) share[i] = entrant_share / s.members;
    s.total_share += share[i];
  }
  for (std::uint32_t i : firms) {
    if (!member[i]) continue;
    const MarketStats& s = m[market == SIZE_MAX ? market_of[i] : market];
    share[i] /= s.total_share;
  }
}

}  // namespace

void demand(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const MarketSpec& p = sc.market;
  const std::size_t countries = st.countries.size(), xm = countries;
  const int final_stage = std::max(1, sc.world.stages) - 1;

  // Final demand per market.
  const double drift = p.demand_growth / std::max(1, sc.steps_per_year);
  for (std::size_t m = 0; m < st.market_demand.size(); ++m) {
    Rng rng(sc.seed, m, static_cast<std::uint32_t>(st.step), Stream::demand);
    const double sigma = p.demand_noise;
    st.market_demand[m] *= std::exp(drift - 0.5 * sigma * sigma + sigma * rng.normal());
  }

  // The final-stage firms alive now, and who sells where.
  std::vector<std::uint32_t> finals;
  for (std::uint32_t i : stage_firms(st.cells, final_stage))
    if (f.alive[i]) finals.push_back(i);
  if (finals.empty()) return;
  double mean_log_a = 0;
  for (std::uint32_t i : finals) mean_log_a += f.log_productivity[i];
  mean_log_a /= static_cast<double>(finals.size());
  std::vector<std::uint8_t> home_member(f.size(), 0);
  tbb::parallel_for(std::size_t{0}, finals.size(), [&](std::size_t k) {
    const std::uint32_t i = finals[k];
    home_member[i] = 1;
    const double line = p.export_entry_gap +
                        p.export_cost_weight * st.countries[f.country[i]].spec.export_access_cost *
                            (1 - f.export_cost_cut[i]) * (1 - f.access_saving[i]);
    const double gap = f.log_productivity[i] - mean_log_a;
    if (!f.exporter[i] && gap >= line) f.exporter[i] = 1, f.export_share[i] = 0;
    if (f.exporter[i] && gap < line - p.export_exit_gap) f.exporter[i] = 0;
    if (!f.exporter[i]) f.export_share[i] = 0;
  });

  std::vector<MarketStats> home(countries), world(1);
  normalise_shares(finals, f.market_share, home_member, SIZE_MAX, f.country, p.entrant_share,
                   home);
  normalise_shares(finals, f.export_share, f.exporter, 0, f.country, p.entrant_share, world);

  // Share-weighted mean price and log productivity per market.
  for (auto* ms : {&home, &world})
    for (MarketStats& s : *ms) s.price = 0, s.log_a = 0, s.e = 0;
  for (std::uint32_t i : finals) {
    MarketStats& h = home[f.country[i]];
    h.price += f.market_share[i] * f.price[i];
    h.log_a += f.market_share[i] * f.log_productivity[i];
    if (f.exporter[i]) {
      world[0].price += f.export_share[i] * f.price[i];
      world[0].log_a += f.export_share[i] * f.log_productivity[i];
    }
  }

  // Competitiveness at home and abroad.
  std::vector<double> cx, cy;
  market_centres(st, cx, cy);
  std::vector<double> e_home(finals.size()), e_abroad(finals.size());
  tbb::parallel_for(std::size_t{0}, finals.size(), [&](std::size_t k) {
    const std::uint32_t i = finals[k];
    const double unfilled = f.demand[i] > 0 ? std::clamp(f.unmet[i] / f.demand[i], 0.0, 1.0) : 0;
    const double common = p.brand_weight * f.brand[i] - p.unfilled_weight * unfilled;
    const double price = std::max(f.price[i], 1e-300);
    const MarketStats& h = home[f.country[i]];
    const RegionSpec& r = st.regions[f.region[i]].spec;
    const double km = std::hypot(r.x_km - cx[f.country[i]], r.y_km - cy[f.country[i]]);
    e_home[k] = -p.price_weight * std::log(price / h.price) +
                p.quality_weight * (f.log_productivity[i] - h.log_a) + common -
                p.distance_weight * km / 1000.0;
    e_abroad[k] = -p.price_weight * std::log(price / std::max(world[0].price, 1e-300)) +
                  p.quality_weight * (f.log_productivity[i] - world[0].log_a) + common -
                  p.export_cost_weight * st.countries[f.country[i]].spec.export_access_cost *
                      (1 - f.export_cost_cut[i]) * (1 - f.access_saving[i]);
  });
  for (std::size_t k = 0; k < finals.size(); ++k) {
    const std::uint32_t i = finals[k];
    home[f.country[i]].e += f.market_share[i] * e_home[k];
    if (f.exporter[i]) world[0].e += f.export_share[i] * e_abroad[k];
  }

  // Replicator step, then the new shares normalised.
  tbb::parallel_for(std::size_t{0}, finals.size(), [&](std::size_t k) {
    const std::uint32_t i = finals[k];
    f.market_share[i] *= std::exp(p.selection * (e_home[k] - home[f.country[i]].e));
    if (f.exporter[i]) f.export_share[i] *= std::exp(p.selection * (e_abroad[k] - world[0].e));
  });
  for (auto* ms : {&home, &world})
    for (MarketStats& s : *ms) s.total_share = 0;
  for (std::uint32_t i : finals) {
    home[f.country[i]].total_share += f.market_share[i];
    if (f.exporter[i]) world[0].total_share += f.export_share[i];
  }

  // Demand in units.
  tbb::parallel_for(std::size_t{0}, finals.size(), [&](std::size_t k) {
    const std::uint32_t i = finals[k];
    const double th = home[f.country[i]].total_share, tw = world[0].total_share;
    f.market_share[i] = th > 0 ? f.market_share[i] / th : 0;
    f.export_share[i] = f.exporter[i] && tw > 0 ? f.export_share[i] / tw : 0;
    const double price = std::max(f.price[i], 1e-300);
    f.export_demand[i] = f.export_share[i] * st.market_demand[xm] / price;
    f.demand[i] = f.market_share[i] * st.market_demand[f.country[i]] / price + f.export_demand[i];
  });
}

}  // namespace firmsim::phases
