#pragma once
// The proposal/commit machinery for new ties (any tie type). A parallel phase lets each firm
// propose ties into thread-local buffers; the proposals are then gathered into
// State::proposals, put into one total order (score descending, then target, source, type,
// replaced tie), and committed serially: each is offered to an acceptance rule that sees the
// commitments made before it, so conflicts (a partner's limited capacity) resolve the same way
// for any thread count.
#include <memory>
#include <span>

#include "firmsim/state.hpp"
#include "ties/tie_table.hpp"

namespace firmsim {

/// Thread-local proposal buffers for one parallel search pass.
class ProposalCollector {
 public:
  ProposalCollector();
  ~ProposalCollector();
  ProposalCollector(const ProposalCollector&) = delete;
  ProposalCollector& operator=(const ProposalCollector&) = delete;

  /// Adds a proposal from inside a parallel loop.
  void add(const TieProposal& p);
  /// Moves every proposal into `out` (cleared first) in commit order (sort_proposals).
  void gather(std::vector<TieProposal>& out, std::span<const std::uint32_t> ids = {});

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

/// Sorts proposals into commit order (a total order, independent of how they were collected):
/// by score, then, among equal scores, by the firms' ids `ids` (Firms::id; their places when
/// empty), so that the order does not depend on where the firms are placed either.
void sort_proposals(std::vector<TieProposal>& proposals, std::span<const std::uint32_t> ids = {});

/// Offers each proposal of State::proposals, in order, to `accept(const TieProposal&)`; an
/// accepted one is formed (form_tie) and passed to `formed(const TieProposal&, tie index)`.
/// Returns the number formed.
template <class Accept, class Formed>
int commit_proposals(State& st, Accept&& accept, Formed&& formed) {
  int count = 0;
  for (std::size_t i = 0; i < st.proposals.size(); ++i) {
    const TieProposal p = st.proposals[i];
    if (!accept(p)) continue;
    const std::uint32_t tie = form_tie(st, p);
    formed(p, tie);
    ++count;
  }
  return count;
}

}  // namespace firmsim
