#include "ties/dissolution.hpp"

#include <algorithm>
#include <vector>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "ties/cooperation.hpp"
#include "ties/tie_table.hpp"

namespace firmsim {

namespace {

enum EndReason : std::uint8_t { kKeep = 0, kContractEnd = 1, kLowTrust = 2 };
constexpr const char* kEndReasonNames[] = {"", "contract_end", "low_trust"};

}  // namespace

void dissolve_ties(const Scenario& sc, State& st) {
  const Network& net = st.network;
  if (net.incident_offsets.empty()) return;
  const std::size_t firms = std::min(st.firms.size(), net.incident_offsets.size() - 1);
  const TrustSpec& p = sc.trust;
  std::vector<std::uint8_t> reason(net.incident_ties.size(), kKeep);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, firms, 256), [&](const auto& r) {
    for (std::size_t f = r.begin(); f != r.end(); ++f) {
      for (std::uint32_t k = net.incident_offsets[f]; k < net.incident_offsets[f + 1]; ++k) {
        if (!incident_kind::is_target(net.incident_kinds[k])) continue;
        Tie& t = st.ties[net.incident_ties[k]];
        if (!t.alive || t.target != f) continue;
        if (t.trust < p.low_trust) {
          reason[k] = kLowTrust;
        } else if (t.end_step > t.start_step && st.step >= t.end_step) {
          if (t.trust >= p.renewal_trust)
            t.end_step = st.step + p.renewal_steps;
          else
            reason[k] = kContractEnd;
        }
      }
    }
  });
  for (std::size_t k = 0; k < reason.size(); ++k)
    if (reason[k] != kKeep) end_tie(st, net.incident_ties[k], kEndReasonNames[reason[k]]);
}

void end_ties_of_dead_firms(State& st) {
  // The scan over the tie table in parallel, by fixed chunks of rows; the ties found are ended
  // serially in row order (the order of their events).
  const Firms& f = st.firms;
  constexpr std::size_t kChunk = 16384;
  const std::size_t rows = st.ties.size();
  std::vector<std::vector<std::uint32_t>> found((rows + kChunk - 1) / kChunk);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, found.size(), 1), [&](const auto& r) {
    for (std::size_t c = r.begin(); c != r.end(); ++c) {
      const std::size_t end = std::min(rows, (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i != end; ++i) {
        const Tie& t = st.ties[i];
        if (t.alive && (!f.alive[t.source] || !f.alive[t.target]))
          found[c].push_back(static_cast<std::uint32_t>(i));
      }
    }
  });
  for (const std::vector<std::uint32_t>& ties : found)
    for (const std::uint32_t i : ties) end_tie(st, i, "partner_exit");
  end_institute_ties_of_dead_firms(st);
}

}  // namespace firmsim
