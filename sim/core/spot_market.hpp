#pragma once
// The spot market of one stage (MODEL.md section 2.3): buyers' orders that no supply tie carries
// are shared among the stage's sellers by price, each seller at most its spare capacity.
#include <span>
#include <vector>

namespace firmsim {

/// Units each seller sells: x_j = spare_j min(1, theta (p_j / p_mean)^-eta), theta chosen so that
/// the x_j add up to `ordered` (or every seller sells its spare capacity when that is not
/// enough); p_mean is the spare-weighted geometric mean price. `sold` is resized to the sellers.
/// Serial and in seller order, so the result does not depend on the thread count.
void allocate_spot_orders(double ordered, std::span<const double> spare,
                          std::span<const double> price, double elasticity,
                          std::vector<double>& sold);

}  // namespace firmsim
