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
#include <cstdlib>
#include <new>

#include <malloc.h>
#include <sys/mman.h>

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
