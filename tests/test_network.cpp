// The network rebuild (sim/network/network.cpp) and the graph metrics' integer counts
// (sim/network/graph_metrics.cpp) against brute force on random tie tables.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <set>
#include <vector>

#include "firmsim/graph_metrics.hpp"
#include "firmsim/network.hpp"
#include "firmsim/state.hpp"

using namespace firmsim;

namespace {

struct Lcg {
  std::uint64_t x;
  std::uint32_t below(std::uint32_t n) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>((x >> 33) % n);
  }
};

/// `count` ties over `firms` firms: some loops, some parallel or reversed, some ended, a few hubs
/// (so that rows are long and unsorted), every type.
std::vector<Tie> random_ties(std::size_t firms, std::size_t count, std::uint64_t seed) {
  Lcg rng{seed};
  std::vector<Tie> ties;
  const auto n = static_cast<std::uint32_t>(firms);
  while (ties.size() < count) {
    Tie t;
    t.source = rng.below(10) == 0 ? rng.below(8) : rng.below(n);  // firms 0-7 are hubs
    t.target = rng.below(50) == 0 ? t.source : rng.below(n);
    t.type = static_cast<TieType>(rng.below(kTieTypeCount));
    t.alive = rng.below(8) != 0;
    ties.push_back(t);
    if (rng.below(10) == 0) {  // the same pair again, either way round
      Tie u = t;
      if (rng.below(2)) std::swap(u.source, u.target);
      ties.push_back(u);
    }
  }
  ties.resize(count);
  return ties;
}

/// What rebuild_network must give, built the slow way.
void check_network(const Network& net, const std::vector<Tie>& ties, std::size_t firms) {
  REQUIRE(net.incident_offsets.size() == firms + 1);
  REQUIRE(boost::num_vertices(net.graph) == firms);
  std::vector<std::vector<std::uint32_t>> slots(firms);
  std::vector<std::set<std::uint32_t>> partners(firms);
  for (std::uint32_t i = 0; i < ties.size(); ++i) {
    const Tie& t = ties[i];
    if (!t.alive) continue;
    slots[t.source].push_back(i);
    if (t.target != t.source) {
      slots[t.target].push_back(i);
      partners[t.source].insert(t.target);
      partners[t.target].insert(t.source);
    }
  }
  std::size_t arcs = 0;
  for (std::uint32_t f = 0; f < firms; ++f) {
    const auto [first, last] = incident_slots(net, f);
    REQUIRE(last - first == slots[f].size());
    for (std::uint32_t k = 0; k < slots[f].size(); ++k) {
      const std::uint32_t s = first + k;
      const Tie& t = ties[slots[f][k]];
      REQUIRE(net.incident_ties[s] == slots[f][k]);
      const std::uint8_t kind = net.incident_kinds[s];
      CHECK(incident_kind::type(kind) == t.type);
      CHECK(incident_kind::is_source(kind) == (t.source == f));
      CHECK(incident_kind::is_target(kind) == (t.target == f));
      CHECK(net.incident_others[s] == (t.source == f ? t.target : t.source));
    }
    std::vector<std::uint32_t> row;
    for (auto [it, end] = boost::adjacent_vertices(f, net.graph); it != end; ++it)
      row.push_back(*it);
    REQUIRE(row == std::vector<std::uint32_t>(partners[f].begin(), partners[f].end()));
    arcs += row.size();
  }
  CHECK(boost::num_edges(net.graph) == arcs);
}

}  // namespace

TEST_CASE("the network rebuild matches brute force, small and bucketed", "[network]") {
  // A few thousand ties take the one-thread path, 10^5 the bucketed one (over three buckets).
  for (const auto& [firms, count] : {std::pair<std::size_t, std::size_t>{1, 3},
                                     {300, 2000},
                                     {5000, 30000},
                                     {10000, 100000}}) {
    CAPTURE(firms, count);
    const std::vector<Tie> ties = random_ties(firms, count, firms * 7 + count);
    Network net;
    rebuild_network(net, ties, firms);
    check_network(net, ties, firms);
    // Rebuilt again on the same storage (the lists and graph are reused from step to step),
    // with fewer ties and then none.
    std::vector<Tie> fewer(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(count / 3));
    rebuild_network(net, fewer, firms);
    check_network(net, fewer, firms);
    rebuild_network(net, {}, firms);
    check_network(net, {}, firms);
  }
  Network empty;
  rebuild_network(empty, {}, 0);
  CHECK(boost::num_vertices(empty.graph) == 0);
  CHECK(empty.incident_offsets == std::vector<std::uint32_t>{0});
}

TEST_CASE("triangle and component counts match brute force", "[network]") {
  for (const auto& [firms, count] : {std::pair<std::size_t, std::size_t>{60, 400},
                                     {400, 3000},
                                     {3000, 20000}}) {
    CAPTURE(firms, count);
    std::vector<Tie> ties = random_ties(firms, count, firms + count);
    // A clique of 12 firms among the others, as consortia make.
    for (FirmId a = 20; a < 32; ++a)
      for (FirmId b = a + 1; b < 32; ++b) {
        Tie t;
        t.source = a;
        t.target = b;
        t.type = TieType::consortium;
        ties.push_back(t);
      }
    Network net;
    rebuild_network(net, ties, firms);
    std::vector<std::set<std::uint32_t>> adj(firms);
    for (const Tie& t : ties)
      if (t.alive && t.source != t.target) {
        adj[t.source].insert(t.target);
        adj[t.target].insert(t.source);
      }
    std::uint64_t triangles = 0;
    for (std::uint32_t a = 0; a < firms; ++a)
      for (std::uint32_t b : adj[a])
        if (b > a)
          for (std::uint32_t c : adj[b])
            if (c > b) triangles += adj[a].count(c);
    std::vector<int> seen(firms, 0);
    std::uint64_t largest = 0;
    for (std::uint32_t s = 0; s < firms; ++s) {
      if (seen[s]) continue;
      std::vector<std::uint32_t> stack{s};
      seen[s] = 1;
      std::uint64_t size = 0;
      while (!stack.empty()) {
        const std::uint32_t a = stack.back();
        stack.pop_back();
        ++size;
        for (std::uint32_t b : adj[a])
          if (!seen[b]) seen[b] = 1, stack.push_back(b);
      }
      largest = std::max(largest, size);
    }
    REQUIRE(triangles >= 220);  // the clique's C(12, 3)
    CHECK(count_triangles(net.graph) == triangles);
    CHECK(largest_component_size(net.graph) == largest);
    const std::vector<std::uint8_t> alive(firms, 1);
    CHECK(graph_metrics(net.graph, alive, true).triangles == triangles);
  }
  CHECK(count_triangles(SimpleGraph()) == 0);
}
