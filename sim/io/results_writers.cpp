// The file writers of a run: streamed (timeseries.csv, events.csv, snapshots) and final
// (firms.csv, ties.csv, network.graphml), plus the in-memory recorder.
#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>

#include "firmsim/io/results.hpp"
#include "firmsim/metrics.hpp"
#include "io/results_text.hpp"

namespace firmsim::io {

namespace {

template <class WriteFn>
void write_file(const std::filesystem::path& file, const State& st, WriteFn write) {
  std::ofstream os = open_output(file);
  write(os, st);
  close_output(os, file);
}

/// A CSV file written row by row as the run goes: flushed after every step, closed (and
/// checked) when the run finishes. Subclasses write the header and the rows of a step.
class StreamedCsvWriter : public ResultWriter {
 public:
  explicit StreamedCsvWriter(const std::filesystem::path& file)
      : file_(file), os_(open_output(file)), out_(os_) {}
  void on_finish(const RunView&, const RunInfo&) override {
    out_.flush();
    close_output(os_, file_);
  }

 protected:
  /// Ends a step's rows: flushes them and fails loudly when the disk did not take them.
  void end_step() {
    out_.flush();
    if (!os_) throw std::runtime_error("writing " + file_.string() + " failed");
  }
  TextOut& out() { return out_; }

 private:
  std::filesystem::path file_;
  std::ofstream os_;
  TextOut out_;
};

class TimeseriesWriter : public StreamedCsvWriter {
 public:
  explicit TimeseriesWriter(const std::filesystem::path& file) : StreamedCsvWriter(file) {
    out() << "step";
    for (const MetricDefinition& m : metric_definitions()) (out() << ',').csv(m.name);
    out() << '\n';
  }
  void on_step(const RunView& view, int step) override {
    out().integer(step);
    for (double v : view.metrics) (out() << ',').num(v);
    out() << '\n';
    end_step();
  }
};

class EventsWriter : public StreamedCsvWriter {
 public:
  explicit EventsWriter(const std::filesystem::path& file) : StreamedCsvWriter(file) {
    out() << "step,source,target,type,event,reason\n";
  }
  void on_step(const RunView& view, int) override {
    const Firms& f = view.state.firms;
    for (const TieEvent& e : view.state.events) {
      out().integer(e.step) << ',';
      out().integer(firm_id(f, e.source)) << ',';
      out().integer(firm_id(f, e.target)) << ',';
      out() << tie_name(e.type) << ',' << (e.formed ? "formed" : "ended") << ',';
      out().csv(e.reason ? e.reason : "") << '\n';
    }
    end_step();
  }
};

std::size_t alive_firms(const Firms& f) {
  return static_cast<std::size_t>(
      std::count_if(f.alive.begin(), f.alive.end(), [](std::uint8_t a) { return a != 0; }));
}

class FinalStateWriter : public ResultWriter {
 public:
  FinalStateWriter(const std::filesystem::path& dir, OnOffAuto graphml,
                   std::function<void(const std::string&)> note)
      : dir_(dir), graphml_(graphml), note_(std::move(note)) {}
  void on_step(const RunView&, int) override {}
  void on_finish(const RunView& view, const RunInfo&) override {
    write_file(dir_ / "firms.csv", view.state, write_firms_csv);
    write_file(dir_ / "ties.csv", view.state, write_ties_csv);
    const std::size_t alive = alive_firms(view.state.firms);
    if (graphml_wanted(graphml_, alive)) {
      write_file(dir_ / "network.graphml", view.state, write_graphml);
    } else if (graphml_ == OnOffAuto::automatic && note_) {
      note_("network.graphml not written: " + std::to_string(alive) +
            " firms are alive at the end, more than " +
            std::to_string(OutputSpec::kGraphmlAutoMaxFirms) +
            " (output.graphml is \"auto\"; set it to true to write it)");
    }
  }

 private:
  std::filesystem::path dir_;
  OnOffAuto graphml_;
  std::function<void(const std::string&)> note_;
};

class SnapshotWriter : public ResultWriter {
 public:
  SnapshotWriter(const std::filesystem::path& dir, int every, OnOffAuto graphml)
      : dir_(dir / "snapshots"), every_(every), graphml_(graphml) {}
  void on_step(const RunView& view, int step) override {
    if (every_ <= 0 || step % every_ != 0) return;
    std::filesystem::create_directories(dir_);
    const std::string n = std::to_string(step);
    write_file(dir_ / ("firms_" + n + ".csv"), view.state, write_firms_csv);
    if (graphml_wanted(graphml_, alive_firms(view.state.firms)))
      write_file(dir_ / ("network_" + n + ".graphml"), view.state, write_graphml);
  }
  void on_finish(const RunView&, const RunInfo&) override {}

 private:
  std::filesystem::path dir_;
  int every_;
  OnOffAuto graphml_;
};

}  // namespace

std::unique_ptr<ResultWriter> make_timeseries_writer(const std::filesystem::path& file) {
  return std::make_unique<TimeseriesWriter>(file);
}

std::unique_ptr<ResultWriter> make_events_writer(const std::filesystem::path& file) {
  return std::make_unique<EventsWriter>(file);
}

bool graphml_wanted(OnOffAuto graphml, std::size_t alive_firms) {
  switch (graphml) {
    case OnOffAuto::on: return true;
    case OnOffAuto::off: return false;
    case OnOffAuto::automatic: return alive_firms <= OutputSpec::kGraphmlAutoMaxFirms;
  }
  return false;
}

std::unique_ptr<ResultWriter> make_final_state_writer(
    const std::filesystem::path& dir, OnOffAuto graphml,
    std::function<void(const std::string&)> note) {
  return std::make_unique<FinalStateWriter>(dir, graphml, std::move(note));
}

std::unique_ptr<ResultWriter> make_snapshot_writer(const std::filesystem::path& dir, int every,
                                                   OnOffAuto graphml) {
  return std::make_unique<SnapshotWriter>(dir, every, graphml);
}

void MetricsRecorder::on_step(const RunView& view, int) {
  rows_.emplace_back(view.metrics.begin(), view.metrics.end());
  for (const TieEvent& e : view.state.events) ++(e.formed ? ties_formed_ : ties_ended_);
}

void MetricsRecorder::on_finish(const RunView&, const RunInfo& info) { info_ = info; }

}  // namespace firmsim::io
