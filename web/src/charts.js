// Time-series charts of the metrics (uPlot, canvas): a chooser of metrics, one small chart
// each, a combined chart of ties by type, and a marker at the step shown.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h, fill } from './dom.js';
import { axisValues, label } from './format.js';
import { tieColour } from './palette.js';

const TIES_BY_TYPE = 'ties by type';
const DEFAULTS = ['firms', 'output', 'mean_productivity', 'mean_unit_cost', 'clustering',
  'giant_component_share', 'exports', 'gini_size'];

export function markerHook(getStep) {
  return (u) => {
    const step = getStep();
    if (step == null) return;
    const x = u.valToPos(step, 'x', true);
    const { left, top, width, height } = u.bbox;
    if (!(x >= left && x <= left + width)) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#c0392b';
    ctx.lineWidth = 1.5 * uPlot.pxRatio;
    ctx.setLineDash([5 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.restore();
  };
}

export class TimeSeriesPanel {
  constructor(container, { info, tieTypes }) {
    this.info = info || {};
    this.tieTypes = tieTypes || [];
    this.chooser = h('div', { class: 'chooser' });
    this.grid = h('div', { class: 'chart-grid' });
    container.append(this.chooser, this.grid);
    this.charts = new Map();
    this.selected = null;
    this.marker = null;
    this.metrics = { step: [], columns: {} };
    new ResizeObserver(() => this.resize()).observe(this.grid);
  }

  tieColumns() {
    return Object.keys(this.metrics.columns).filter((c) => c.startsWith('ties_'));
  }

  setData(metrics) {
    this.metrics = metrics;
    // The default choice waits for the first metrics (a live run starts with none).
    if (!this.selected || (!this.chosen && Object.keys(metrics.columns).length)) {
      const names = Object.keys(metrics.columns);
      this.chosen = names.length > 0;
      const picked = DEFAULTS.filter((n) => names.includes(n));
      const rest = names.filter((n) => !n.startsWith('ties_') && !picked.includes(n));
      this.selected = new Set(picked.length >= 3 ? picked : [...picked, ...rest].slice(0, 6));
      if (this.tieColumns().length) this.selected.add(TIES_BY_TYPE);
      this.renderChooser();
      this.renderCharts();
      return;
    }
    // uPlot cannot draw axes without points: charts are (re)built when the data goes from empty
    // to non-empty or back (a live run after a reset).
    const empty = !metrics.step.length;
    if (empty !== this.empty) return this.renderCharts();
    for (const [key, chart] of this.charts) chart.plot.setData(this.dataFor(key));
  }

  setMarker(step) {
    this.marker = step;
    for (const chart of this.charts.values()) chart.plot.redraw(false, false);
  }

  renderChooser() {
    const chip = (key, text) => h('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(this.selected.has(key)),
      title: this.info[key]?.meaning || '',
      onclick: () => {
        if (this.selected.has(key)) this.selected.delete(key);
        else this.selected.add(key);
        this.renderChooser();
        this.renderCharts();
      },
    }, text);
    const names = Object.keys(this.metrics.columns);
    const ties = this.tieColumns();
    fill(this.chooser, 
      h('div', { class: 'chooser-row' }, h('span', { class: 'chooser-label' }, 'Metrics'),
        names.filter((n) => !n.startsWith('ties_')).map((n) => chip(n, label(n)))),
      ties.length ? h('div', { class: 'chooser-row' }, h('span', { class: 'chooser-label' }, 'Ties'),
        chip(TIES_BY_TYPE, 'all types in one chart'), ties.map((n) => chip(n, label(n.slice(5))))) : null);
  }

  series(key) {
    if (key === TIES_BY_TYPE) {
      return this.tieColumns().map((c) => {
        const name = c.slice(5);
        const i = this.tieTypes.findIndex((t) => t.name === name);
        return { column: c, label: label(name), stroke: tieColour(name, i) };
      });
    }
    const tie = key.startsWith('ties_') ? key.slice(5) : null;
    return [{ column: key, label: label(key), stroke: tie ? tieColour(tie) : '#2f6690' }];
  }

  dataFor(key) {
    return [this.metrics.step, ...this.series(key).map((s) => this.metrics.columns[s.column] || [])];
  }

  renderCharts() {
    for (const chart of this.charts.values()) chart.plot.destroy();
    this.charts.clear();
    this.grid.replaceChildren();
    this.empty = !this.metrics.step.length;
    if (this.empty) {
      this.grid.append(h('p', { class: 'muted' }, 'No steps yet.'));
      return;
    }
    const keys = [...this.selected].filter((k) => k === TIES_BY_TYPE || k in this.metrics.columns);
    for (const key of keys) {
      const unit = this.info[key]?.unit;
      const title = key === TIES_BY_TYPE ? 'ties by type' : `${label(key)}${unit ? ` (${unit})` : ''}`;
      const box = h('figure', { class: 'chart', 'data-metric': key },
        h('figcaption', { title: this.info[key]?.meaning || '' }, title));
      this.grid.append(box);
      const many = key === TIES_BY_TYPE;
      const opts = {
        width: Math.max(240, box.clientWidth - 4),
        height: many ? 220 : 150,
        scales: { x: { time: false } },
        legend: { show: many, live: false },
        cursor: { sync: { key: 'firmsim' }, drag: { x: false, y: false } },
        axes: [{ size: 28, font: '11px system-ui', stroke: '#555' },
          { size: 56, font: '11px system-ui', stroke: '#555', values: axisValues }],
        series: [{ label: 'step' }, ...this.series(key).map((s) => ({
          label: s.label, stroke: s.stroke, width: 1.6, points: { show: false } }))],
        hooks: { draw: [markerHook(() => this.marker)] },
      };
      const plot = new uPlot(opts, this.dataFor(key), box);
      this.charts.set(key, { plot, box });
    }
  }

  resize() {
    for (const { plot, box } of this.charts.values()) {
      const width = Math.max(240, box.clientWidth - 4);
      if (Math.abs(width - plot.width) > 2) plot.setSize({ width, height: plot.height });
    }
  }
}
