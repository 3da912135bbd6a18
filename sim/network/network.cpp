// The network rebuild: incident tie lists (with each slot's kind) and the undirected simple CSR graph, from the tie table.
//
// A parallel two-level counting sort with no atomics: tie ends are first grouped by firm bucket
// (contiguous ranges of firm ids), each chunk of the tie table writing its own slots, then each
// bucket is sorted by firm on its own. Chunks and buckets depend only on the sizes, never on the
// thread count, and both sorts are stable, so the lists come out in tie-table order. Buckets are
// processed in groups of about a million tie ends, each group reading the tie table again, so
// the scratch arrays (16 bytes per end of the group) stay near 16 MB at any size and live only
// during the rebuild; the lists and the graph reuse their storage from step to step. Tie tables
// of fewer than 2^16 rows (a few thousand firms) take a one-thread path instead, without
// buckets and without sorting (rebuild_small below), that gives the same lists and graph.
#include "firmsim/network.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "firmsim/state.hpp"

namespace firmsim {

namespace {

constexpr unsigned kBucketBits = 12;  // 4096 firms per bucket: a bucket's counts stay in L1
constexpr std::size_t kBucketFirms = std::size_t{1} << kBucketBits;
constexpr std::uint32_t kPlaceMask = kBucketFirms - 1;
constexpr std::size_t kMaxChunks = 64;
constexpr std::size_t kMinChunkTies = 8192;
constexpr std::size_t kFirmGrain = 2048;
/// Tie ends placed at once (the scratch of one group of buckets: 16 bytes per end).
constexpr std::uint32_t kGroupEnds = std::uint32_t{1} << 20;

/// A tie seen from one of its alive ends, in the firm's bucket: the tie, its other end (kNoFirm
/// for a tie from a firm to itself), and the firm's place in its bucket (above the low 8 bits)
/// with the slot's incident kind (the low 8 bits).
struct End {
  std::uint32_t tie, other, place_kind;
};
static_assert(sizeof(End) == 12);

std::size_t ceil_div(std::size_t a, std::size_t b) { return (a + b - 1) / b; }

/// Runs body(chunk, first, last) over fixed chunks of [0, n), in parallel.
template <class Body>
void for_chunks(std::size_t n, std::size_t chunk_size, const Body& body) {
  tbb::parallel_for(std::size_t{0}, ceil_div(n, chunk_size), [&](std::size_t c) {
    body(c, c * chunk_size, std::min(n, (c + 1) * chunk_size));
  });
}

/// Below this many tie-table rows the rebuild runs on one thread, without buckets: a counting
/// sort by firm straight into the incident lists, then the graph's rows by transposing them
/// (the lists of firms 0, 1, 2, ... are read in order and each partner appended to the other
/// end's row, so rows come out sorted without sorting them), then duplicates dropped. Same
/// lists and graph as the bucketed path; at a few thousand firms that one's fixed costs (chunk
/// and bucket passes, two reads of the tie table, sorting every row) took most of its time.
constexpr std::size_t kSmallTies = std::size_t{1} << 16;

void rebuild_small(Network& net, const std::vector<Tie>& ties, std::size_t firm_count) {
  auto& offsets = net.incident_offsets;
  offsets.assign(firm_count + 1, 0);
  for (const Tie& t : ties) {  // offsets[f + 1]: the alive ends of firm f (a loop counts once)
    if (!t.alive) continue;
    ++offsets[t.source + 1];
    if (t.target != t.source) ++offsets[t.target + 1];
  }
  for (std::size_t f = 0; f < firm_count; ++f) offsets[f + 1] += offsets[f];
  const std::uint32_t total = offsets[firm_count];
  net.incident_ties.resize(total);
  net.incident_kinds.resize(total);
  net.incident_others.resize(total);
  auto& rows = net.graph.m_forward.m_rowstart;
  rows.assign(offsets.begin(), offsets.end() - 1);  // each firm's cursor for now
  for (std::size_t i = 0; i < ties.size(); ++i) {
    const Tie& t = ties[i];
    if (!t.alive) continue;
    const auto tie = static_cast<std::uint32_t>(i);
    const auto type = static_cast<std::uint8_t>(t.type);
    const bool loop = t.target == t.source;
    std::uint32_t slot = rows[t.source]++;
    net.incident_ties[slot] = tie;
    net.incident_kinds[slot] = static_cast<std::uint8_t>(
        type | incident_kind::kSource | (loop ? incident_kind::kTarget : 0));
    net.incident_others[slot] = t.target;
    if (loop) continue;
    slot = rows[t.target]++;
    net.incident_ties[slot] = tie;
    net.incident_kinds[slot] = static_cast<std::uint8_t>(type | incident_kind::kTarget);
    net.incident_others[slot] = t.source;
  }
  // The transpose: firm f's row gets every firm g (in increasing order) with f among g's
  // others, which is g's partners since ties count from both ends; a row has room for all of
  // its firm's ends.
  auto& column = net.graph.m_forward.m_column;
  column.resize(total);
  std::copy(offsets.begin(), offsets.end() - 1, rows.begin());
  for (std::size_t g = 0; g < firm_count; ++g)
    for (std::uint32_t s = offsets[g]; s != offsets[g + 1]; ++s) {
      const std::uint32_t f = net.incident_others[s];
      if (f != g) column[rows[f]++] = static_cast<std::uint32_t>(g);
    }
  // Drop repeated partners, moving each row down to its final place.
  std::uint32_t w = 0;
  for (std::size_t f = 0; f < firm_count; ++f) {
    const std::uint32_t first = offsets[f], last = rows[f];
    rows[f] = w;
    std::uint32_t previous = kNoFirm;
    for (std::uint32_t e = first; e != last; ++e) {
      const std::uint32_t g = column[e];
      column[w] = g;
      w += g != previous;
      previous = g;
    }
  }
  rows.push_back(w);
  column.resize(w);
}

}  // namespace

void rebuild_network(Network& net, const std::vector<Tie>& ties, std::size_t firm_count) {
  const std::size_t tie_count = ties.size();
  if (tie_count < kSmallTies) return rebuild_small(net, ties, firm_count);
  const std::size_t chunk_ties = std::max(kMinChunkTies, ceil_div(tie_count, kMaxChunks));
  const std::size_t chunks = ceil_div(tie_count, chunk_ties);
  const std::size_t buckets = ceil_div(firm_count, kBucketFirms);

  // 1. The alive ends of every tie (a loop keeps one end), counted per (chunk, bucket).
  std::vector<std::uint32_t> bucket_counts(chunks * buckets, 0);
  for_chunks(tie_count, chunk_ties, [&](std::size_t c, std::size_t first, std::size_t last) {
    std::uint32_t* counts = bucket_counts.data() + c * buckets;
    for (std::size_t i = first; i < last; ++i) {
      const Tie& t = ties[i];
      if (!t.alive) continue;
      ++counts[t.source >> kBucketBits];
      if (t.target != t.source) ++counts[t.target >> kBucketBits];
    }
  });

  // 2. Bucket-major placement: bucket_start[b] is where bucket b begins, and each chunk's count
  //    becomes the chunk's first slot inside the bucket.
  std::vector<std::uint32_t> bucket_start(buckets + 1, 0);
  std::uint32_t total = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    bucket_start[b] = total;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::uint32_t count = bucket_counts[c * buckets + b];
      bucket_counts[c * buckets + b] = total;
      total += count;
    }
  }
  bucket_start[buckets] = total;

  auto& offsets = net.incident_offsets;
  offsets.resize(firm_count + 1);
  offsets[firm_count] = total;
  net.incident_ties.resize(total);
  net.incident_kinds.resize(total);
  net.incident_others.resize(total);
  std::vector<std::uint32_t> row_start(firm_count + 1, 0);
  auto& column = net.graph.m_forward.m_column;  // the CSR graph's partner lists, filled in place
  column.resize(total);                         // room for every end; cut to size at the end

  // 3.-4. By groups of consecutive buckets holding at most kGroupEnds ends, so that the scratch
  //    arrays (not initialised: every slot is written) stay small at 10^6 firms; each group
  //    reads the tie table again for its own ends. Group by group, in order:
  //    - the group's ends are placed bucket-major (a chunk writes only its own slots);
  //    - within each bucket, a stable counting sort by firm gives the incident lists, and each
  //      firm's partners are sorted and made unique (row_start holds their count for now);
  //    - the partner counts become row starts and the partner lists go to the graph's columns.
  for (std::size_t g0 = 0; g0 < buckets;) {
    std::size_t g1 = g0 + 1;
    while (g1 < buckets && bucket_start[g1 + 1] - bucket_start[g0] <= kGroupEnds) ++g1;
    const std::uint32_t base = bucket_start[g0];
    const std::uint32_t ends = bucket_start[g1] - base;
    const std::size_t lo = g0 << kBucketBits, hi = g1 << kBucketBits;  // the group's firms
    std::unique_ptr<End[]> by_bucket(new End[ends]);
    std::unique_ptr<std::uint32_t[]> neighbours(new std::uint32_t[ends]);
    for_chunks(tie_count, chunk_ties, [&](std::size_t c, std::size_t first, std::size_t last) {
      std::uint32_t* cursor = bucket_counts.data() + c * buckets;
      for (std::size_t i = first; i < last; ++i) {
        const Tie& t = ties[i];
        if (!t.alive) continue;
        const FirmId a = t.source, b = t.target != t.source ? t.target : kNoFirm;
        const auto tie = static_cast<std::uint32_t>(i);
        const auto type = static_cast<std::uint8_t>(t.type);
        const std::uint8_t kind =
            static_cast<std::uint8_t>(type | (b == kNoFirm ? incident_kind::kTarget : 0));
        if (a >= lo && a < hi)
          by_bucket[cursor[a >> kBucketBits]++ - base] =
              End{tie, b, ((a & kPlaceMask) << 8) | (kind | incident_kind::kSource)};
        if (b != kNoFirm && b >= lo && b < hi)
          by_bucket[cursor[b >> kBucketBits]++ - base] =
              End{tie, a, ((b & kPlaceMask) << 8) | type | incident_kind::kTarget};
      }
    });
    tbb::parallel_for(g0, g1, [&](std::size_t b) {
      const std::size_t first_firm = b * kBucketFirms;
      const std::size_t firms = std::min(firm_count, first_firm + kBucketFirms) - first_firm;
      std::array<std::uint32_t, kBucketFirms> cursor{};
      for (std::uint32_t e = bucket_start[b]; e < bucket_start[b + 1]; ++e)
        ++cursor[by_bucket[e - base].place_kind >> 8];
      std::uint32_t start = bucket_start[b];
      for (std::size_t f = 0; f < firms; ++f) {
        offsets[first_firm + f] = start;
        start += cursor[f];
        cursor[f] = offsets[first_firm + f];
      }
      for (std::uint32_t e = bucket_start[b]; e < bucket_start[b + 1]; ++e) {
        const End& end = by_bucket[e - base];
        const std::uint32_t place = end.place_kind >> 8;
        const std::uint32_t slot = cursor[place]++;
        net.incident_ties[slot] = end.tie;
        net.incident_kinds[slot] = static_cast<std::uint8_t>(end.place_kind & 0xff);
        net.incident_others[slot] =
            end.other == kNoFirm ? static_cast<std::uint32_t>(first_firm + place) : end.other;
        neighbours[slot - base] = end.other;
      }
      for (std::size_t f = 0; f < firms; ++f) {  // cursor[f] is now the end of firm f's list
        std::uint32_t* row = neighbours.get() + (offsets[first_firm + f] - base);
        std::uint32_t* row_end = std::remove(row, neighbours.get() + (cursor[f] - base), kNoFirm);
        std::sort(row, row_end);
        row_start[first_firm + f + 1] =
            static_cast<std::uint32_t>(std::unique(row, row_end) - row);
      }
    });
    by_bucket.reset();
    const std::size_t last_firm = std::min(firm_count, hi);
    for (std::size_t f = lo; f < last_firm; ++f) row_start[f + 1] += row_start[f];
    tbb::parallel_for(tbb::blocked_range<std::size_t>(lo, last_firm, kFirmGrain),
                      [&](const auto& r) {
                        for (std::size_t f = r.begin(); f != r.end(); ++f)
                          std::copy_n(neighbours.get() + (offsets[f] - base),
                                      row_start[f + 1] - row_start[f],
                                      column.begin() + row_start[f]);
                      });
    g0 = g1;
  }
  net.graph.m_forward.m_rowstart.assign(row_start.begin(), row_start.end());
  column.resize(row_start[firm_count]);
}

}  // namespace firmsim
