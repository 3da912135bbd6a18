#include <catch2/catch.hpp>

#include "firmsim/rng.hpp"

using firmsim::Rng;
using firmsim::Stream;

TEST_CASE("rng streams are pure functions of their key", "[rng]") {
  Rng a(42, 7, 3, Stream::innovation), b(42, 7, 3, Stream::innovation);
  for (int i = 0; i < 100; ++i) REQUIRE(a.uniform() == b.uniform());
}
