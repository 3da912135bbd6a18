#pragma once
/// A hook for arrays that grow in place: the per-firm arrays, which entry lengthens a little
/// each step inside a capacity that doubled.
///
/// The firmsim program backs large blocks with 2 MiB pages (sim/cli/huge_pages.cpp). A 2 MiB
/// page is resident as a whole from its first touch, so the partly used last page of a growing
/// array costs up to 2 MiB, and since the ~50 per-firm arrays of doubles start at 2 MiB
/// boundaries and grow in step, they all enter a new page at the same entry: ~100 MB at once
/// at a million firms. The program sets `array_grown` to a function that keeps 2 MiB pages for
/// the whole pages of the used part and 4 KiB pages past them. The library and the tests leave
/// it null: nothing happens and no result depends on it.
#include <cstddef>
#include <vector>

namespace firmsim {

/// Called with an array's data, the bytes it uses and the bytes of its capacity.
using ArrayGrownFn = void (*)(const void* data, std::size_t used_bytes, std::size_t capacity_bytes);
inline ArrayGrownFn array_grown = nullptr;

/// Tells the hook, if any, that `v` uses its first `used` elements: after it grew, or before
/// a fresh block is filled (so that its last, partly used page is not taken whole).
template <class T>
void note_array_grown(const std::vector<T>& v, std::size_t used) {
  if (array_grown) array_grown(v.data(), used * sizeof(T), v.capacity() * sizeof(T));
}
template <class T>
void note_array_grown(const std::vector<T>& v) {
  note_array_grown(v, v.size());
}

}  // namespace firmsim
