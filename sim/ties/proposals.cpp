#include "ties/proposals.hpp"

#include <algorithm>
#include <tuple>

#include <oneapi/tbb/enumerable_thread_specific.h>

namespace firmsim {

struct ProposalCollector::Buffers {
  tbb::enumerable_thread_specific<std::vector<TieProposal>> local;
};

ProposalCollector::ProposalCollector() : buffers_(std::make_unique<Buffers>()) {}
ProposalCollector::~ProposalCollector() = default;

void ProposalCollector::add(const TieProposal& p) { buffers_->local.local().push_back(p); }

void ProposalCollector::gather(std::vector<TieProposal>& out) {
  out.clear();
  for (auto& v : buffers_->local) {
    out.insert(out.end(), v.begin(), v.end());
    v.clear();
  }
  sort_proposals(out);
}

void sort_proposals(std::vector<TieProposal>& proposals) {
  std::sort(proposals.begin(), proposals.end(), [](const TieProposal& a, const TieProposal& b) {
    if (a.score != b.score) return a.score > b.score;
    return std::tie(a.target, a.source, a.type, a.replaces, a.share, a.contract_steps, a.trust) <
           std::tie(b.target, b.source, b.type, b.replaces, b.share, b.contract_steps, b.trust);
  });
}

}  // namespace firmsim
