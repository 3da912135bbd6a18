// Innovation and learning (MODEL.md 2.5 and 9), one parallel pass per firm over a snapshot:
// 1. R&D spend = rd_intensity * last step's revenue, plus an R&D subsidy's grant (accounting
//    charges it and books the grant as subsidy income);
// 2. innovation: success with probability 1 - exp(-zeta * R&D_eff / scale_i), R&D_eff pooled over
//    R&D partners (rd_pooling.cpp), scale_i = rd_scale + rd_scale_revenue * revenue_i (so the rate
//    follows R&D intensity for large firms, as in Nelson-Winter / K+S draws per unit of size);
//    the log step x, Beta(a, b) mapped onto [min, max], is kept
//    only if positive, and the knowledge profile drifts toward the innovation's field;
// 3. imitation (imitation.cpp), cluster spillovers (spillovers.cpp), learning along ties
//    (tie_learning.cpp);
// 4. R&D stock accumulates with depreciation; absorptive capacity moves toward the level that
//    the size class and R&D stock give (it grows with R&D and decays without).
// Log A and knowledge profiles are double-buffered (every firm reads the values of the start of
// the phase and writes only its own slot), so the result does not depend on the order of firms
// or the number of threads; tallies are summed serially in firm order.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "phases/learning.hpp"
#include "phases/phases.hpp"

namespace firmsim::phases {

namespace {

using learning::Snapshot;
using learning::Update;

bool innovate(const Snapshot& s, FirmId i, double rd_effective, Update& u) {
  const InnovationSpec& p = s.p;
  const double hazard = p.innovation_rate * rd_effective / s.rd_scale_of(i);
  if (!(hazard > 0)) return false;
  Rng rng(s.sc.seed, s.st.firms.id[i], static_cast<std::uint32_t>(s.st.step), Stream::innovation);
  if (!rng.bernoulli(1.0 - std::exp(-hazard))) return false;
  const double x = p.innovation_step_min +
                   (p.innovation_step_max - p.innovation_step_min) *
                       rng.beta(p.innovation_beta_a, p.innovation_beta_b);
  if (!(x > 0)) return false;
  u.d_log_a += x;
  if (s.fields == 0 || !(p.innovation_knowledge_drift > 0)) return true;
  // The innovation's field: uniform when exploring, else in proportion to the firm's profile.
  const float* own = s.knowledge + static_cast<std::size_t>(i) * s.fields;
  int field = s.fields - 1;
  if (rng.bernoulli(p.innovation_exploration)) {
    field = static_cast<int>(rng.below(static_cast<std::uint64_t>(s.fields)));
  } else {
    double left = rng.uniform();
    for (int k = 0; k < s.fields; ++k)
      if ((left -= own[k]) < 0) {
        field = k;
        break;
      }
  }
  std::array<float, kMaxKnowledgeFields> target{};
  target[field] = 1.0f;
  u.pull_toward(own, target.data(), s.fields, p.innovation_knowledge_drift);
  return true;
}

/// New profile: the convex combination the pulls describe (their weights scaled to sum to at
/// most 1), renormalised against rounding.
void apply_knowledge(const float* prev, const Update& u, int fields, float* out) {
  const double scale = u.pull_weight > 1.0 ? 1.0 / u.pull_weight : 1.0;
  float sum = 0;
  for (int k = 0; k < fields; ++k) {
    out[k] = std::max(0.0f, static_cast<float>(prev[k] + scale * u.pull[k]));
    sum += out[k];
  }
  if (sum > 0)
    for (int k = 0; k < fields; ++k) out[k] /= sum;
}

void update_firm(const Snapshot& s, State& st, FirmId i) {
  Firms& f = st.firms;
  const int fields = s.fields;
  const float* prev_profile = s.knowledge + static_cast<std::size_t>(i) * fields;
  float* profile = f.knowledge.data() + static_cast<std::size_t>(i) * fields;
  if (!f.alive[i]) {
    f.log_productivity[i] = s.log_a[i];
    std::copy_n(prev_profile, fields, profile);
    st.technology.rd_effective[i] = 0;
    f.innovated[i] = 0;
    return;
  }
  const double absorptive = f.absorptive[i];
  const double rd_effective = learning::effective_rd(s, i);
  Update u;
  const bool innovated = innovate(s, i, rd_effective, u);
  learning::imitate(s, i, absorptive, u);
  learning::cluster_spillover(s, i, absorptive, u);
  learning::learn_from_ties(s, st.ties, i, absorptive, u);

  f.log_productivity[i] = s.log_a[i] + u.d_log_a;
  f.capacity[i] *= std::exp(u.d_log_a);  // the same capital, more productive (capital_per_capacity)
  apply_knowledge(prev_profile, u, fields, profile);
  st.technology.rd_effective[i] = rd_effective;
  f.innovated[i] = innovated ? 1 : 0;
  const InnovationSpec& p = s.p;
  f.rd_stock[i] = (1.0 - p.rd_depreciation) * f.rd_stock[i] + f.rd_spend[i];
  const double level = absorptive_level(p, f.size_class[i], f.rd_stock[i]);
  f.absorptive[i] = std::clamp(absorptive + p.absorptive_adjustment * (level - absorptive), 0.0, 1.0);
}

/// Swaps log A and profiles into the buffers, so the phase reads the old values there and
/// writes every firm's new values into the firm arrays.
void take_snapshot(State& st) {
  Firms& f = st.firms;
  TechnologyBuffers& b = st.technology;
  const std::size_t n = f.size(), fields = static_cast<std::size_t>(st.knowledge_fields);
  f.knowledge.resize(n * fields);
  // The buffers take over as the firm arrays: give them the arrays' capacity (untouched
  // capacity costs no memory), or the next entry would reallocate both, holding them twice for
  // a moment (~40 MB at 1.3 million firms, the peak of the step).
  b.log_productivity.reserve(f.log_productivity.capacity());
  b.knowledge.reserve(f.knowledge.capacity());
  note_array_grown(b.log_productivity, n);  // before they are filled (firmsim/array_growth.hpp)
  note_array_grown(b.knowledge, n * fields);
  b.log_productivity.resize(n);
  b.knowledge.resize(n * fields);
  b.rd_effective.resize(n);
  std::swap(f.log_productivity, b.log_productivity);
  std::swap(f.knowledge, b.knowledge);
}

/// Innovations, R&D spend and the mean log A per (country, stage), serially in firm order.
void tally(const Scenario& sc, State& st) {
  const Firms& f = st.firms;
  TechnologyBuffers& b = st.technology;
  const std::size_t stages = static_cast<std::size_t>(sc.world.stages);
  b.mean_log_productivity.assign(st.countries.size() * stages, 0.0);
  b.mean_count.assign(st.countries.size() * stages, 0);
  int innovations = 0;
  double rd_spend = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    innovations += f.innovated[i];
    rd_spend += f.rd_spend[i];
    const std::size_t cell = f.country[i] * stages + f.stage[i];
    b.mean_log_productivity[cell] += f.log_productivity[i];
    ++b.mean_count[cell];
  }
  for (std::size_t c = 0; c < b.mean_count.size(); ++c)
    if (b.mean_count[c] > 0) b.mean_log_productivity[c] /= b.mean_count[c];
  st.tally.innovations += innovations;
  st.tally.rd_spend += rd_spend;
}

}  // namespace

void innovation(const Scenario& sc, State& st) {
  if (st.knowledge_fields < 0 || st.knowledge_fields > kMaxKnowledgeFields)
    throw std::invalid_argument("knowledge_fields must be between 0 and 32");
  Firms& f = st.firms;
  const std::size_t n = f.size();
  const bool has_revenue = f.revenue.size() == n;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i)
      f.rd_spend[i] = f.alive[i] && has_revenue
                          ? f.rd_intensity[i] * std::max(f.revenue[i], 0.0) + f.rd_grant[i]
                          : 0.0;  // an R&D subsidy adds its grant (policy phase)
  });

  take_snapshot(st);
  learning::find_local_frontiers(sc, st);
  Snapshot s{sc, sc.innovation, st, st.technology.log_productivity.data(),
             st.technology.knowledge.data(), f.rd_spend.data(), st.knowledge_fields,
             sc.world.stages, {}};
  for (int t = 0; t < kTieTypeCount; ++t)
    if (static_cast<std::size_t>(t) < sc.innovation.tie_learning.size())
      s.tie_learning[t] = sc.innovation.tie_learning[t];
  const std::vector<double> cluster_logs =
      learning::spillover_cluster_logs(sc.innovation, st.cells);
  s.cluster_log = cluster_logs.data();

  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) update_firm(s, st, static_cast<FirmId>(i));
  });
  tally(sc, st);
  // The start-of-phase copies are read by nothing else: free them (28 bytes per firm slot with
  // 5 knowledge fields) rather than hold them through the other phases of the step.
  std::vector<double>().swap(st.technology.log_productivity);
  std::vector<float>().swap(st.technology.knowledge);
}

}  // namespace firmsim::phases
