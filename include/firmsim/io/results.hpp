#pragma once
/// Result writers: what a run leaves behind (summary.json, timeseries.csv, firms.csv, ties.csv,
/// events.csv, network.graphml, snapshots/), each behind one small interface.
///
/// A writer sees the run after every step and once at the end; it reads the state and never
/// changes it. Numbers are written the same way on every machine (shortest round-trip decimal,
/// NaN as `NA`), and rows come in firm-id or tie-table order, so equal states give equal bytes.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "firmsim/scenario.hpp"
#include "firmsim/state.hpp"

namespace firmsim::io {

/// What writers see: the scenario, the state and the metrics of the step just run
/// (aligned with metric_definitions(); empty before the first step).
struct RunView {
  const Scenario& scenario;
  const State& state;
  std::span<const double> metrics;
};

/// Facts about a finished run, for summary.json.
struct RunInfo {
  int threads = 1;
  int steps = 0;          ///< steps run
  double firm_steps = 0;  ///< alive firms summed over the steps run
  double build_s = 0;     ///< building the world, seconds
  double steps_s = 0;     ///< running the steps (with streamed outputs), seconds
  double wall_s = 0;      ///< the whole run up to summary.json, seconds
  double peak_rss_mb = 0; ///< peak resident memory of the process, MiB
};

/// The interface every writer implements (like a logging sink: two calls).
class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  /// After each step; `step` is the 0-based index of the step just run (state.step - 1).
  virtual void on_step(const RunView& view, int step) = 0;
  /// Once at the end; must flush and throw std::runtime_error if anything failed to write.
  virtual void on_finish(const RunView& view, const RunInfo& info) = 0;
};

/// timeseries.csv: `step`, then one column per metric; one row per step, streamed.
std::unique_ptr<ResultWriter> make_timeseries_writer(const std::filesystem::path& file);
/// events.csv: one row per tie formed or ended (step, source, target, type, event, reason).
std::unique_ptr<ResultWriter> make_events_writer(const std::filesystem::path& file);
/// Whether network.graphml is written for a final state with `alive_firms` alive firms: always
/// (on), never (off), or up to OutputSpec::kGraphmlAutoMaxFirms (automatic).
bool graphml_wanted(OnOffAuto graphml, std::size_t alive_firms);
/// firms.csv, ties.csv and, when graphml_wanted(), network.graphml in `dir` at the end of the
/// run; `note` (if set) is told why network.graphml was skipped under "auto".
std::unique_ptr<ResultWriter> make_final_state_writer(
    const std::filesystem::path& dir, OnOffAuto graphml,
    std::function<void(const std::string&)> note = {});
/// snapshots/firms_<step>.csv and, when graphml_wanted() for that step's alive firms,
/// snapshots/network_<step>.graphml after every step whose index is a multiple of `every`.
std::unique_ptr<ResultWriter> make_snapshot_writer(const std::filesystem::path& dir, int every,
                                                   OnOffAuto graphml = OnOffAuto::on);
/// summary.json: version, the resolved scenario, seed, threads, times, memory, final metrics,
/// and, from the steps it saw, the `policy` spending and the `resilience` after each shock.
std::unique_ptr<ResultWriter> make_summary_writer(const std::filesystem::path& file);
/// policy.csv: step, programme, type, spend, supported; one row per intervention and step.
std::unique_ptr<ResultWriter> make_policy_writer(const std::filesystem::path& file);

/// Keeps every step's metrics in memory (tests, experiments that aggregate without files).
class MetricsRecorder : public ResultWriter {
 public:
  void on_step(const RunView& view, int step) override;
  void on_finish(const RunView& view, const RunInfo& info) override;
  /// rows()[i] holds the metrics of step i.
  const std::vector<std::vector<double>>& rows() const { return rows_; }
  std::int64_t ties_formed() const { return ties_formed_; }
  std::int64_t ties_ended() const { return ties_ended_; }
  const RunInfo& info() const { return info_; }

 private:
  std::vector<std::vector<double>> rows_;
  std::int64_t ties_formed_ = 0, ties_ended_ = 0;
  RunInfo info_;
};

/// A problem with the results folder, found before the run starts (exit code 2).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A results folder that appears complete or not at all. Files go to a staging folder next to
/// the target (`DIR.tmp-PID`) that commit() renames into place; without commit() the staging
/// folder is removed and whatever was at the target stays untouched.
class ResultsFolder {
 public:
  /// Throws OutputError when the target exists and is not a folder, is a non-empty folder
  /// (unless `force`; even then only a folder holding a summary.json is replaced), or the
  /// staging folder cannot be created.
  ResultsFolder(std::filesystem::path target, bool force);
  ~ResultsFolder();
  ResultsFolder(const ResultsFolder&) = delete;
  ResultsFolder& operator=(const ResultsFolder&) = delete;

  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }
  /// Moves the staging folder to the target, replacing an existing one only now.
  void commit();

 private:
  std::filesystem::path target_, staging_;
  bool force_ = false;
  bool committed_ = false;
};

/// Whole tables on any stream, as the file writers write them.
void write_firms_csv(std::ostream& out, const State& state);
void write_ties_csv(std::ostream& out, const State& state);
void write_graphml(std::ostream& out, const State& state);

/// Appends `v` as the shortest decimal that reads back to the same double; NaN as `NA`,
/// infinities as `Inf` / `-Inf` (what pandas and R read).
void append_number(std::string& out, double v);
/// Appends a CSV field, quoted only when it holds a comma, a quote or a line break.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace firmsim::io
