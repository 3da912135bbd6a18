// Firm technology at birth (MODEL.md section 1).
//
// - Log productivity: normal around population.log_productivity_mean, lowered by
//   developing_productivity_gap in developing countries. Entrants are drawn around the current
//   mean of their country and stage, entrant_productivity_gap lower; spin-offs mix that draw
//   with their parent's log A.
// - Knowledge profile: a point on the simplex mixing the region's knowledge base, the stage's
//   and the firm's own Dirichlet draw, so firms of one cluster share a knowledge base.
// - R&D intensity: the size class's mean (times developing_rd_factor in developing countries)
//   with log-normal firm heterogeneity.
// - R&D stock: the steady state of last revenue's R&D when world generation has set revenue,
//   else zero; absorptive capacity: the level that size class and stock give.
#include "core/technology.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <oneapi/tbb/parallel_for.h>

namespace firmsim {

namespace {

// Entity numbers of the regions' and stages' knowledge bases, above every firm id.
constexpr std::uint64_t kRegionBaseEntity = 1ull << 32;
constexpr std::uint64_t kStageBaseEntity = 2ull << 32;

double by_size_class(const std::vector<double>& values, int size_class) {
  if (values.empty()) return 0.0;
  return values[std::min<std::size_t>(static_cast<std::size_t>(size_class), values.size() - 1)];
}

/// A Dirichlet(alpha, ..., alpha) point.
void dirichlet(Rng& rng, double alpha, float* out, int fields) {
  std::array<double, kMaxKnowledgeFields> g{};
  double sum = 0;
  for (int k = 0; k < fields; ++k) sum += g[k] = rng.gamma(alpha);
  for (int k = 0; k < fields; ++k)
    out[k] = static_cast<float>(sum > 0 ? g[k] / sum : 1.0 / fields);
}

void knowledge_base(const Scenario& sc, std::uint64_t entity, float* out, int fields) {
  Rng rng(sc.seed, entity, 0, Stream::world_technology);
  dirichlet(rng, sc.innovation.knowledge_concentration, out, fields);
}

/// Region base, stage base and own draw, mixed; writes `fields` values at `out`.
void mix_profile(const InnovationSpec& p, const float* region_base, const float* stage_base,
                 Rng& rng, float* out, int fields) {
  std::array<float, kMaxKnowledgeFields> own{};
  dirichlet(rng, p.knowledge_concentration, own.data(), fields);
  const double wr = p.knowledge_region_weight, ws = p.knowledge_stage_weight;
  for (int k = 0; k < fields; ++k)
    out[k] = static_cast<float>(wr * region_base[k] +
                                (1 - wr) * (ws * stage_base[k] + (1 - ws) * own[k]));
}

double draw_rd_intensity(const InnovationSpec& p, int size_class, bool developed, Rng& rng) {
  const double mean = by_size_class(p.rd_intensity, size_class) *
                      (developed ? 1.0 : p.developing_rd_factor);
  const double sd = p.rd_intensity_dispersion;
  return std::min(1.0, mean * std::exp(rng.normal(-0.5 * sd * sd, sd)));
}

void check_fields(int fields) {
  if (fields < 0 || fields > kMaxKnowledgeFields)
    throw std::invalid_argument("knowledge_fields must be between 0 and 32");
}

}  // namespace

double absorptive_level(const InnovationSpec& p, int size_class, double rd_stock) {
  const double base = by_size_class(p.absorptive_base, size_class);
  return base + (1.0 - base) * (1.0 - std::exp(-std::max(rd_stock, 0.0) / p.absorptive_rd_scale));
}

void init_technology(const Scenario& sc, State& st) {
  const InnovationSpec& p = sc.innovation;
  Firms& f = st.firms;
  const int fields = st.knowledge_fields;
  check_fields(fields);
  const std::size_t n = f.size(), stages = static_cast<std::size_t>(sc.world.stages);
  f.knowledge.resize(n * fields);
  std::vector<float> region_bases(st.regions.size() * fields), stage_bases(stages * fields);
  for (std::size_t r = 0; r < st.regions.size(); ++r)
    knowledge_base(sc, kRegionBaseEntity + r, &region_bases[r * fields], fields);
  for (std::size_t s = 0; s < stages; ++s)
    knowledge_base(sc, kStageBaseEntity + s, &stage_bases[s * fields], fields);

  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    Rng rng(sc.seed, i, 0, Stream::world_technology);
    const bool developed = st.countries[f.country[i]].spec.developed;
    const double mean = sc.population.log_productivity_mean -
                        (developed ? 0.0 : sc.population.developing_productivity_gap);
    f.log_productivity[i] = rng.normal(mean, sc.population.log_productivity_sd);
    f.rd_intensity[i] = draw_rd_intensity(p, f.size_class[i], developed, rng);
    mix_profile(p, &region_bases[f.region[i] * fields], &stage_bases[f.stage[i] * fields], rng,
                &f.knowledge[i * fields], fields);
    const double revenue = f.revenue.empty() ? 0.0 : std::max(f.revenue[i], 0.0);
    f.rd_stock[i] = p.rd_depreciation > 0 ? f.rd_intensity[i] * revenue / p.rd_depreciation : 0;
    f.absorptive[i] = absorptive_level(p, f.size_class[i], f.rd_stock[i]);
    f.rd_spend[i] = 0;
    f.innovated[i] = 0;
  });
}

void init_entrant_technology(const Scenario& sc, State& st, FirmId firm, FirmId parent, Rng& rng) {
  const InnovationSpec& p = sc.innovation;
  Firms& f = st.firms;
  const int fields = st.knowledge_fields;
  check_fields(fields);
  const std::size_t stages = static_cast<std::size_t>(sc.world.stages);
  const std::size_t c = f.country[firm], stage = f.stage[firm];
  const bool developed = st.countries[c].spec.developed;

  // Around the current mean of the entrant's country and stage, once the first step has set it.
  const TechnologyBuffers& b = st.technology;
  const std::size_t cell = c * stages + stage;
  double mean = sc.population.log_productivity_mean -
                (developed ? 0.0 : sc.population.developing_productivity_gap);
  if (cell < b.mean_count.size() && b.mean_count[cell] > 0) mean = b.mean_log_productivity[cell];
  double log_a = rng.normal(mean - p.entrant_productivity_gap, sc.population.log_productivity_sd);
  double rd_intensity = draw_rd_intensity(p, f.size_class[firm], developed, rng);

  std::array<float, kMaxKnowledgeFields> region_base{}, stage_base{}, profile{};
  knowledge_base(sc, kRegionBaseEntity + f.region[firm], region_base.data(), fields);
  knowledge_base(sc, kStageBaseEntity + stage, stage_base.data(), fields);
  mix_profile(p, region_base.data(), stage_base.data(), rng, profile.data(), fields);
  double absorptive = absorptive_level(p, f.size_class[firm], 0.0);

  if (parent != kNoFirm && parent != firm && parent < f.size()) {
    const double rho = p.spinoff_inheritance, rho_k = p.spinoff_knowledge_inheritance;
    log_a = rho * f.log_productivity[parent] + (1 - rho) * log_a + rng.normal(0, p.spinoff_noise);
    rd_intensity = rho_k * f.rd_intensity[parent] + (1 - rho_k) * rd_intensity;
    absorptive = rho_k * f.absorptive[parent] + (1 - rho_k) * absorptive;
    const float* inherited = &f.knowledge[static_cast<std::size_t>(parent) * fields];
    for (int k = 0; k < fields; ++k)
      profile[k] = static_cast<float>(rho_k * inherited[k] + (1 - rho_k) * profile[k]);
  }

  f.log_productivity[firm] = log_a;
  f.rd_intensity[firm] = rd_intensity;
  f.absorptive[firm] = absorptive;
  f.rd_stock[firm] = 0;
  f.rd_spend[firm] = 0;
  f.innovated[firm] = 0;
  const std::size_t end = (static_cast<std::size_t>(firm) + 1) * fields;
  if (f.knowledge.size() < end) f.knowledge.resize(end);
  std::copy_n(profile.begin(), fields, &f.knowledge[static_cast<std::size_t>(firm) * fields]);
}

void place_entrant(const Scenario& sc, State& st, FirmId firm, int region, int stage,
                   SizeClass size_class, FirmId parent, Rng& rng) {
  Firms& f = st.firms;
  f.region[firm] = static_cast<std::uint16_t>(region);
  f.country[firm] = st.regions[region].country;
  f.stage[firm] = static_cast<std::uint8_t>(stage);
  f.size_class[firm] = static_cast<std::uint8_t>(size_class);
  f.alive[firm] = 1;
  f.birth_step[firm] = st.step;
  f.parent[firm] = parent == kNoFirm ? -1 : static_cast<std::int32_t>(f.id[parent]);
  init_entrant_technology(sc, st, firm, parent, rng);
}

}  // namespace firmsim
