// Firm order for memory locality.
//
// World generation numbers the firms by region, then stage, so that the firms a phase visits
// together (a cell's members, a region's suppliers) lie together in the per-firm arrays. Entrants
// are appended at the end and exits leave holes, so the order decays as a run goes on: the
// fields of a buyer's suppliers and of its candidates spread over more cache lines and pages.
// At 10^6 firms a world whose firms are numbered at random costs 36% more per firm-step than one
// numbered by region and stage (docs/PERFORMANCE.md). Every `world.renumber_every` steps the
// measure phase therefore sorts the firms again, in worlds of at least
// `world.renumber_min_firms` firm slots (smaller ones fit in the caches): alive firms by
// (region, stage, id), then the dead ones by id. It is a counting sort over the firms in id
// order, so it is stable, and costs two passes over the ids plus one gather per per-firm array.
//
// A firm keeps its id (Firms::id), which every output writes and every random stream of the
// firm is keyed by, so a renumbered firm draws the same numbers. Ties between equal scores,
// budget-limited loops and partner search's lookup of the searcher go by id too; what changes
// is only the order of sums over firms, which run in place order (their last digits).
#include "core/firm_order.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/cells.hpp"

namespace firmsim {

namespace {

constexpr std::size_t kGrain = 16384;

/// v[k] = old v[from[k]] for every k, through `scratch` (room for from.size() values). An
/// empty array (unused in this scenario) stays empty; one sized before this step's entrants is
/// first extended with `missing`, the value its readers take for a missing entry.
template <class T>
void gather(std::vector<T>& v, const std::vector<FirmId>& from, std::vector<std::uint64_t>& scratch,
            T missing = T{}) {
  static_assert(sizeof(T) <= sizeof(std::uint64_t));
  const std::size_t n = from.size();
  if (v.empty()) return;
  if (v.size() < n) v.resize(n, missing);
  T* tmp = reinterpret_cast<T*>(scratch.data());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kGrain), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k) tmp[k] = v[from[k]];
  });
  std::memcpy(v.data(), tmp, n * sizeof(T));
}

/// Rewrites a firm's place through `to` (old place -> new place); kNoFirm and out-of-range
/// values are left alone.
inline void remap(FirmId& id, const std::vector<FirmId>& to) {
  if (id < to.size()) id = to[id];
}

}  // namespace

std::vector<FirmId> places_by_id(const Firms& f) {
  const std::size_t n = f.size();
  std::vector<FirmId> places(n, kNoFirm);
  for (std::size_t i = 0; i < n; ++i) {
    if (f.id[i] >= n || places[f.id[i]] != kNoFirm)
      throw std::logic_error("the firms' ids are not 0.." + std::to_string(n - 1) +
                             ", each once (the firm at " + std::to_string(i) + " has id " +
                             std::to_string(f.id[i]) + ")");
    places[f.id[i]] = static_cast<FirmId>(i);
  }
  return places;
}

bool renumber_due(const Scenario& sc, const State& st) {
  const int every = sc.world.renumber_every;
  return every > 0 && (st.step + 1) % every == 0 &&
         st.firms.size() >= static_cast<std::size_t>(std::max(0, sc.world.renumber_min_firms));
}

bool renumber_firms(const Scenario& sc, State& st) {
  Firms& f = st.firms;
  const std::size_t n = f.size();
  if (n == 0) return false;
  const std::size_t regions = std::max<std::size_t>(1, st.regions.size());
  const std::size_t stages = static_cast<std::size_t>(std::max(1, sc.world.stages));
  const std::size_t buckets = regions * stages + 1;  // the last one: dead firms
  const auto bucket = [&](std::size_t i) -> std::size_t {
    if (!f.alive[i]) return buckets - 1;
    return std::min<std::size_t>(f.region[i], regions - 1) * stages +
           std::min<std::size_t>(f.stage[i], stages - 1);
  };

  // Checked before anything moves: every per-firm array has one entry per firm.
  bool sized = true;
  f.for_each_array([&](const auto& v) { sized = sized && v.size() == n; });
  const std::size_t w = static_cast<std::size_t>(std::max(0, st.knowledge_fields));
  if (!sized || f.knowledge.size() != n * w)
    throw std::logic_error("renumber_firms: the firm arrays are not all sized for " +
                           std::to_string(n) + " firms");

  // The firms in id order (ids are a permutation of 0..n-1: a slot is never dropped).
  std::vector<FirmId> by_id = places_by_id(f);
  std::vector<std::uint32_t> start(buckets + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++start[bucket(i) + 1];
  for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  std::vector<FirmId> from(n);  // from[new place] = old place
  bool moved = false;
  for (std::size_t k = 0; k < n; ++k) {
    const FirmId i = by_id[k];
    const FirmId place = start[bucket(i)]++;
    from[place] = i;
    moved = moved || place != i;
  }
  if (!moved) return false;
  std::vector<FirmId>& to = by_id;  // reused: to[old place] = new place
  for (std::size_t k = 0; k < n; ++k) to[from[k]] = static_cast<FirmId>(k);

  // Per-firm arrays.
  std::vector<std::uint64_t> scratch(n);
  f.for_each_array([&](auto& v) { gather(v, from, scratch); });
  if (w > 0) {
    std::vector<float> k2(f.knowledge.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kGrain), [&](const auto& r) {
      for (std::size_t k = r.begin(); k != r.end(); ++k)
        std::copy_n(f.knowledge.data() + from[k] * w, w, k2.data() + k * w);
    });
    std::copy(k2.begin(), k2.end(), f.knowledge.begin());
  }
  gather(st.technology.rd_effective, from, scratch);
  PolicyState& pol = st.policy;
  for (ProgrammeState& p : pol.programmes) {  // missing entries as in size_policy_arrays
    gather(p.funded_step, from, scratch, -1);
    gather(p.clock_step, from, scratch, -1);
    gather(p.dropped, from, scratch);
  }
  gather(pol.fee_programme, from, scratch, -1);
  gather(pol.fee_last, from, scratch);
  gather(pol.brokered, from, scratch);
  gather(pol.cover_paid, from, scratch);

  // References to places.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, st.ties.size(), kGrain), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k) {
      remap(st.ties[k].source, to);
      remap(st.ties[k].target, to);
    }
  });
  for (InstituteTie& t : st.institute_ties) remap(t.firm, to);
  for (TieEvent& e : st.events) remap(e.source, to), remap(e.target, to);
  for (TieProposal& q : st.proposals) remap(q.source, to), remap(q.target, to);
  rebuild_cells(st, sc.world.stages);
  return true;
}

}  // namespace firmsim
