#pragma once
// The model behind `firmsim serve`: a Simulation stepping in a background thread, controlled by
// the page (start, pause, step, reset with new parameter values, speed) and read by it as JSON
// (metrics since a step, the current frame of the network).
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "firmsim/engine.hpp"
#include "firmsim/io/scenario_json.hpp"
#include "report/frame_builder.hpp"
#include "report/view_common.hpp"

namespace firmsim::report {

/// A scenario field the page shows as a slider; its value is applied on reset.
struct LiveParameter {
  std::string pointer;  ///< JSON pointer into the scenario
  std::string label;
  double min = 0, max = 1, step = 0.01;
  double value = 0;
};

/// The sliders for a scenario document: the institutional quality of each country and the
/// behavioural parameters of the built-in list that the scenario has.
std::vector<LiveParameter> live_parameters(const Json& scenario_doc);

class LiveSession {
 public:
  /// `scenario_doc`: a scenario document that parse_scenario() accepts; throws
  /// std::invalid_argument with the formatted errors otherwise.
  explicit LiveSession(Json scenario_doc, std::size_t max_drawn_firms = 4000);
  ~LiveSession();
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  void start();
  void pause();
  /// Runs one step now (pausing first).
  void step_once();
  /// Steps per second while running (clamped to 0.5..1000).
  void set_speed(double steps_per_second);
  /// Rebuilds the model from the scenario with `values` (pointer -> value) applied, after
  /// validating it again; on errors nothing changes and they are returned.
  std::vector<io::ScenarioError> reset(const std::vector<std::pair<std::string, double>>& values);

  /// The page's initial data: a view of kind "live" with the current frame and all metrics.
  Json view();
  /// The run status, the metrics rows after step `since` and the current frame when its step
  /// differs from `frame_step`; everything when `generation` is not the current one (a reset
  /// happened since the page last asked).
  Json poll(std::uint64_t generation, int since, int frame_step);

 private:
  struct Model;
  void worker();
  void build(const Json& doc);  ///< under the lock
  void step_locked();           ///< under the lock
  Json status_locked() const;
  Json metrics_since_locked(int since) const;
  Json frame_locked();

  std::size_t max_drawn_firms_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::unique_ptr<Model> model_;
  std::vector<LiveParameter> params_;
  bool running_ = false, stop_ = false;
  double speed_ = 10;
  std::uint64_t generation_ = 0;  ///< bumped by reset, so the page can tell runs apart
  std::thread thread_;
};

}  // namespace firmsim::report
