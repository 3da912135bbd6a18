#include "ties/proposals.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

#include <oneapi/tbb/enumerable_thread_specific.h>

namespace firmsim {

struct ProposalCollector::Buffers {
  tbb::enumerable_thread_specific<std::vector<TieProposal>> local;
};

ProposalCollector::ProposalCollector() : buffers_(std::make_unique<Buffers>()) {}
ProposalCollector::~ProposalCollector() = default;

void ProposalCollector::add(const TieProposal& p) { buffers_->local.local().push_back(p); }

void ProposalCollector::gather(std::vector<TieProposal>& out, std::span<const std::uint32_t> ids) {
  // The first buffer's storage becomes `out` (no copy), and each buffer is freed as soon as it
  // has been appended, so the proposals are held once, not twice, when they are sorted (tens of
  // MB at 10^6 firms). The sort fixes their order, whatever the buffers' order.
  out.clear();
  for (auto& v : buffers_->local) {
    if (out.empty())
      out.swap(v);
    else
      out.insert(out.end(), v.begin(), v.end());
    std::vector<TieProposal>().swap(v);
  }
  sort_proposals(out, ids);
}

void sort_proposals(std::vector<TieProposal>& proposals, std::span<const std::uint32_t> ids) {
  // Every field is a key, the reason too (by its text): two firms may propose the same tie with
  // different reasons, and which one is committed must not depend on the order in which the
  // threads' buffers were gathered (that made 1- and 2-thread runs differ, rarely).
  const auto id = [ids](FirmId i) { return i < ids.size() ? ids[i] : i; };
  const auto key = [&id](const TieProposal& p) {
    return std::make_tuple(id(p.target), id(p.source), p.type, p.replaces, p.share,
                           p.contract_steps, p.trust, std::string_view(p.reason));
  };
  std::sort(proposals.begin(), proposals.end(), [&](const TieProposal& a, const TieProposal& b) {
    if (a.score != b.score) return a.score > b.score;
    return key(a) < key(b);
  });
}

}  // namespace firmsim
