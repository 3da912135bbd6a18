#include "report/live_session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <stdexcept>

#include "firmsim/metrics.hpp"
#include "report/run_view.hpp"

namespace firmsim::report {

namespace {

// Metric rows kept for the page; older rows are dropped (the page keeps what it has seen).
constexpr std::size_t kHistoryRows = 20000;

struct Candidate {
  const char* pointer;
  const char* label;
  double min, max, step;
};

// Behavioural parameters offered as sliders when the scenario has them.
constexpr Candidate kCandidates[] = {
    {"/population/initial_suppliers", "Supply ties per firm at the start", 0, 8, 1},
    {"/supply/trust_weight", "Weight of trust in choosing suppliers", 0, 5, 0.1},
    {"/trust/opportunism", "Opportunism (chance a partner cheats)", 0, 0.5, 0.01},
    {"/innovation/spillover_rate", "Knowledge spillover rate", 0, 1, 0.01},
    {"/innovation/imitation_rate", "Imitation rate", 0, 2, 0.01},
    {"/cooperation/search_probability", "Cooperation propensity (partner search per step)", 0, 1,
     0.01},
};

// A switch, not a scenario field: 1 adds a brokerage programme (policy.interventions, type
// brokerage, every region, from step 0, its other fields at their defaults), 0 removes it.
constexpr const char* kBrokeragePointer = "/policy/brokerage_programme";
constexpr const char* kBrokerageName = "live_brokerage";

bool has_live_brokerage(const Json& doc) {
  const Json::json_pointer ptr("/policy/interventions");
  if (!doc.contains(ptr) || !doc[ptr].is_array()) return false;
  for (const Json& item : doc[ptr])
    if (item.is_object() && item.value("name", "") == kBrokerageName) return true;
  return false;
}

void set_live_brokerage(Json& doc, bool on) {
  Json& list = doc["policy"]["interventions"];
  if (!list.is_array()) list = Json::array();
  Json kept = Json::array();
  for (Json& item : list)
    if (!(item.is_object() && item.value("name", "") == kBrokerageName)) kept.push_back(item);
  if (on) kept.push_back({{"type", "brokerage"}, {"name", kBrokerageName}, {"start", 0}});
  list = std::move(kept);
}

const char* const kFirmColumns[] = {"stage",     "employees", "productivity", "unit_cost",
                                    "output",    "net_worth", "exports",      "age",
                                    "degree"};

double as_number(const Json& v) { return v.is_number() ? v.get<double>() : 0.0; }

}  // namespace

std::vector<LiveParameter> live_parameters(const Json& doc) {
  std::vector<LiveParameter> out;
  const Json* countries = nullptr;
  if (doc.contains("world") && doc["world"].contains("countries"))
    countries = &doc["world"]["countries"];
  for (std::size_t i = 0; countries && i < countries->size() && i < 4; ++i) {
    const Json& c = (*countries)[i];
    if (!c.contains("institutional_quality")) continue;
    out.push_back({"/world/countries/" + std::to_string(i) + "/institutional_quality",
                   "Institutional quality: " + c.value("name", std::to_string(i)), 0, 1, 0.01,
                   as_number(c["institutional_quality"])});
  }
  for (const Candidate& k : kCandidates) {
    const Json::json_pointer ptr(k.pointer);
    if (doc.contains(ptr) && doc[ptr].is_number())
      out.push_back({k.pointer, k.label, k.min, k.max, k.step, as_number(doc[ptr])});
  }
  if (doc.contains("policy"))
    out.push_back({kBrokeragePointer, "Brokerage programme in every region (0 off, 1 on)", 0, 1, 1,
                   has_live_brokerage(doc) ? 1.0 : 0.0});
  return out;
}

struct LiveSession::Model {
  Json doc;
  std::unique_ptr<Simulation> sim;
  ViewTables tables;
  std::unique_ptr<FirmSample> sample;
  std::deque<std::pair<int, std::vector<double>>> history;
  /// (source << 32 | target) -> (type, reason index) of the alive ties formed during the run.
  std::unordered_map<std::uint64_t, std::vector<std::pair<int, int>>> reasons;
  Json frame;
  int frame_step = -2;
};

LiveSession::LiveSession(Json scenario_doc, std::size_t max_drawn_firms)
    : max_drawn_firms_(max_drawn_firms) {
  {
    std::lock_guard lock(mutex_);
    build(scenario_doc);
  }
  thread_ = std::thread([this] { worker(); });
}

LiveSession::~LiveSession() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void LiveSession::build(const Json& doc) {
  io::ParseResult parsed = io::parse_scenario(doc);
  if (!parsed.ok()) throw std::invalid_argument(io::format_errors(parsed.errors));
  auto model = std::make_unique<Model>();
  model->doc = doc;
  model->sim = std::make_unique<Simulation>(std::move(*parsed.scenario), 1);
  const State& st = model->sim->state();
  for (const RegionState& r : st.regions)
    model->tables.region(r.spec.name, st.countries[r.country].spec.name);
  std::size_t alive = 0;
  for (auto a : st.firms.alive) alive += a != 0;
  model->sample = std::make_unique<FirmSample>(alive, max_drawn_firms_);
  model_ = std::move(model);
  params_ = live_parameters(doc);
  ++generation_;
}

void LiveSession::step_locked() {
  Model& m = *model_;
  if (m.sim->done()) return;
  m.sim->step();
  const State& st = m.sim->state();
  m.history.emplace_back(st.step - 1, m.sim->metrics());
  if (m.history.size() > kHistoryRows) m.history.pop_front();
  for (const TieEvent& e : st.events) {  // keyed by the firms' ids: their places may change
    const std::uint64_t key = static_cast<std::uint64_t>(firm_id(st.firms, e.source)) << 32 |
                              firm_id(st.firms, e.target);
    const int type = static_cast<int>(e.type);
    auto& list = m.reasons[key];
    std::erase_if(list, [type](const auto& p) { return p.first == type; });
    if (e.formed) list.emplace_back(type, m.tables.reasons.index(e.reason));
    if (list.empty()) m.reasons.erase(key);
  }
}

void LiveSession::worker() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (!running_) {
      wake_.wait(lock);
      continue;
    }
    if (model_->sim->done()) {
      running_ = false;
      continue;
    }
    const auto t0 = std::chrono::steady_clock::now();
    step_locked();
    const auto deadline = t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                   std::chrono::duration<double>(1.0 / speed_));
    const std::uint64_t generation = generation_;
    wake_.wait_until(lock, deadline,
                     [&] { return stop_ || !running_ || generation != generation_; });
  }
}

void LiveSession::start() {
  {
    std::lock_guard lock(mutex_);
    running_ = !model_->sim->done();
  }
  wake_.notify_all();
}

void LiveSession::pause() {
  {
    std::lock_guard lock(mutex_);
    running_ = false;
  }
  wake_.notify_all();
}

void LiveSession::step_once() {
  {
    std::lock_guard lock(mutex_);
    running_ = false;
    step_locked();
  }
  wake_.notify_all();
}

void LiveSession::set_speed(double steps_per_second) {
  {
    std::lock_guard lock(mutex_);
    speed_ = std::clamp(std::isfinite(steps_per_second) ? steps_per_second : 10.0, 0.5, 1000.0);
  }
  wake_.notify_all();
}

std::vector<io::ScenarioError> LiveSession::reset(
    const std::vector<std::pair<std::string, double>>& values) {
  std::lock_guard lock(mutex_);
  Json doc = model_->doc;
  for (const auto& [pointer, value] : values) {
    const auto known = std::find_if(params_.begin(), params_.end(),
                                    [&](const LiveParameter& p) { return p.pointer == pointer; });
    if (known == params_.end()) return {{pointer, "not a parameter of this demo"}};
    if (pointer == kBrokeragePointer) {
      set_live_brokerage(doc, value >= 0.5);
      continue;
    }
    const Json::json_pointer ptr(pointer);
    if (doc[ptr].is_number_integer()) doc[ptr] = static_cast<std::int64_t>(std::llround(value));
    else doc[ptr] = value;
  }
  io::ParseResult parsed = io::parse_scenario(doc);
  if (!parsed.ok()) return parsed.errors;
  try {
    build(doc);
  } catch (const std::exception& e) {
    return {{"", e.what()}};
  }
  running_ = false;
  wake_.notify_all();
  return {};
}

Json LiveSession::status_locked() const {
  const Simulation& sim = *model_->sim;
  Json params = Json::array();
  for (const LiveParameter& p : params_)
    params.push_back({{"pointer", p.pointer}, {"label", p.label}, {"min", p.min}, {"max", p.max},
                      {"step", p.step}, {"value", p.value}});
  return {{"generation", generation_}, {"step", sim.state().step}, {"steps", sim.scenario().steps},
          {"running", running_},       {"done", sim.done()},         {"speed", speed_},
          {"params", std::move(params)}};
}

Json LiveSession::metrics_since_locked(int since) const {
  const auto& defs = metric_definitions();
  Json steps = Json::array();
  std::vector<Json> cols(defs.size(), Json::array());
  for (const auto& [step, row] : model_->history) {
    if (step <= since) continue;
    steps.push_back(step);
    for (std::size_t c = 0; c < defs.size(); ++c)
      cols[c].push_back(number(c < row.size() ? row[c] : std::nan(""), 6));
  }
  Json columns = Json::object();
  for (std::size_t c = 0; c < defs.size(); ++c) columns[defs[c].name] = std::move(cols[c]);
  return {{"step", std::move(steps)}, {"columns", std::move(columns)}};
}

Json LiveSession::frame_locked() {
  Model& m = *model_;
  const State& st = m.sim->state();
  if (m.frame_step == st.step) return m.frame;
  const Firms& f = st.firms;
  FrameBuilder frame(st.step - 1, *m.sample, m.tables,
                     std::vector<std::string>(std::begin(kFirmColumns), std::end(kFirmColumns)));
  const auto& offsets = st.network.incident_offsets;
  const bool have_degree = offsets.size() == f.size() + 1;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive[i]) continue;
    const double degree = have_degree ? offsets[i + 1] - offsets[i] : std::nan("");
    const double values[] = {static_cast<double>(f.stage[i]), f.employees[i],
                             std::exp(f.log_productivity[i]), f.unit_cost[i], f.output[i],
                             f.net_worth[i], f.exports[i],
                             static_cast<double>(st.step - f.birth_step[i]), degree};
    frame.add_firm(f.id[i], f.region[i], f.size_class[i], values);
  }
  for (const Tie& t : st.ties) {
    if (!t.alive) continue;
    int reason = -1;
    const std::uint64_t source = f.id[t.source], target = f.id[t.target];
    const auto it = m.reasons.find(source << 32 | target);
    if (it != m.reasons.end())
      for (const auto& [type, why] : it->second)
        if (type == static_cast<int>(t.type)) reason = why;
    frame.add_tie(source, target, static_cast<int>(t.type), t.trust, t.start_step, reason);
  }
  m.frame = frame.finish();
  m.frame_step = st.step;
  return m.frame;
}

Json LiveSession::view() {
  std::lock_guard lock(mutex_);
  Model& m = *model_;
  const Scenario& sc = m.sim->scenario();
  Json frame = frame_locked();
  const std::size_t drawn = frame["firms"]["id"].size();
  const std::size_t total = frame["firms_total"].get<std::size_t>();
  Json view;
  view["format"] = kViewFormat;
  view["kind"] = "live";
  view["title"] = sc.name;
  view["meta"] = {{"version", FIRMSIM_VERSION}, {"seed", sc.seed}, {"steps", sc.steps}};
  view["sample_note"] = m.sample->note(drawn, total);
  Json regions = Json::array();
  for (const RegionSpec& r : sc.world.regions)
    regions.push_back({{"name", r.name}, {"country", r.country}, {"x_km", r.x_km},
                       {"y_km", r.y_km}});
  Json countries = Json::array();
  for (const CountrySpec& c : sc.world.countries) countries.push_back(c.name);
  view["regions"] = std::move(regions);
  view["countries"] = std::move(countries);
  view["stages"] = sc.world.stages;
  view["size_classes"] = m.tables.size_classes.strings();
  view["tie_types"] = tie_types_json(m.tables.tie_types);
  view["reasons"] = m.tables.reasons.strings();
  view["metrics"] = metrics_since_locked(-1);
  view["metric_info"] = metric_info_json();
  view["frames"] = Json::array({std::move(frame)});
  view["events"] = nullptr;
  view["live"] = status_locked();
  return view;
}

Json LiveSession::poll(std::uint64_t generation, int since, int frame_step) {
  std::lock_guard lock(mutex_);
  if (generation != generation_) {
    since = -1;
    frame_step = -2;
  }
  Json out = status_locked();
  out["metrics"] = metrics_since_locked(since);
  Json frame = frame_locked();
  if (frame["step"].get<int>() != frame_step) {
    out["frame"] = std::move(frame);
    out["reasons"] = model_->tables.reasons.strings();
  }
  return out;
}

}  // namespace firmsim::report
