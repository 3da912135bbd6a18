#pragma once
// How a buyer scores a supplier (MODEL.md section 9, "network shape"): landed price (price plus
// transaction costs), quality (productivity), trust, distance, reputation (customers, the
// preferential-attachment term), each relative to the supplier's stage where that matters, and
// the pair's fit: a standard normal draw fixed for the (buyer, supplier) pair (Stream::
// supplier_fit), for the specialised parts and processes that make buyers differ in which
// supplier suits them (without it every buyer ranks the suppliers of a stage alike, and the
// cheapest few take the whole stage).
#include <cmath>
#include <vector>

#include "core/cost_model.hpp"
#include "firmsim/rng.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim {

/// Means of one stage's alive firms that scores are relative to.
struct StageMeans {
  double log_price = 0;
  double log_productivity = 0;
  double log_capacity = 0;  ///< mean log capacity of the stage's firms with capacity
};

/// One entry per stage.
std::vector<StageMeans> stage_means(const State& st, int stages);

/// The score's terms; the score is their sum. No member initialisers, so that the buyer's
/// fixed-size arrays of scores cost nothing to declare: write `SupplyScore s{}` for zeros.
struct SupplyScore {
  double price, quality, trust, distance, popularity, fit;
  double total() const { return price + quality + trust + distance + popularity + fit; }
  /// Adds each term of `o` divided by `n` (a mean of scores, term by term).
  void add_share(const SupplyScore& o, double n) {
    price += o.price / n;
    quality += o.quality / n;
    trust += o.trust / n;
    distance += o.distance / n;
    popularity += o.popularity / n;
    fit += o.fit / n;
  }
};

/// The fit of a buyer-supplier pair: a standard normal draw that is the same whenever the pair
/// is scored (keyed by the pair's ids, Firms::id, not the step nor the firms' places).
inline double supplier_fit(std::uint64_t seed, std::uint32_t buyer_id, std::uint32_t supplier_id) {
  return Rng(seed, buyer_id, supplier_id, Stream::supplier_fit).normal();
}

inline SupplyScore supply_score(const Scenario& sc, const State& st, FirmId buyer,
                                FirmId supplier, double trust, const StageMeans& m) {
  const Firms& f = st.firms;
  const SupplySpec& p = sc.supply;
  const double landed =
      f.price[supplier] * (1 + tie_transaction_rate(sc.costs, st, supplier, buyer, trust));
  SupplyScore s{};
  s.price = -p.price_weight * (std::log(std::max(landed, 1e-300)) - m.log_price);
  s.quality = p.quality_weight * (f.log_productivity[supplier] - m.log_productivity);
  s.trust = p.trust_weight * trust;
  s.distance = -p.distance_weight * region_km(st, f.region[supplier], f.region[buyer]) / 1000.0;
  s.popularity = p.popularity_weight * std::log1p(static_cast<double>(f.customers[supplier]));
  if (p.fit_weight != 0) s.fit = p.fit_weight * supplier_fit(sc.seed, f.id[buyer], f.id[supplier]);
  return s;
}

/// Why `chosen` beats `other`: the term in which it leads most ("lower_price", "higher_quality",
/// "trusted" or "partner_of_partner" when found through a partner, "closer", "popular",
/// "better_fit").
const char* supply_reason(const SupplyScore& chosen, const SupplyScore& other, bool referral);

/// The tie type a buyer offers a supplier: `oem` when a final-stage firm of a developed country,
/// of size class `supply.oem_buyer_size_class` or above (SME by default), buys from a firm of a
/// developing one (with the scenario's probability, drawn by the caller), else `subcontracting`.
inline bool oem_pair(const Scenario& sc, const State& st, FirmId buyer, FirmId supplier,
                     int final_stage) {
  const Firms& f = st.firms;
  return f.stage[buyer] == final_stage && f.size_class[buyer] >= sc.supply.oem_buyer_size_class &&
         st.countries[f.country[buyer]].spec.developed &&
         !st.countries[f.country[supplier]].spec.developed;
}

}  // namespace firmsim
