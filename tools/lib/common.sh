# Shared by tools/run, tools/test and tools/bench: install what is missing, configure, build.
# Source it; it defines firmsim_setup and firmsim_build. Environment knobs:
#   FIRMSIM_BUILD_DIR   build folder (default: build/ in the repository)
#   FIRMSIM_BUILD_TYPE  CMake build type (default: Release)
#   FIRMSIM_NO_INSTALL  set to 1 to never call apt-get
#   FIRMSIM_JOBS        parallel build jobs (default: number of cores)
#   FIRMSIM_CMAKE_ARGS  extra arguments for the CMake configure step

FIRMSIM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIRMSIM_BUILD_DIR=${FIRMSIM_BUILD_DIR:-$FIRMSIM_ROOT/build}
FIRMSIM_BUILD_TYPE=${FIRMSIM_BUILD_TYPE:-Release}
FIRMSIM_JOBS=${FIRMSIM_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Debian packages the build needs, each with a file that proves it is installed (checking
# files is much faster than asking dpkg, and works where dpkg is absent).
FIRMSIM_PACKAGES=(
  "g++:/usr/bin/g++"
  "cmake:/usr/bin/cmake"
  "make:/usr/bin/make"
  "pkg-config:/usr/bin/pkg-config"
  "libboost-graph-dev:/usr/include/boost/graph/compressed_sparse_row_graph.hpp"
  "libtbb-dev:/usr/include/oneapi/tbb.h"
  "nlohmann-json3-dev:/usr/include/nlohmann/json.hpp"
  "libspdlog-dev:/usr/include/spdlog/spdlog.h"
  "catch2:/usr/include/catch2/catch.hpp"
  "librandom123-dev:/usr/include/Random123/philox.h"
  "libcli11-dev:/usr/include/CLI/CLI.hpp"
  "libopenmpi-dev:/usr/include/x86_64-linux-gnu/openmpi/mpi.h"
  "openmpi-bin:/usr/bin/mpirun"
  "libcpp-httplib-dev:/usr/include/httplib.h"
  "nodejs:/usr/bin/node"
  "npm:/usr/bin/npm"
  "chromium:/usr/bin/chromium"
  "python3:/usr/bin/python3"
  "ccache:/usr/bin/ccache"
)

firmsim_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

firmsim_setup() {
  local missing=() entry pkg file
  for entry in "${FIRMSIM_PACKAGES[@]}"; do
    pkg=${entry%%:*}
    file=${entry#*:}
    # Multiarch paths differ between architectures: fall back to dpkg for those.
    if [[ ! -e $file ]] && ! dpkg -s "$pkg" >/dev/null 2>&1; then missing+=("$pkg"); fi
  done
  if ((${#missing[@]} == 0)); then return 0; fi
  if [[ ${FIRMSIM_NO_INSTALL:-0} == 1 ]]; then
    firmsim_log "missing Debian packages (FIRMSIM_NO_INSTALL=1, not installing): ${missing[*]}"
    return 0
  fi
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "error: missing Debian packages: ${missing[*]}" >&2
      echo "       run as root, or install them: apt-get install ${missing[*]}" >&2
      exit 2
    fi
  fi
  firmsim_log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

firmsim_build() {
  local launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  firmsim_log "configuring ($FIRMSIM_BUILD_TYPE) in $FIRMSIM_BUILD_DIR"
  cmake -S "$FIRMSIM_ROOT" -B "$FIRMSIM_BUILD_DIR" -DCMAKE_BUILD_TYPE="$FIRMSIM_BUILD_TYPE" \
    "${launcher[@]}" ${FIRMSIM_CMAKE_ARGS:-} >/dev/null
  firmsim_log "building with $FIRMSIM_JOBS jobs"
  cmake --build "$FIRMSIM_BUILD_DIR" -j"$FIRMSIM_JOBS" "$@"
}
