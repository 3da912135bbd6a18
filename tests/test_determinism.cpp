// Determinism: 1, 2 and 4 threads write byte-identical result files (sim/io/run.cpp and every
// phase behind it), on a world of more than 5,000 firms in which ties form and end.
#include <oneapi/tbb/global_control.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>
#include <unistd.h>

#include "firmsim/io/results.hpp"
#include "firmsim/io/run.hpp"
#include "firmsim/metrics.hpp"
#include "ties/proposals.hpp"
#include "test_cli_support.hpp"

using namespace firmsim;
namespace fs = std::filesystem;

namespace {

std::string file_bytes(const fs::path& file) {
  REQUIRE(fs::is_regular_file(file));
  return firmsim::test::read_text(file);
}

}  // namespace

TEST_CASE("1, 2 and 4 threads give byte-identical results", "[outputs][determinism]") {
  // The default world with twice the firms (5,300), for a few steps, with snapshots.
  Scenario sc;
  int firms = 0;
  for (RegionSpec& r : sc.world.regions) firms += r.firms *= 2;
  REQUIRE(firms >= 5000);
  sc.steps = 12;
  sc.output.snapshot_every = 5;
  sc.output.clustering_every = 1;
  sc.world.renumber_every = 5;       // firms renumbered at steps 4 and 9 (sim/core/firm_order.cpp)
  sc.world.renumber_min_firms = 0;

  // Let the 4-thread run have 4 threads even on a machine with fewer cores (TBB's default limit
  // is one worker fewer than the cores).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 4);
  const firmsim::test::TempDir tmp;
  const int thread_counts[] = {1, 2, 4};
  io::MetricsRecorder recorders[3];
  const auto t0 = std::chrono::steady_clock::now();
  for (int k = 0; k < 3; ++k) {
    io::RunOptions opt;
    opt.out_dir = tmp.path() / ("t" + std::to_string(thread_counts[k]));
    opt.threads = thread_counts[k];
    opt.observers = {&recorders[k]};
    const io::RunResult r = io::execute_run(sc, opt);
    REQUIRE(r.info.threads == thread_counts[k]);
    REQUIRE(r.info.steps == sc.steps);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  WARN("determinism: 3 runs of " << firms << " firms x " << sc.steps << " steps in " << seconds
                                 << " s");

  // The run is a real test: the network changes (ties form and end) and firms are many.
  const auto& rows = recorders[0].rows();
  REQUIRE(rows.size() == static_cast<std::size_t>(sc.steps));
  CHECK(rows.front()[static_cast<std::size_t>(metric_index("firms"))] >= 5000);
  CHECK(recorders[0].ties_formed() > 0);
  CHECK(recorders[0].ties_ended() > 0);
  const double ties = rows.back()[static_cast<std::size_t>(metric_index("ties"))];
  CHECK(ties > 0);

  for (const char* name : {"timeseries.csv", "firms.csv", "ties.csv", "events.csv",
                           "network.graphml", "snapshots/firms_5.csv",
                           "snapshots/network_10.graphml"}) {
    INFO(name);
    const std::string one = file_bytes(tmp.path() / "t1" / name);
    CHECK(!one.empty());
    CHECK(file_bytes(tmp.path() / "t2" / name) == one);
    CHECK(file_bytes(tmp.path() / "t4" / name) == one);
  }
  // The in-memory metrics agree too, NaN for NaN.
  for (int k = 1; k < 3; ++k) {
    REQUIRE(recorders[k].rows().size() == rows.size());
    for (std::size_t s = 0; s < rows.size(); ++s)
      for (std::size_t m = 0; m < rows[s].size(); ++m) {
        const double a = rows[s][m], b = recorders[k].rows()[s][m];
        CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
      }
    CHECK(recorders[k].ties_formed() == recorders[0].ties_formed());
    CHECK(recorders[k].ties_ended() == recorders[0].ties_ended());
  }
}

TEST_CASE("proposals sort into one order whatever order they were gathered in",
          "[determinism][ties]") {
  // Two firms may propose the same tie with the same score and different reasons; the threads'
  // buffers are gathered in an order that depends on timing, so the commit order must not.
  TieProposal a;
  a.source = 3;
  a.target = 7;
  a.type = TieType::licensing;
  a.score = 1.5;
  a.reason = "complementarity";
  TieProposal b = a;
  b.reason = "capability";
  TieProposal c = a;
  c.score = 2.0;
  std::vector<TieProposal> one = {a, b, c}, two = {b, c, a};
  sort_proposals(one);
  sort_proposals(two);
  for (std::size_t k = 0; k < one.size(); ++k) {
    CHECK(one[k].score == two[k].score);
    CHECK(std::string(one[k].reason) == std::string(two[k].reason));
  }
  CHECK(std::string(one[1].reason) == "capability");
}
