// `firmsim serve [SCENARIO] [--port P] [--host H]`: the live demo. The model steps in a
// background thread; the page (the report's page plus controls) polls its state as JSON and
// sends start, pause, step, reset (with slider values) and speed.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "firmsim/io/scenario_json.hpp"
#include "report/page.hpp"

#if FIRMSIM_HAVE_HTTPLIB
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "report/live_session.hpp"
#endif

namespace firmsim::cli {

namespace {

struct ServeOptions {
  std::string scenario;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::size_t max_firms = 4000;
};

#if FIRMSIM_HAVE_HTTPLIB
using report::Json;

void reply_json(httplib::Response& res, const Json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

Json errors_json(const std::vector<io::ScenarioError>& errors) {
  Json out = Json::array();
  for (const auto& e : errors) out.push_back({{"path", e.path}, {"message", e.message}});
  return out;
}

// Applies one control request: {"action": start|pause|step|reset|speed, "speed": s,
// "values": {pointer: number}}.
void control(report::LiveSession& session, const httplib::Request& req, httplib::Response& res) {
  Json body;
  try {
    body = Json::parse(req.body);
  } catch (const Json::exception& e) {
    return reply_json(res, {{"ok", false}, {"error", std::string("not JSON: ") + e.what()}}, 400);
  }
  const std::string action = body.value("action", "");
  if (body.contains("speed") && body["speed"].is_number())
    session.set_speed(body["speed"].get<double>());
  if (action == "start") session.start();
  else if (action == "pause") session.pause();
  else if (action == "step") session.step_once();
  else if (action == "reset") {
    std::vector<std::pair<std::string, double>> values;
    // A named object: items() of a temporary would dangle inside the loop.
    const Json given = body.value("values", Json::object());
    for (const auto& [pointer, value] : given.items())
      if (value.is_number()) values.emplace_back(pointer, value.get<double>());
    const auto errors = session.reset(values);
    if (!errors.empty())
      return reply_json(res, {{"ok", false}, {"errors", errors_json(errors)}}, 400);
  } else if (action != "speed") {
    return reply_json(res, {{"ok", false}, {"error", "unknown action '" + action + "'"}}, 400);
  }
  reply_json(res, {{"ok", true}});
}

int query_int(const httplib::Request& req, const char* key, long long fallback) {
  if (!req.has_param(key)) return static_cast<int>(fallback);
  try {
    return std::stoi(req.get_param_value(key));
  } catch (const std::exception&) {
    return static_cast<int>(fallback);
  }
}

int serve(const ServeOptions& opts) {
  if (!report::page_built()) {
    std::cerr << "firmsim serve: " << report::page_missing_message() << "\n";
    return kExitFailure;
  }
  Json doc;
  if (opts.scenario.empty()) {
    doc = io::scenario_to_json(io::default_scenario());
  } else {
    const io::ParseResult parsed = io::load_scenario_file(opts.scenario);
    if (!parsed.ok()) {
      std::cerr << "firmsim serve: " << opts.scenario << " is not a valid scenario:\n"
                << io::format_errors(parsed.errors);
      return kExitBadInput;
    }
    doc = io::scenario_to_json(*parsed.scenario);
  }
  // Ctrl-C and SIGTERM stop the server from a thread that waits for them; every other thread
  // inherits the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  report::LiveSession session(doc, opts.max_firms);
  httplib::Server server;
  server.Get("/", [&session](const httplib::Request&, httplib::Response& res) {
    res.set_content(report::render_page(session.view()), "text/html; charset=utf-8");
  });
  server.Get("/api/state", [&session](const httplib::Request& req, httplib::Response& res) {
    const auto generation = static_cast<std::uint64_t>(query_int(req, "generation", 0));
    reply_json(res, session.poll(generation, query_int(req, "since", -1),
                                 query_int(req, "frame", -2)));
  });
  server.Post("/api/control", [&session](const httplib::Request& req, httplib::Response& res) {
    control(session, req, res);
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    reply_json(res, {{"ok", false}, {"error", what}}, 500);
  });

  const int port = opts.port == 0 ? server.bind_to_any_port(opts.host)
                                  : (server.bind_to_port(opts.host, opts.port) ? opts.port : -1);
  if (port <= 0) {
    std::cerr << "firmsim serve: cannot listen on " << opts.host << ":" << opts.port
              << " (in use? try another --port)\n";
    return kExitBadInput;
  }
  if (opts.host != "127.0.0.1" && opts.host != "localhost" && opts.host != "::1")
    std::cerr << "firmsim serve: warning: listening on " << opts.host
              << ", reachable from other machines; the demo has no authentication\n";
  const std::string host = opts.host.find(':') != std::string::npos ? "[" + opts.host + "]"
                                                                      : opts.host;
  std::cout << "firmsim serve: open http://" << host << ":" << port << "/ (Ctrl-C stops)"
            << std::endl;

  std::atomic<bool> stopping{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    server.stop();
  });
  server.listen_after_bind();
  if (!stopping) kill(getpid(), SIGTERM);
  waiter.join();
  return kExitOk;
}
#endif

}  // namespace

void add_serve(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "serve", "Live demo in the browser: watch the network and clusters form, move sliders");
  auto opts = std::make_shared<ServeOptions>();
  cmd->add_option("SCENARIO", opts->scenario, "scenario file (default: the embedded default)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--port,-p", opts->port, "TCP port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", opts->host,
                  "address to listen on; anything but loopback exposes the demo to the network")
      ->capture_default_str();
  cmd->add_option("--max-firms", opts->max_firms,
                  "draw a deterministic sample of this many firms when the network is larger")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  firmsim serve                      the default scenario on http://127.0.0.1:8080/\n"
      "  firmsim serve my.json --port 9000\n"
      "The page has start, pause, step, reset, a speed slider, sliders for institutional\n"
      "quality, cooperation propensity and other cooperation parameters, and a switch for a\n"
      "brokerage programme in every region (all applied on reset).");
  cmd->callback([opts, &exit_code] {
#if FIRMSIM_HAVE_HTTPLIB
    exit_code = serve(*opts);
#else
    std::cerr << "firmsim serve: this firmsim was built without cpp-httplib. Install it "
                 "(Debian: apt-get install libcpp-httplib-dev), reconfigure and rebuild.\n";
    exit_code = kExitFailure;
#endif
  });
}

}  // namespace firmsim::cli
