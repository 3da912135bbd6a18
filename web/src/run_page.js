// The results page of one run: a step slider and a play button over the snapshots, the network
// explorer, and the time-series charts.
import { TimeSeriesPanel } from './charts.js';
import { h } from './dom.js';
import { Explorer } from './explorer.js';
import { stepLabel } from './format.js';
import { Frame } from './frame.js';
import { renderHeader } from './header.js';

const PLAY_INTERVAL_MS = 700;

export function startRunPage(app, view) {
  const frames = (view.frames || []).map((f) => new Frame(f));
  renderHeader(app, view, 'results of one run');
  let index = Math.max(0, frames.length - 1);
  let timer = null;

  const slider = h('input', {
    type: 'range', min: 0, max: Math.max(0, frames.length - 1), value: index, id: 'step-slider',
    'aria-label': 'snapshot', disabled: frames.length < 2,
  });
  const stepText = h('output', { id: 'step-label', for: 'step-slider' });
  const play = h('button', { type: 'button', class: 'button primary', id: 'play', disabled: frames.length < 2 }, 'Play');
  const hint = frames.length < 2
    ? h('span', { class: 'muted small' }, 'Only one state was saved; run with --snapshot-every K for a step slider.')
    : h('span', { class: 'muted small' }, `${frames.length} snapshots`);
  app.append(h('div', { class: 'toolbar' }, play, slider, stepText, hint));

  const main = h('main', { class: 'main-grid' });
  app.append(main);
  const charts = h('section', { class: 'panel charts-panel' }, h('h2', {}, 'Time series'));
  app.append(charts);

  const explorer = new Explorer(main, view);
  const series = new TimeSeriesPanel(charts, { info: view.metric_info, tieTypes: view.tie_types });
  series.setData(view.metrics || { step: [], columns: {} });
  if (frames.length) explorer.layoutFrames(frames, 1);
  else explorer.setNote('This folder has no firms.csv: there is no network to draw.');

  function show(i) {
    index = Math.max(0, Math.min(frames.length - 1, i));
    slider.value = index;
    const frame = frames[index];
    if (!frame) return;
    stepText.textContent = `${stepLabel(frame.step)} · ${frame.raw.firms_total} firms · ${frame.raw.ties_total} ties`;
    explorer.show(frame);
    series.setMarker(frame.step);
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = 'Play';
  }

  play.addEventListener('click', () => {
    if (timer) return stop();
    if (index >= frames.length - 1) show(0);
    play.textContent = 'Pause';
    timer = setInterval(() => {
      if (index >= frames.length - 1) return stop();
      show(index + 1);
    }, PLAY_INTERVAL_MS);
  });
  slider.addEventListener('input', () => {
    stop();
    show(Number(slider.value));
  });
  show(index);
  return { explorer, series, frames, show, get index() { return index; } };
}
