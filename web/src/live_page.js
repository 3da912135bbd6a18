// The live demo of `firmsim serve`: start, pause, step, reset, speed and parameter sliders over
// a model running in the program; the page polls its state and redraws.
import { TimeSeriesPanel } from './charts.js';
import { h } from './dom.js';
import { Explorer } from './explorer.js';
import { fmt, stepLabel } from './format.js';
import { Frame } from './frame.js';
import { renderHeader } from './header.js';

const POLL_RUNNING_MS = 250;
const POLL_IDLE_MS = 1000;

function appendMetrics(into, more) {
  into.step.push(...more.step);
  for (const [name, values] of Object.entries(more.columns)) {
    if (!into.columns[name]) into.columns[name] = [];
    into.columns[name].push(...values);
  }
}

export function startLivePage(app, view) {
  renderHeader(app, view, 'live demo');
  let status = view.live;
  let frame = new Frame(view.frames[0]);
  let metrics = { step: [...view.metrics.step], columns: structuredClone(view.metrics.columns) };
  let pollTimer = null;

  const button = (action, text, cls = 'button') =>
    h('button', { type: 'button', class: cls, id: `live-${action}`, onclick: () => control(action) }, text);
  const speed = h('input', { type: 'range', min: 1, max: 60, step: 1, value: Math.round(status.speed), id: 'live-speed', 'aria-label': 'speed' });
  const speedText = h('output', { for: 'live-speed' });
  const statusText = h('output', { id: 'step-label' });
  const message = h('span', { class: 'message', id: 'live-message', role: 'status' });
  app.append(h('div', { class: 'toolbar' },
    button('start', 'Start', 'button primary'), button('pause', 'Pause'), button('step', 'Step'), button('reset', 'Reset'),
    h('label', { class: 'speed' }, 'speed ', speed, speedText), statusText, message));

  const sliders = status.params.map((p) => {
    const input = h('input', { type: 'range', min: p.min, max: p.max, step: p.step, value: p.value, 'data-pointer': p.pointer, 'aria-label': p.label });
    const out = h('output', {}, fmt(p.value));
    input.addEventListener('input', () => {
      out.textContent = fmt(Number(input.value));
      input.parentElement.classList.toggle('changed', Number(input.value) !== p.value);
    });
    return { p, input, row: h('label', { class: 'param' }, h('span', {}, p.label), input, out) };
  });
  app.append(h('section', { class: 'panel params-panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Parameters'),
      h('span', { class: 'muted small' }, 'Move a slider, then Reset: the scenario is checked again and the model restarts with the new values.')),
    h('div', { class: 'params' }, sliders.map((s) => s.row))));

  const main = h('main', { class: 'main-grid' });
  app.append(main);
  const charts = h('section', { class: 'panel charts-panel' }, h('h2', {}, 'Time series'));
  app.append(charts);
  const explorer = new Explorer(main, view);
  const series = new TimeSeriesPanel(charts, { info: view.metric_info, tieTypes: view.tie_types });

  function showStatus() {
    speedText.textContent = `${fmt(Number(speed.value))} steps/s`;
    statusText.textContent = `${stepLabel(frame.step)} of ${fmt(status.steps)} · ${fmt(frame.raw.firms_total)} firms · ` +
      `${fmt(frame.raw.ties_total)} ties · ${status.done ? 'finished' : status.running ? 'running' : 'paused'}`;
  }

  function showFrame(raw, alpha) {
    frame = new Frame(raw);
    explorer.layoutFrames([frame], alpha);
    explorer.show(frame);
    series.setMarker(frame.step);
  }

  function apply(next) {
    const restarted = next.generation !== status.generation;
    status = next;
    if (restarted) metrics = { step: [], columns: {} };
    appendMetrics(metrics, next.metrics);
    series.setData(metrics);
    if (next.reasons) view.reasons.splice(0, view.reasons.length, ...next.reasons);
    if (next.frame) showFrame(next.frame, restarted ? 1 : 0.3);
    showStatus();
  }

  async function poll() {
    clearTimeout(pollTimer);
    const since = metrics.step.length ? metrics.step[metrics.step.length - 1] : -1;
    try {
      const res = await fetch(`/api/state?generation=${status.generation}&since=${since}&frame=${frame.step}`);
      apply(await res.json());
    } catch (e) {
      message.textContent = 'The demo server does not answer (stopped?).';
    }
    pollTimer = setTimeout(poll, status.running ? POLL_RUNNING_MS : POLL_IDLE_MS);
  }

  async function control(action) {
    const body = { action, speed: Number(speed.value) };
    if (action === 'reset') body.values = Object.fromEntries(sliders.map((s) => [s.p.pointer, Number(s.input.value)]));
    const res = await fetch('/api/control', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    const answer = await res.json();
    message.textContent = answer.ok ? ''
      : answer.errors ? answer.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : answer.error;
    if (answer.ok && action === 'reset') {
      for (const s of sliders) {
        s.p.value = Number(s.input.value);
        s.row.classList.remove('changed');
      }
    }
    await poll();
  }

  speed.addEventListener('change', () => control('speed'));
  speed.addEventListener('input', showStatus);
  series.setData(metrics);
  showFrame(view.frames[0], 1);
  showStatus();
  pollTimer = setTimeout(poll, POLL_IDLE_MS);
  return { explorer, series, control, get frame() { return frame; }, get status() { return status; } };
}
