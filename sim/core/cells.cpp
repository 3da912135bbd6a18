#include "core/cells.hpp"

#include <algorithm>

namespace firmsim {

void rebuild_cells(State& st, int stages) {
  const Firms& f = st.firms;
  Cells& c = st.cells;
  for (std::size_t i = 0; i < f.size(); ++i) stages = std::max(stages, f.stage[i] + 1);
  c.regions = static_cast<std::uint32_t>(st.regions.size());
  const std::size_t cells = static_cast<std::size_t>(stages) * c.regions;
  c.offsets.assign(cells + 1, 0);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i]) ++c.offsets[f.stage[i] * c.regions + f.region[i] + 1];
  for (std::size_t k = 0; k < cells; ++k) c.offsets[k + 1] += c.offsets[k];
  c.members.resize(c.offsets[cells]);
  std::vector<std::uint32_t> cursor(c.offsets.begin(), c.offsets.end() - 1);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f.alive[i])
      c.members[cursor[f.stage[i] * c.regions + f.region[i]]++] = static_cast<std::uint32_t>(i);
}

}  // namespace firmsim
