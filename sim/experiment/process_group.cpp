// The MPI side of experiments, kept to this file: initialisation on demand, broadcasts and the
// messages that carry finished runs to rank 0. Without MPI the group is this process alone.
#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "experiment/distribution.hpp"

#ifdef FIRMSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace firmsim::io::experiment_detail {

namespace {

constexpr int kResultTag = 7;

#ifndef FIRMSIM_HAVE_MPI
int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const long x = std::strtol(v, &end, 10);
  return *end == '\0' ? static_cast<int>(x) : fallback;
}
#endif

/// Open MPI's mpirun sets OMPI_COMM_WORLD_*; srun and other PMIx/PMI launchers set PMIX_RANK or
/// PMI_RANK/PMI_SIZE.
bool launched_by_mpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") ||
         std::getenv("PMI_RANK") || std::getenv("PMI_SIZE");
}

}  // namespace

ProcessGroup::ProcessGroup() {
  if (!launched_by_mpi()) return;
#ifdef FIRMSIM_HAVE_MPI
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  const int size = std::max(env_int("OMPI_COMM_WORLD_SIZE", 1), env_int("PMI_SIZE", 1));
  const int rank = std::max({env_int("OMPI_COMM_WORLD_RANK", 0), env_int("PMIX_RANK", 0),
                             env_int("PMI_RANK", 0)});
  if (size > 1 || rank > 0)
    problem_ = "this firmsim was built without MPI, so it cannot share an experiment between "
               "processes: run it without mpirun/srun (it uses every core), or rebuild it with "
               "Open MPI installed";
#endif
}

ProcessGroup::~ProcessGroup() {
#ifdef FIRMSIM_HAVE_MPI
  if (mpi_) MPI_Finalize();
#endif
}

int ProcessGroup::broadcast(int value) const {
#ifdef FIRMSIM_HAVE_MPI
  if (mpi_) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
#endif
  return value;
}

std::uint64_t ProcessGroup::broadcast(std::uint64_t value) const {
#ifdef FIRMSIM_HAVE_MPI
  if (mpi_) MPI_Bcast(&value, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
#endif
  return value;
}

std::vector<int> ProcessGroup::broadcast(std::vector<int> values) const {
#ifdef FIRMSIM_HAVE_MPI
  if (mpi_) {
    int n = broadcast(static_cast<int>(values.size()));
    values.resize(static_cast<std::size_t>(n));
    if (n > 0) MPI_Bcast(values.data(), n, MPI_INT, 0, MPI_COMM_WORLD);
  }
#endif
  return values;
}

void ProcessGroup::abort(int code) const {
#ifdef FIRMSIM_HAVE_MPI
  if (mpi_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

void ProcessGroup::send_to_root(const std::string& text) const {
#ifdef FIRMSIM_HAVE_MPI
  if (mpi_) {
    MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kResultTag, MPI_COMM_WORLD);
    return;
  }
#endif
  (void)text;
  throw std::logic_error("send_to_root without MPI");
}

std::string ProcessGroup::poll_workers() const {
#ifdef FIRMSIM_HAVE_MPI
  if (mpi_) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &flag, &status);
    if (!flag) return {};
    int count = 0;
    MPI_Get_count(&status, MPI_CHAR, &count);
    std::string text(static_cast<std::size_t>(count), '\0');
    MPI_Recv(text.data(), count, MPI_CHAR, status.MPI_SOURCE, kResultTag, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    return text;
  }
#endif
  return {};
}

}  // namespace firmsim::io::experiment_detail
