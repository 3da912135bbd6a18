// Entry and exit (MODEL.md sections 2.8 and 9).
//
// Exit: a firm leaves when its net worth is negative, or when its market share has stayed
// under tiny_share times its share of the market's capacity, or under min_relative_share times
// the market's mean share (f_min of MODEL.md 9, relative to 1 / the market's alive firms), for
// tiny_share_steps steps in a row: it lost its market, whatever its size, or it is too small to
// hold one (f_min makes exit respond to crowding: the more firms share a market, the more fall
// below it; relative to the mean share so that a scaled-up economy keeps the same rule). The
// market of a final-stage firm is its home market, of an upstream firm its stage. Its ties end with
// "partner_exit": its buyers order nothing from it next step, which shows as a supply gap.
// Entry: region r gets Poisson(lambda_r) potential entrants with
//   lambda_r = entrepreneurship_r * N_r * (1 + cluster_entry_effect log(1 + n_r / scale)),
// n_r its alive firms and N_r its pool of would-be founders: the firms it started with
// (entrant_pool "initial_firms", regions[].firms), which does not grow with entry, so the
// population settles where exits match entry; or n_r itself ("alive_firms": entry compounds).
// Entry rises with the local cluster either way (a cluster programme's incubator adds
// RegionPolicy::entry_boost to entrepreneurship_r while it runs). A share spinoff_probability
// are spin-offs of a random local firm (same stage, part of its knowledge through
// init_entrant_technology); the rest pick a stage by the population's stage shares. A
// potential entrant enters with probability
//   clamp((r_cs - i_c) / entry_return_scale, 0, 1) * min(1, u_cs / u*)^entry_room_exponent,
// r_cs the median firm's return on equity in its stage s and country c this step, i_c the
// country's interest rate on debt, u_cs the utilisation that the orders of (c, s) give its
// capacity and u* the target utilisation: entry fills room where incumbents earn more than
// capital costs and their capacity is used; entrants' capacity lowers u_cs, so crowding closes
// the gate (without it entry, proportional to n_r, compounds). Entrants
// are micro firms with a few employees, own capital (entrant_equity), the initial mark-up and
// a price from their expected unit cost; they find suppliers in the ties phase and customers on
// the spot market and through buyers' searches.
#include <algorithm>
#include <cmath>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "core/cells.hpp"
#include "core/cost_model.hpp"
#include "core/technology.hpp"
#include "firmsim/rng.hpp"
#include "phases/phases.hpp"
#include "ties/dissolution.hpp"

namespace firmsim::phases {

namespace {

// Entity numbers of the regions' entry draws, above every firm id.
constexpr std::uint64_t kRegionEntity = 1ull << 40;

int poisson(Rng& rng, double lambda) {
  if (lambda <= 0) return 0;
  if (lambda > 50) return std::max(0, static_cast<int>(std::lround(rng.normal(lambda, std::sqrt(lambda)))));
  const double limit = std::exp(-lambda);
  int k = 0;
  double prod = rng.uniform();
  while (prod > limit) {
    ++k;
    prod *= rng.uniform();
  }
  return k;
}

int draw_stage(const std::vector<double>& shares, int stages, Rng& rng) {
  double total = 0;
  for (int s = 0; s < stages && s < static_cast<int>(shares.size()); ++s)
    total += std::max(0.0, shares[s]);
  if (total <= 0) return static_cast<int>(rng.below(static_cast<std::uint64_t>(stages)));
  double u = rng.uniform() * total;
  for (int s = 0; s < stages && s < static_cast<int>(shares.size()); ++s) {
    u -= std::max(0.0, shares[s]);
    if (u < 0) return s;
  }
  return stages - 1;
}

void mark_exits(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const int stages = std::max(1, sc.world.stages);
  const EntryExitSpec& p = sc.entry_exit;
  // Market capacity and alive firms: home-market firms for the final stage, stage firms upstream.
  std::vector<double> home(st.countries.size(), 0.0), stage(static_cast<std::size_t>(stages), 0.0);
  std::vector<double> home_firms(home.size(), 0.0), stage_firms(stage.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    if (f.stage[i] == stages - 1) home[f.country[i]] += f.capacity[i], home_firms[f.country[i]] += 1;
    stage[f.stage[i]] += f.capacity[i];
    stage_firms[f.stage[i]] += 1;
  }
  std::vector<std::uint8_t> leaving(f.size(), 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, f.size(), 512), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (!f.alive[i]) continue;
      const bool final_stage = f.stage[i] == stages - 1;
      const double market = final_stage ? home[f.country[i]] : stage[f.stage[i]];
      const double firms = final_stage ? home_firms[f.country[i]] : stage_firms[f.stage[i]];
      const bool tiny = f.market_share[i] * market < p.tiny_share * f.capacity[i] ||
                        f.market_share[i] * std::max(1.0, firms) < p.min_relative_share;
      f.tiny_share_steps[i] = tiny ? static_cast<std::int16_t>(std::min(30000, f.tiny_share_steps[i] + 1)) : 0;
      leaving[i] = f.net_worth[i] < 0 || f.tiny_share_steps[i] >= p.tiny_share_steps;
    }
  });
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!leaving[i]) continue;
    f.alive[i] = 0;
    f.market_share[i] = f.export_share[i] = 0;
    f.exporter[i] = 0;
    ++st.tally.exits;
  }
}

void init_entrant(const Scenario& sc, State& st, FirmId id, int region, int stage, FirmId parent,
                  const std::vector<double>& stage_price) {
  Firms& f = st.firms;
  Rng rng(sc.seed, f.id[id], static_cast<std::uint32_t>(st.step), Stream::entry);
  const RegionState& r = st.regions[region];
  place_entrant(sc, st, id, region, stage, SizeClass::micro, parent, rng);

  const EntryExitSpec& p = sc.entry_exit;
  const double employees = std::clamp(rng.lognormal(std::log(p.entrant_employees), 0.5), 1.0,
                                      std::max(1.0, p.entrant_employees_max));
  const FinanceSpec& fin = sc.finance;
  f.employees[id] = employees;
  f.capacity[id] = employees * std::exp(f.log_productivity[id]) / fin.target_utilisation;
  f.expected_demand[id] = fin.target_utilisation * f.capacity[id];
  const double capital = capital_per_capacity(fin, f.log_productivity[id]) * f.capacity[id];
  f.net_worth[id] = p.entrant_equity * capital;
  f.debt[id] = capital - f.net_worth[id];
  f.markup[id] = sc.market.initial_markup;
  f.brand[id] = sc.market.initial_brand.empty()
                    ? 0.0
                    : sc.market.initial_brand[0];
  f.agglomeration[id] =
      agglomeration_saving(sc.costs, local_cluster_size(st.cells, stage, region));
  const double labour =
      unit_labour_cost(sc.costs, st.countries[r.country].spec.wage, f.log_productivity[id],
                       f.agglomeration[id], r.spec.infrastructure);
  const double inputs = stage > 0 ? sc.production.input_coefficient * stage_price[stage - 1] *
                                        (1 + sc.production.spot_premium)
                                  : 0.0;
  f.unit_cost[id] = labour + inputs;
  f.price[id] = (1 + f.markup[id]) * f.unit_cost[id];
  f.tie_fill[id] = 1;
}

void add_entrants(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const int stages = std::max(1, sc.world.stages);
  const EntryExitSpec& p = sc.entry_exit;
  const std::size_t regions = st.regions.size();

  // Output-weighted mean price per stage: what an entrant expects to pay for inputs.
  std::vector<double> value(static_cast<std::size_t>(stages), 0.0), units(value.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i]) value[f.stage[i]] += f.price[i] * f.capacity[i], units[f.stage[i]] += f.capacity[i];
  for (std::size_t s = 0; s < value.size(); ++s) value[s] = units[s] > 0 ? value[s] / units[s] : 0;

  // The median firm's return on equity per (country, stage) this step: entry follows the
  // profitability an ordinary entrant can expect, not the aggregate that a few winners dominate
  // (a firm with negative equity counts as a loss of -1).
  const std::size_t countries = st.countries.size();
  // Room in the market per (country, stage): the utilisation its orders would give its capacity,
  // against the target utilisation. Entrants' capacity lowers it, so crowding closes the gate.
  std::vector<std::vector<double>> returns(countries * stages);
  std::vector<double> orders(returns.size(), 0.0), capacity(returns.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    const std::size_t k = f.country[i] * static_cast<std::size_t>(stages) + f.stage[i];
    returns[k].push_back(f.net_worth[i] > 0 ? f.profit[i] / f.net_worth[i] : -1.0);
    orders[k] += f.demand[i];
    capacity[k] += f.capacity[i];
  }
  std::vector<double> median(returns.size(), 0.0);
  for (std::size_t k = 0; k < returns.size(); ++k) {
    std::vector<double>& v = returns[k];
    if (v.empty()) continue;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    median[k] = *mid;
  }
  const auto enter_probability = [&](int country, int stage) {
    const std::size_t k = country * static_cast<std::size_t>(stages) + stage;
    if (returns[k].empty()) return 1.0;  // an empty stage: the first entrant has the market
    const CountrySpec& c = st.countries[country].spec;
    const double excess = median[k] - (sc.finance.base_interest + c.interest_spread);
    const double room =
        capacity[k] > 0
            ? std::clamp(orders[k] / (capacity[k] * sc.finance.target_utilisation), 0.0, 1.0)
            : 1.0;
    return std::clamp(excess / p.entry_return_scale, 0.0, 1.0) *
           std::pow(room, p.entry_room_exponent);
  };

  // Potential entrants per region (st.cells lists the firms alive after this step's exits);
  // each enters when the return of its stage in its country attracts it.
  struct Entrant {
    int region, stage;
    FirmId parent;
  };
  std::vector<Entrant> entrants;
  const bool from_initial = p.entrant_pool == "initial_firms";
  for (std::size_t r = 0; r < regions; ++r) {
    std::size_t local = 0;
    for (int s = 0; s < stages; ++s) local += cell_firms(st.cells, s, static_cast<int>(r)).size();
    const double n = static_cast<double>(local);
    const double pool =
        from_initial ? std::max(0, st.regions[r].spec.firms) : n;  // would-be founders
    const double incubation = r < st.region_policy.size() ? st.region_policy[r].entry_boost : 0.0;
    const double lambda = (st.regions[r].spec.entrepreneurship + incubation) * pool *
                          (1 + p.cluster_entry_effect * std::log1p(n / p.cluster_entry_scale));
    Rng rng(sc.seed, kRegionEntity + r, static_cast<std::uint32_t>(st.step), Stream::entry);
    const int potential = poisson(rng, lambda);
    for (int k = 0; k < potential; ++k) {
      FirmId parent = kNoFirm;
      int stage;
      if (local > 0 && rng.bernoulli(p.spinoff_probability)) {
        std::size_t pick = rng.below(local);
        int s = 0;
        while (pick >= cell_firms(st.cells, s, static_cast<int>(r)).size())
          pick -= cell_firms(st.cells, s, static_cast<int>(r)).size(), ++s;
        parent = cell_firms(st.cells, s, static_cast<int>(r))[pick];
        stage = s;
      } else {
        stage = draw_stage(sc.population.stage_shares, stages, rng);
      }
      if (rng.uniform() < enter_probability(st.regions[r].country, stage))
        entrants.push_back({static_cast<int>(r), stage, parent});
    }
  }
  if (entrants.empty()) return;
  std::size_t id = f.size();
  f.resize(id + entrants.size(), st.knowledge_fields);
  for (const Entrant& e : entrants) {
    init_entrant(sc, st, static_cast<FirmId>(id++), e.region, e.stage, e.parent, value);
    ++st.tally.entries;
  }
}

}  // namespace

void entry_exit(const Scenario& sc, State& st) {
  mark_exits(sc, st);
  end_ties_of_dead_firms(st);
  rebuild_cells(st, sc.world.stages);
  add_entrants(sc, st);
  rebuild_cells(st, sc.world.stages);
}

}  // namespace firmsim::phases
