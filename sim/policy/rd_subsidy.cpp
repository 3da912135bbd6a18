// rd_subsidy: pays `share` of the R&D spend of the firms it funds. The grant adds to the firm's
// own R&D outlay (full additionality: the firm keeps spending rd_intensity * revenue, so the
// grant is share / (1 - share) of that), enters its accounts as subsidy income and its R&D
// spend (innovation). Performance criterion: a funded firm that has not innovated for
// `performance_steps` steps since its funding first began or its last innovation loses the
// funding for good (a pause in the funding does not stop the clock). Firms are served in the order of the selection rule; one whose grant does not fit
// what is left of the budget is passed over.
#include <algorithm>

#include "policy/targeting.hpp"

namespace firmsim::policy {

namespace {

void validate(const Scenario&, const InterventionSpec& spec, Problems& problems) {
  if (!(spec.share > 0)) problems.push_back({"share", "must be above 0 for an rd_subsidy"});
}

void apply(const Scenario&, State& st, Programme& p) {
  Firms& f = st.firms;
  ProgrammeState& s = p.state;
  const int step = st.step;
  // The performance clock of every firm ever funded: an innovation restarts it; a pause in the
  // funding does not.
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (s.clock_step[i] < 0 || s.dropped[i]) continue;
    if (f.innovated[i]) s.clock_step[i] = step - 1;
    if (p.spec.performance_steps > 0 && step - s.clock_step[i] >= p.spec.performance_steps)
      s.dropped[i] = 1;
  }
  const double rate = p.spec.share / (1 - p.spec.share);
  for (const FirmId i : ranked_firms(p.spec, st)) {
    if (s.dropped[i]) continue;
    const double grant = rate * f.rd_intensity[i] * std::max(f.revenue[i], 0.0);
    if (!(grant > 0)) continue;
    if (!p.budget.take(grant)) continue;  // too dear for what is left: the next may fit
    f.rd_grant[i] += grant;
    f.subsidy[i] += grant;
    if (s.clock_step[i] < 0) s.clock_step[i] = step;  // first funding starts the clock
    s.funded_step[i] = step;
    ++s.supported.back();
  }
}

}  // namespace

InterventionType rd_subsidy_type() { return {"rd_subsidy", validate, apply}; }

}  // namespace firmsim::policy
