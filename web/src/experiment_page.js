// The results page of an experiment: mean curves with 95% confidence bands per arm or design
// point (aggregate.csv), effects against the baseline with their intervals (effects.csv), and
// the first runs (runs.csv).
import uPlot from 'uplot';
import { h, s, fill } from './dom.js';
import { axisValues, fmt, label } from './format.js';
import { renderHeader } from './header.js';
import { categorical } from './palette.js';

const DEFAULTS = ['firms', 'output', 'mean_productivity', 'mean_unit_cost', 'ties', 'clustering'];

function aggregateSection(view) {
  const agg = view.aggregate;
  const section = h('section', { class: 'panel charts-panel', id: 'aggregate' },
    h('h2', {}, 'Mean over runs, with 95% confidence bands'));
  const chooser = h('div', { class: 'chooser' });
  const grid = h('div', { class: 'chart-grid' });
  section.append(chooser, grid);
  const picked = DEFAULTS.filter((m) => agg.metrics.includes(m));
  const selected = new Set(picked.length ? picked : agg.metrics.slice(0, 4));
  let plots = [];

  function data(metric) {
    const m = agg.metrics.indexOf(metric);
    return bandedCurves(agg, agg.series.filter((x) => x.metric === m), 'mean', [], [{ label: 'step' }]);
  }

  function render() {
    plots.forEach((p) => p.destroy());
    plots = [];
    fill(chooser, h('div', { class: 'chooser-row' }, h('span', { class: 'chooser-label' }, 'Metrics'),
      agg.metrics.map((m) => h('button', {
        type: 'button', class: 'chip', 'aria-pressed': String(selected.has(m)),
        onclick: () => { if (selected.has(m)) selected.delete(m); else selected.add(m); render(); },
      }, label(m)))));
    grid.replaceChildren();
    for (const metric of agg.metrics.filter((m) => selected.has(m))) {
      const box = h('figure', { class: 'chart', 'data-metric': metric },
        h('figcaption', { title: view.metric_info?.[metric]?.meaning || '' }, label(metric)));
      grid.append(box);
      const { cols, series, bands } = data(metric);
      plots.push(new uPlot({
        width: Math.max(260, box.clientWidth - 4), height: 190,
        scales: { x: { time: false } }, series, bands,
        legend: { show: agg.groups.length > 1, live: false },
        cursor: { sync: { key: 'experiment' } },
        axes: [{ size: 28, font: '11px system-ui' }, { size: 56, font: '11px system-ui', values: axisValues }],
      }, cols, box));
    }
  }
  render();
  return section;
}

function forest(rows) {
  const W = 460, rowH = 26, left = 130, right = 150;
  const lo = Math.min(0, ...rows.map((r) => r.lo ?? r.diff ?? 0));
  const hi = Math.max(0, ...rows.map((r) => r.hi ?? r.diff ?? 0));
  const pad = (hi - lo) * 0.08 || 1;
  const x = (v) => left + ((v - lo + pad) / (hi - lo + 2 * pad)) * (W - left - right);
  const height = rows.length * rowH + 24;
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'forest', role: 'img' },
    s('line', { x1: x(0), x2: x(0), y1: 4, y2: height - 18, class: 'zero' }),
    s('text', { x: x(0), y: height - 4, class: 'axis', 'text-anchor': 'middle' }, '0'),
    rows.map((r, i) => {
      const y = 14 + i * rowH;
      const clear = r.lo != null && r.hi != null && (r.lo > 0 || r.hi < 0);
      return s('g', { class: clear ? 'effect clear' : 'effect' },
        s('text', { x: left - 8, y: y + 4, 'text-anchor': 'end' }, r.arm),
        r.lo != null && r.hi != null ? s('line', { x1: x(r.lo), x2: x(r.hi), y1: y, y2: y, class: 'ci' }) : null,
        r.diff != null ? s('circle', { cx: x(r.diff), cy: y, r: 4.5 }) : null,
        s('text', { x: W - right + 10, y: y + 4, class: 'value' }, `${fmt(r.diff)} [${fmt(r.lo)}, ${fmt(r.hi)}]`),
        s('title', {}, `${r.arm}, ${r.metric}: ${fmt(r.diff)} (95% CI ${fmt(r.lo)} to ${fmt(r.hi)}), n = ${fmt(r.n)}`));
    }));
}

// Curves with 95% bands, one per group (arm or design point), aligned on the union of their
// steps: for each group a transparent low and high series, a band between them, and the centre
// line (`centre`: 'mean' for the mean curves, 'diff' for the effect curves). `extraCols` (functions
// of the step) and `extraSeries` are the columns and series before the groups' ones.
function bandedCurves(agg, list, centre, extraCols, extraSeries) {
  const steps = [...new Set(list.flatMap((x) => x.step))].sort((a, b) => a - b);
  const at = new Map(steps.map((v, i) => [v, i]));
  const cols = [steps, ...extraCols.map((f) => steps.map(f))];
  const series = [...extraSeries];
  const bands = [];
  for (const x of list) {
    const colour = categorical(x.group);
    const col = (key) => {
      const out = new Array(steps.length).fill(null);
      x.step.forEach((v, i) => { out[at.get(v)] = x[key][i]; });
      return out;
    };
    const base = cols.length;
    cols.push(col('lo'), col('hi'), col(centre));
    const name = agg.groups[x.group];
    series.push({ label: `${name} low`, stroke: 'transparent', points: { show: false } },
      { label: `${name} high`, stroke: 'transparent', points: { show: false } },
      { label: name, stroke: colour, width: 1.8, points: { show: false } });
    bands.push({ series: [base + 1, base], fill: `${colour}33` });
  }
  return { cols, series, bands };
}

// The effect curves of one metric: per arm, the mean paired difference from the baseline at each
// step with its 95% band (aggregate.csv's difference columns), and a dashed zero line.
function curvesData(agg, metric) {
  const m = agg.metrics.indexOf(metric);
  const list = (agg.differences || []).filter((x) => x.metric === m);
  if (!list.length) return null;
  return bandedCurves(agg, list, 'diff', [() => 0],
    [{ label: 'step' }, { label: 'no effect', stroke: '#9ca3af', dash: [4, 4], width: 1, points: { show: false } }]);
}

function effectsSection(view) {
  const agg = view.aggregate;
  const byMetric = new Map();
  for (const r of view.effects) {
    if (!byMetric.has(r.metric)) byMetric.set(r.metric, []);
    byMetric.get(r.metric).push(r);
  }
  const metrics = [...byMetric.keys()];
  const picked = DEFAULTS.filter((m) => byMetric.has(m));
  const selected = new Set(picked.length ? picked : metrics.slice(0, 4));
  const span = view.meta?.effects_window;
  const baseline = agg?.groups?.[0];
  const chooser = h('div', { class: 'chooser' });
  const grid = h('div', { class: 'forest-grid' });
  const curveGroups = [...new Set((agg?.differences || []).map((x) => x.group))];
  const key = curveGroups.length ? h('p', { class: 'effect-key small' }, 'Effect curves: ',
    curveGroups.map((g) => h('span', { class: 'effect-key-item' },
      h('span', { class: 'swatch', style: { background: categorical(g) } }), agg.groups[g]))) : null;
  let plots = [];
  let generation = 0;

  function render() {
    plots.forEach((p) => p.destroy());
    plots = [];
    const current = ++generation;
    const pending = [];
    fill(chooser, h('div', { class: 'chooser-row' }, h('span', { class: 'chooser-label' }, 'Metrics'),
      metrics.map((m) => h('button', {
        type: 'button', class: 'chip', 'aria-pressed': String(selected.has(m)),
        onclick: () => { if (selected.has(m)) selected.delete(m); else selected.add(m); render(); },
      }, label(m)))));
    grid.replaceChildren();
    for (const metric of metrics.filter((m) => selected.has(m))) {
      const curve = h('div', { class: 'effect-curve' });
      const box = h('figure', { class: 'forest-box', 'data-metric': metric },
        h('figcaption', { title: view.metric_info?.[metric]?.meaning || '' }, label(metric)),
        forest(byMetric.get(metric)), curve);
      grid.append(box);
      const data = agg ? curvesData(agg, metric) : null;
      if (data) pending.push({ box, curve, data });
    }
    // Drawn once the section is on the page, so that the charts take the figures' width.
    requestAnimationFrame(() => {
      if (current !== generation) return;
      for (const { box, curve, data } of pending) {
        plots.push(new uPlot({
          width: Math.max(260, box.clientWidth - 4), height: 170,
          scales: { x: { time: false } }, series: data.series, bands: data.bands,
          legend: { show: false },
          cursor: { sync: { key: 'effects' } },
          axes: [{ size: 28, font: '11px system-ui' }, { size: 56, font: '11px system-ui', values: axisValues }],
        }, data.cols, curve));
      }
    });
  }
  const section = h('section', { class: 'panel', id: 'effects' },
    h('h2', {}, 'Effects against the baseline, with 95% confidence intervals'),
    h('p', { class: 'muted small' },
      `Mean paired difference (arm minus ${baseline ? `"${baseline}"` : 'the baseline'}, seed by seed: the arms share their seeds) of each metric's mean over the last ${span != null ? fmt(span) : 'few'} step${span === 1 ? '' : 's'}; dark marks: the interval excludes zero. Below each: the paired difference at every step, with its 95% band.`),
    chooser, key, grid,
    h('details', {}, h('summary', {}, 'Table'),
      h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['arm', 'metric', 'baseline', 'arm mean', 'effect', 'ci95 low', 'ci95 high', 'pairs', 'spend', 'effect per unit spent'].map((c) => h('th', {}, c)))),
        h('tbody', {}, view.effects.map((r) => h('tr', {}, h('td', {}, r.arm), h('td', {}, label(r.metric)),
          [r.baseline, r.arm_mean, r.diff, r.lo, r.hi, r.n, r.spend, r.per_spend].map((v) => h('td', { class: 'num' }, fmt(v)))))))));
  render();
  return section;
}

function runsSection(view) {
  const runs = view.runs;
  return h('section', { class: 'panel', id: 'runs' },
    h('details', {}, h('summary', {}, `Runs (${fmt(runs.total)}${runs.total > runs.rows.length ? `, first ${runs.rows.length} shown` : ''})`),
      h('div', { class: 'scroll' }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, runs.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, runs.rows.map((row) => h('tr', {}, row.map((v) => h('td', { class: typeof v === 'number' ? 'num' : '' }, typeof v === 'number' ? fmt(v) : v)))))))));
}

export function startExperimentPage(app, view) {
  renderHeader(app, view, 'results of an experiment');
  if (view.aggregate) app.append(aggregateSection(view));
  if (view.effects && view.effects.length) app.append(effectsSection(view));
  if (view.runs) app.append(runsSection(view));
  if (!view.aggregate && !view.effects && !view.runs) app.append(h('p', {}, 'No experiment results in this folder.'));
  return {};
}
