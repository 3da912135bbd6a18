#pragma once
// Innovation and learning, shared by the mechanism files of the innovation phase: innovation.cpp
// (the phase: R&D, innovation draws, the update), rd_pooling.cpp, imitation.cpp, spillovers.cpp
// and tie_learning.cpp.
//
// Every mechanism reads a snapshot of the state taken at the start of the phase (log A and
// knowledge profiles are double-buffered) and adds its effect to one firm's Update, so firms can
// be processed in any order and on any number of threads.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/cells.hpp"
#include "core/technology.hpp"
#include "firmsim/rng.hpp"
#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim::learning {

/// The state as it was at the start of the phase, with parameters unpacked into tables.
struct Snapshot {
  const Scenario& sc;
  const InnovationSpec& p;
  const State& st;
  const double* log_a;         ///< log A before the phase
  const float* knowledge;      ///< profiles before the phase, fields per firm
  const double* rd_spend;      ///< this step's R&D spending
  int fields;                  ///< knowledge fields per firm
  int stages;                  ///< value-chain stages
  std::array<double, kTieTypeCount> tie_learning;  ///< per tie type, 0 where no learning
  /// Per cell of State::cells: log1p(its firms / spillover_cluster_scale), the cluster term of
  /// the spillovers, computed once per cell (spillover_cluster_logs).
  const double* cluster_log = nullptr;

  /// The R&D scale of firm i's hazards: rd_scale + rd_scale_revenue * last step's revenue.
  double rd_scale_of(FirmId i) const {
    const auto& rev = st.firms.revenue;
    const double revenue = i < rev.size() ? std::max(rev[i], 0.0) : 0.0;
    return p.rd_scale + p.rd_scale_revenue * revenue;
  }
};

/// What one firm gains this step: a change of log A and a pull of its knowledge profile,
/// sum over sources s of weight_s * (profile_s - own profile).
struct Update {
  double d_log_a = 0;
  double pull_weight = 0;
  std::array<float, kMaxKnowledgeFields> pull{};

  /// Moves the profile `weight` of the way toward `target`.
  void pull_toward(const float* own, const float* target, int fields, double weight) {
    for (int k = 0; k < fields; ++k) pull[k] += static_cast<float>(weight) * (target[k] - own[k]);
    pull_weight += weight;
  }
};

/// Half the L1 distance between two knowledge profiles: 0 (identical) .. 1 (disjoint).
inline double cognitive_distance(const float* a, const float* b, int fields) {
  float sum = 0;
  for (int k = 0; k < fields; ++k) sum += std::fabs(a[k] - b[k]);
  return 0.5 * static_cast<double>(sum);
}

/// Nooteboom's inverted U, g(d) = d exp(1 - d/d*), divided by its peak g(d*) = d*: 1 at d*.
inline double learning_value(double d, double d_star) {
  const double r = d / d_star;
  return r * std::exp(1.0 - r);
}

/// The other end of a tie.
inline FirmId partner(const Tie& t, FirmId i) { return t.source == i ? t.target : t.source; }

/// Incident ties of firm i in the network built at the end of the last step (empty for firms
/// added since).
inline std::pair<std::uint32_t, std::uint32_t> incident_range(const Network& net, FirmId i) {
  if (static_cast<std::size_t>(i) + 1 >= net.incident_offsets.size()) return {0, 0};
  return {net.incident_offsets[i], net.incident_offsets[i + 1]};
}

/// The cluster term of the spillovers for every cell of State::cells (see Snapshot::cluster_log).
std::vector<double> spillover_cluster_logs(const InnovationSpec& p, const Cells& c);

/// Effective R&D: own spending plus the pooled R&D of two-way R&D partners and consortia.
double effective_rd(const Snapshot& s, FirmId i);

/// The highest start-of-phase log A in each cell of State::cells (rebuilt first when it does not
/// cover the world's stages and regions).
void find_local_frontiers(const Scenario& sc, State& st);

/// A pull toward the local frontier that grows with cluster size and research institutes.
void cluster_spillover(const Snapshot& s, FirmId i, double absorptive, Update& u);

/// Imitation draw; on success catch up on a more productive partner or co-located firm.
/// Returns the imitated firm, or kNoFirm.
FirmId imitate(const Snapshot& s, FirmId i, double absorptive, Update& u);

/// Learning-by-supplying, licensing and mutual learning along ties; records the amounts moved
/// in Tie::flow_knowledge of the ties on which firm i learns (each tie has one learner).
void learn_from_ties(const Snapshot& s, std::vector<Tie>& ties, FirmId i, double absorptive,
                     Update& u);

}  // namespace firmsim::learning
