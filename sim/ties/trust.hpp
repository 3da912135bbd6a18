#pragma once
// The trust rule of MODEL.md section 9, for any tie type.
#include <algorithm>

#include "firmsim/scenario.hpp"

namespace firmsim {

/// One step of a tie: T -= alpha' T after a shortfall or an opportunistic act, else
/// T += alpha (1 - T) when both partners gained, else T stays.
inline float updated_trust(const TrustSpec& p, float trust, bool both_gained, bool breach) {
  double t = trust;
  if (breach)
    t -= p.loss * t;
  else if (both_gained)
    t += p.gain * (1 - t);
  return static_cast<float>(std::clamp(t, 0.0, 1.0));
}

/// Chance of an opportunistic act on a tie in one step: p0 (1 - institutional quality).
inline double opportunism_probability(const TrustSpec& p, double institutions) {
  return p.opportunism * (1 - institutions);
}

}  // namespace firmsim
