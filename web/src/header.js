// The page header: title, what ran, and where from.
import { h } from './dom.js';
import { fmt } from './format.js';

export function renderHeader(app, view, subtitle) {
  const m = view.meta || {};
  const facts = [
    m.seed != null ? `seed ${m.seed}` : null,
    m.steps != null ? `${fmt(m.steps)} steps` : null,
    m.firms_alive != null ? `${fmt(m.firms_alive)} firms alive at the end` : null,
    m.ties_alive != null ? `${fmt(m.ties_alive)} ties` : null,
    m.wall_s != null ? `ran in ${fmt(m.wall_s)} s` : null,
    m.version ? `firmsim ${m.version}` : null,
  ].filter(Boolean);
  app.append(h('header', { class: 'page-head' },
    h('div', {}, h('h1', {}, h('span', { class: 'brand' }, 'firmsim'), ' ', view.title || ''),
      h('p', { class: 'muted' }, subtitle, facts.length ? ` · ${facts.join(' · ')}` : ''),
      m.description ? h('p', { class: 'description' }, m.description) : null,
      m.folder ? h('p', { class: 'muted small' }, m.folder) : null)));
}
