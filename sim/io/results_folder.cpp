// Results folders that are never half-written: stage next to the target, rename at the end.
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <system_error>

#include "firmsim/io/results.hpp"

namespace firmsim::io {

namespace fs = std::filesystem;

namespace {

fs::path sibling(const fs::path& target, const char* tag) {
  return target.parent_path() / (target.filename().string() + tag + std::to_string(::getpid()));
}

}  // namespace

ResultsFolder::ResultsFolder(fs::path target, bool force) : force_(force) {
  target = fs::absolute(target).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();
  target_ = target;
  std::error_code ec;
  const fs::file_status st = fs::status(target_, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st))
      throw OutputError("results folder " + target_.string() + " exists and is not a folder");
    const bool empty = fs::is_empty(target_, ec);
    if (ec)
      throw OutputError("results folder " + target_.string() + " cannot be read: " +
                        ec.message());
    if (!empty) {
      if (!force)
        throw OutputError("results folder " + target_.string() +
                          " is not empty (use --force to replace it)");
      if (!fs::exists(target_ / "summary.json"))
        throw OutputError("results folder " + target_.string() +
                          " is not empty and holds no summary.json; refusing to replace a folder"
                          " that is not a firmsim results folder, even with --force");
    }
  }
  fs::create_directories(target_.parent_path(), ec);
  staging_ = sibling(target_, ".tmp-");
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    throw OutputError("results folder " + target_.string() + " is not writable: cannot create " +
                      staging_.string() + (ec ? ": " + ec.message() : std::string()));
}

ResultsFolder::~ResultsFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void ResultsFolder::commit() {
  std::error_code ec;
  if (fs::exists(target_) && !fs::is_empty(target_, ec)) {
    if (!force_)
      throw std::runtime_error("results folder " + target_.string() +
                               " was filled by someone else during the run");
    const fs::path old = sibling(target_, ".old-");
    fs::remove_all(old, ec);
    fs::rename(target_, old);
    try {
      fs::rename(staging_, target_);
    } catch (...) {
      fs::rename(old, target_, ec);
      throw;
    }
    fs::remove_all(old, ec);
  } else {
    fs::rename(staging_, target_);
  }
  committed_ = true;
}

}  // namespace firmsim::io
