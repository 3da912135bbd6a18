// Transparent huge pages for the program's large arrays.
//
// A world of 10^5-10^6 firms reads its per-firm arrays, the tie table and the network at random
// (partners, candidates), so with 4 KiB pages most of those reads also miss the TLB. Linux backs
// anonymous memory with 2 MiB pages only where asked (transparent_hugepage = madvise, the
// common default), so the firmsim program replaces the global operator new: a block of at least
// kLargeBlock bytes (the per-firm std::vectors, the tie table, the network's arrays) is
// allocated 2 MiB-aligned and marked MADV_HUGEPAGE before it is first touched; smaller blocks
// go to malloc as before. Both kinds are released by free(), so operator delete is unchanged in
// effect. Only the program does this (the library and the tests allocate as usual); results do
// not depend on it. Where the kernel has huge pages off, madvise fails and nothing changes.
//
// It also fixes glibc's mmap threshold at the same 4 MiB. By default glibc raises the threshold
// to the size of the largest mapped block freed so far (up to 32 MiB), after which blocks of
// 4-32 MiB come from the heap, where a freed block stays resident unless it is at the top: with
// the per-step buffers of a 10^6-firm world that left ~140 MB of freed memory resident. A fixed
// threshold maps every large block on its own and unmaps it when freed.
//
// An array that grows in place (the per-firm arrays, by entry; firmsim/array_growth.hpp) keeps
// 2 MiB pages only for the whole 2 MiB pages of its used part: past them it is marked for 4 KiB
// pages, so its partly used last page costs what is used rather than 2 MiB. The ~50 per-firm
// arrays of doubles grow in step, so at 10^6 firms this is ~60 MB of the peak (and a jump of
// ~100 MB whenever entry takes them all into a new 2 MiB page). The pages marked back for 2 MiB
// as the array grows past them are merged by the kernel's khugepaged in the background.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <malloc.h>
#include <sys/mman.h>

#include "firmsim/array_growth.hpp"

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kLargeBlock = std::size_t{4} << 20;

// Fixing the mmap threshold also stops glibc from raising the trim threshold with it; at its
// 128 KiB default the heap top was given back and faulted in again every step (3x the page
// faults of the default run), so it is set to what glibc's own rule gives: twice the threshold.
const bool kFixedMmapThreshold =
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargeBlock)) == 1 &&
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kLargeBlock)) == 1;

void* allocate(std::size_t size) {
  if (size >= kLargeBlock) {
    void* p = nullptr;
    if (posix_memalign(&p, kHugePage, size) == 0) {
      madvise(p, size / kHugePage * kHugePage, MADV_HUGEPAGE);  // whole huge pages only
      return p;
    }
    throw std::bad_alloc();
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

/// firmsim::array_grown: 2 MiB pages for the whole pages of the used part of a block that
/// allocate() marked, 4 KiB pages for the rest of it.
void fit_huge_pages(const void* data, std::size_t used_bytes, std::size_t capacity_bytes) {
  if (capacity_bytes < kLargeBlock || reinterpret_cast<std::uintptr_t>(data) % kHugePage != 0)
    return;  // a block of malloc's, not marked
  char* p = static_cast<char*>(const_cast<void*>(data));
  const std::size_t marked = capacity_bytes / kHugePage * kHugePage;  // as allocate() marked it
  const std::size_t whole = std::min(used_bytes, capacity_bytes) / kHugePage * kHugePage;
  if (whole > 0) madvise(p, whole, MADV_HUGEPAGE);
  if (marked > whole) madvise(p + whole, marked - whole, MADV_NOHUGEPAGE);
}

const bool kArrayGrownHook = (firmsim::array_grown = &fit_huge_pages, true);

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
