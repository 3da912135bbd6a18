// The network explorer shared by the results page and the live demo: the network with its
// legends, the map of regions, and the panel of the selected firm.
import { h } from './dom.js';
import { firmSummary, renderFirmPanel } from './firm_panel.js';
import { ForceLayout, regionAnchors } from './layout.js';
import { renderNodeLegend, renderTieLegend, stageName } from './legend.js';
import { MapView } from './map_view.js';
import { NetworkView } from './network_view.js';
import { categorical, stageColour, tieColour } from './palette.js';

const DIMMED = '#d5d8dc';

export class Explorer {
  constructor(root, view) {
    this.view = view;
    this.colourMode = 'region';
    this.hidden = new Set();
    this.selected = null;
    this.focusRegion = null;
    this.frame = null;
    this.maxEmployees = 1;
    this.tieTypes = view.tie_types.map((t, i) => ({ ...t, index: i, colour: tieColour(t.name, i) }));

    this.modeButtons = ['region', 'stage'].map((mode) => h('button', {
      type: 'button', class: 'chip', 'data-colour': mode, 'aria-pressed': String(mode === this.colourMode),
      onclick: () => this.setColourMode(mode),
    }, mode));
    const canvasBox = h('div', { class: 'network-box' });
    this.tieLegend = h('div', { class: 'legend', id: 'tie-legend' });
    this.nodeLegend = h('div', { class: 'legend', id: 'node-legend' });
    this.networkNote = h('p', { class: 'note', id: 'sample-note' });
    const mapBox = h('div', { class: 'map-box' });
    this.panel = h('section', { class: 'panel firm-panel', id: 'firm-panel' });
    root.append(
      h('section', { class: 'panel network-panel' },
        h('div', { class: 'panel-head' }, h('h2', {}, 'Network of firms'),
          h('div', { class: 'panel-tools' }, h('span', { class: 'muted small' }, 'colour by'), this.modeButtons,
            h('button', { type: 'button', class: 'chip', onclick: () => this.network.fit(), title: 'fit the whole network (or double-click it)' }, 'fit'))),
        canvasBox, h('div', { class: 'legends' }, this.tieLegend, this.nodeLegend), this.networkNote),
      h('aside', { class: 'side' },
        h('section', { class: 'panel map-panel' },
          h('div', { class: 'panel-head' }, h('h2', {}, 'Regions and clusters')),
          h('p', { class: 'muted small' }, 'Disc area: firms in the region. Lines: ties between regions. Click a region to highlight its firms.'),
          mapBox),
        this.panel));
    this.layout = new ForceLayout();
    this.network = new NetworkView(canvasBox, this.layout, {
      onSelect: (id) => this.select(id),
      describe: (id) => firmSummary(this.view, this.frame, id),
    });
    this.map = new MapView(mapBox, view, {
      onRegion: (i) => {
        this.focusRegion = this.focusRegion === i ? null : i;
        this.refresh();
      },
    });
    this.setNote(view.sample_note);
  }

  setNote(note) {
    this.networkNote.textContent = note || '';
    this.networkNote.hidden = !note;
  }

  /// Lays out the union of the firms and ties of `frames` (positions persist across calls).
  layoutFrames(frames, alpha = 1) {
    const last = frames[frames.length - 1];
    const counts = last ? last.raw.region_firms || [] : [];
    const anchors = regionAnchors(this.view.regions, this.view.countries || [], counts);
    const nodes = new Map();
    const links = [];
    for (const f of frames) {
      f.firms.id.forEach((id, i) => {
        const a = anchors[f.firms.region[i]] || { x: 0, y: 0 };
        nodes.set(id, { id, ax: a.x, ay: a.y });
      });
      f.ties.source.forEach((src, k) => links.push({ source: src, target: f.ties.target[k] }));
      for (const v of f.firms.employees || []) if (v > this.maxEmployees) this.maxEmployees = v;
    }
    this.layout.setGraph([...nodes.values()], links, alpha);
  }

  colourOf(frame, i) {
    if (this.focusRegion != null && frame.firms.region[i] !== this.focusRegion) return DIMMED;
    if (this.colourMode === 'stage') return stageColour(frame.value('stage', i) ?? 0, this.view.stages || 1);
    return categorical(frame.firms.region[i]);
  }

  setColourMode(mode) {
    this.colourMode = mode;
    for (const b of this.modeButtons) b.setAttribute('aria-pressed', String(b.dataset.colour === mode));
    this.refresh();
  }

  show(frame) {
    this.frame = frame;
    this.refresh();
  }

  refresh() {
    const frame = this.frame;
    if (!frame) return;
    const emp = frame.firms.employees;
    const nodes = frame.firms.id.map((id, i) => ({
      id, colour: this.colourOf(frame, i),
      r: emp ? 1.8 + 7 * Math.sqrt(Math.max(0, emp[i] || 0) / this.maxEmployees) : 3,
    }));
    const t = frame.ties;
    const counts = new Map();
    const links = t.source.map((src, k) => {
      counts.set(t.type[k], (counts.get(t.type[k]) || 0) + 1);
      return { source: src, target: t.target[k], type: t.type[k], colour: this.tieTypes[t.type[k]]?.colour || '#999' };
    });
    this.network.setScene(nodes, links);
    this.network.setHiddenTypes(this.hidden);
    renderTieLegend(this.tieLegend, this.tieTypes, counts, this.hidden, (type) => {
      if (this.hidden.has(type)) this.hidden.delete(type);
      else this.hidden.add(type);
      this.refresh();
    });
    if (this.colourMode === 'stage') {
      const stages = this.view.stages || 1 + Math.max(0, ...(frame.firms.stage || [0]));
      renderNodeLegend(this.nodeLegend, 'Firms by stage',
        Array.from({ length: stages }, (_, s) => ({ label: stageName(s, stages), colour: stageColour(s, stages) })));
    } else {
      renderNodeLegend(this.nodeLegend, 'Firms by region',
        this.view.regions.map((r, i) => ({ label: r.name, colour: categorical(i) })));
    }
    this.map.update(frame, this.focusRegion);
    renderFirmPanel(this.panel, this.view, frame, this.selected, (id) => this.select(id));
  }

  select(id) {
    this.selected = id;
    this.network.select(id);
    if (this.frame) renderFirmPanel(this.panel, this.view, this.frame, id, (next) => this.select(next));
  }
}
