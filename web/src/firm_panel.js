// The panel of one firm: its state, its ties (with why each formed) and its recent tie events.
import { h, fill } from './dom.js';
import { fmt, label, stepLabel } from './format.js';
import { stageName } from './legend.js';
import { tieColour } from './palette.js';

const MAX_TIES = 80;
const MAX_EVENTS = 10;

function reasonText(view, reason, start) {
  if (reason != null && reason >= 0) return view.reasons[reason] ?? '';
  if (start != null && start <= 0) return 'in place from the start';
  return 'not recorded';
}

function identity(view, frame, i) {
  const region = view.regions[frame.firms.region[i]];
  const size = view.size_classes[frame.firms.size_class[i]];
  const stage = frame.value('stage', i);
  return [region ? `${region.name} (${region.country})` : null,
    stage != null ? stageName(stage, view.stages) : null, size ? label(size) : null].filter(Boolean).join(' · ');
}

/// A short description for the tooltip.
export function firmSummary(view, frame, id) {
  const i = frame.index.get(id);
  if (i == null) return h('span', {}, `firm ${id}`);
  const emp = frame.value('employees', i);
  return h('div', {},
    h('strong', {}, `Firm ${id}`), h('br'), identity(view, frame, i), h('br'),
    `${emp != null ? `${fmt(emp)} employees · ` : ''}${fmt(frame.tiesOf(id).length)} ties drawn`,
    h('br'), h('span', { class: 'muted' }, 'click for details'));
}

function tieRows(view, frame, id, onSelect) {
  const t = frame.ties;
  const rows = frame.tiesOf(id).map((k) => {
    const type = view.tie_types[t.type[k]] || { name: '?', two_way: false };
    const out = t.source[k] === id;
    const partner = out ? t.target[k] : t.source[k];
    const dir = type.two_way ? '↔' : out ? '→' : '←';
    const title = type.two_way ? 'two-way tie' : out ? 'this firm gives (supplies, licenses) to the partner'
      : 'this firm receives from the partner';
    return { k, type, partner, dir, title };
  }).sort((a, b) => a.type.name.localeCompare(b.type.name) || a.partner - b.partner);
  return rows.slice(0, MAX_TIES).map(({ k, type, partner, dir, title }) => h('tr', {},
    h('td', {}, h('span', { class: 'swatch line', style: { background: tieColour(type.name, t.type[k]) } }), label(type.name)),
    h('td', { title }, dir, ' ', h('button', { type: 'button', class: 'link', onclick: () => onSelect(partner) }, `#${partner}`)),
    h('td', { class: 'num' }, fmt(t.trust[k])),
    h('td', { class: 'num' }, fmt(t.start_step[k])),
    h('td', { class: 'why' }, reasonText(view, t.reason[k], t.start_step[k])))).concat(
    rows.length > MAX_TIES ? [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, `and ${rows.length - MAX_TIES} more`))] : []);
}

function eventRows(view, frame, id, onSelect) {
  const e = view.events;
  if (!e || !e.step) return null;
  const found = [];
  for (let i = e.step.length - 1; i >= 0 && found.length < MAX_EVENTS; i--) {
    if (e.step[i] > frame.step || (e.source[i] !== id && e.target[i] !== id)) continue;
    found.push(i);
  }
  if (!found.length) return h('p', { class: 'muted small' }, 'No tie events of this firm up to this step.');
  return h('ul', { class: 'events' }, found.map((i) => {
    const partner = e.source[i] === id ? e.target[i] : e.source[i];
    const type = view.tie_types[e.type[i]]?.name ?? '?';
    return h('li', {}, `${stepLabel(e.step[i])}: ${e.formed[i] ? 'formed' : 'ended'} ${label(type)} with `,
      h('button', { type: 'button', class: 'link', onclick: () => onSelect(partner) }, `#${partner}`),
      view.reasons[e.reason[i]] ? h('span', { class: 'muted' }, ` — ${view.reasons[e.reason[i]]}`) : null);
  }));
}

export function renderFirmPanel(container, view, frame, id, onSelect) {
  if (id == null) {
    fill(container, h('h2', {}, 'Firm'),
      h('p', { class: 'muted' }, 'Hover over a firm in the network for a summary; click it for its state, its ties and why each formed.'));
    return;
  }
  const i = frame.index.get(id);
  if (i == null) {
    fill(container, h('h2', {}, `Firm ${id}`),
      h('p', { class: 'muted' }, `Not alive (or not drawn) at ${stepLabel(frame.step)}.`),
      h('button', { type: 'button', class: 'link', onclick: () => onSelect(null) }, 'close'));
    return;
  }
  const values = frame.valueColumns.filter((c) => c !== 'stage').map((c) =>
    h('tr', {}, h('th', {}, label(c)), h('td', { class: 'num' }, fmt(frame.value(c, i)))));
  const ties = tieRows(view, frame, id, onSelect);
  const events = eventRows(view, frame, id, onSelect);
  fill(container, 
    h('div', { class: 'panel-head' }, h('h2', {}, `Firm ${id}`),
      h('button', { type: 'button', class: 'link', onclick: () => onSelect(null), title: 'close' }, '✕')),
    h('p', { class: 'firm-identity' }, identity(view, frame, i), h('span', { class: 'muted' }, ` · at ${stepLabel(frame.step)}`)),
    h('table', { class: 'kv' }, values),
    h('h3', {}, `Ties (${frame.tiesOf(id).length})`),
    ties.length ? h('table', { class: 'ties' },
      h('thead', {}, h('tr', {}, h('th', {}, 'type'), h('th', {}, 'partner'), h('th', {}, 'trust'),
        h('th', {}, 'since'), h('th', {}, 'why it formed'))),
      h('tbody', {}, ties)) : h('p', { class: 'muted small' }, 'No ties among the drawn firms.'),
    events ? h('h3', {}, 'Recent tie events') : null, events);
}
