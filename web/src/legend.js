// Legends: tie types (grouped by domain, click to hide or show a type) and node colours.
import { h, fill } from './dom.js';
import { fmt, label } from './format.js';
import { DOMAIN_LABELS } from './palette.js';

const STAGE_NAMES_4 = ['materials', 'components', 'modules', 'final goods'];

export function stageName(stage, stages) {
  return stages === 4 && STAGE_NAMES_4[stage] ? `${stage} · ${STAGE_NAMES_4[stage]}` : `stage ${stage}`;
}

/// types: [{name, domain, colour, index}], counts: Map index -> ties in the frame.
export function renderTieLegend(container, types, counts, hidden, onToggle) {
  const groups = new Map();
  for (const t of types) {
    if (!counts.get(t.index) && !hidden.has(t.index)) continue;
    if (!groups.has(t.domain)) groups.set(t.domain, []);
    groups.get(t.domain).push(t);
  }
  const body = [...groups].map(([domain, list]) =>
    h('div', { class: 'legend-group' },
      h('span', { class: 'legend-domain' }, DOMAIN_LABELS[domain] || domain),
      list.map((t) =>
        h('button', {
          class: 'legend-item', type: 'button', 'aria-pressed': String(!hidden.has(t.index)),
          title: hidden.has(t.index) ? 'show these ties' : 'hide these ties',
          onclick: () => onToggle(t.index),
        }, h('span', { class: 'swatch line', style: { background: t.colour } }),
        `${label(t.name)} (${fmt(counts.get(t.index) || 0)})`))));
  fill(container, 
    h('div', { class: 'legend-title' }, 'Tie types'),
    body.length ? body : h('span', { class: 'muted' }, 'no ties at this step'));
}

/// entries: [{label, colour}]
export function renderNodeLegend(container, title, entries) {
  fill(container, 
    h('div', { class: 'legend-title' }, title),
    h('div', { class: 'legend-group' },
      entries.map((e) => h('span', { class: 'legend-item static' },
        h('span', { class: 'swatch dot', style: { background: e.colour } }), e.label))),
    h('div', { class: 'muted small' }, 'Disc area grows with employees.'));
}
