// Regions on a plane by their position (x_km, y_km): discs sized by the number of firms
// (cluster size), lines for the ties between regions (the region-level network).
import { h, s, fill } from './dom.js';
import { fmt } from './format.js';
import { COUNTRY_COLOURS } from './palette.js';

const W = 480, H = 300, PAD = 34;

export class MapView {
  constructor(container, view, { onRegion }) {
    this.view = view;
    this.onRegion = onRegion;
    this.regions = view.regions || [];
    this.countries = view.countries?.length ? view.countries : [...new Set(this.regions.map((r) => r.country))];
    this.focusCountry = null;
    this.known = this.regions.length > 0 && this.regions.every((r) => r.x_km != null && r.y_km != null);
    this.controls = h('div', { class: 'map-controls' });
    this.svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', 'aria-label': 'map of regions' });
    container.append(this.controls, this.known ? this.svg
      : h('p', { class: 'muted' }, 'Region positions are not in this folder (summary.json is missing).'));
    this.renderControls();
  }

  renderControls() {
    if (this.countries.length < 2) return;
    const button = (name, text) => h('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(this.focusCountry === name),
      onclick: () => { this.focusCountry = name; this.renderControls(); this.update(this.frame, this.selectedRegion); },
    }, text);
    fill(this.controls, h('span', { class: 'muted small' }, 'Zoom to '),
      button(null, 'all'), this.countries.map((c) => button(c, c)));
  }

  update(frame, selectedRegion = null) {
    this.frame = frame;
    this.selectedRegion = selectedRegion;
    if (!this.known || !frame) return;
    const counts = frame.raw.region_firms || [];
    const shown = this.regions.map((r, i) => ({ r, i }))
      .filter((x) => this.focusCountry == null || x.r.country === this.focusCountry);
    let x0 = Math.min(...shown.map((x) => x.r.x_km)), x1 = Math.max(...shown.map((x) => x.r.x_km));
    let y0 = Math.min(...shown.map((x) => x.r.y_km)), y1 = Math.max(...shown.map((x) => x.r.y_km));
    const span = Math.max(x1 - x0, y1 - y0, 1);
    const k = Math.min((W - 2 * PAD) / Math.max(x1 - x0, span * 0.05), (H - 2 * PAD) / Math.max(y1 - y0, span * 0.05));
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const px = (r) => W / 2 + (r.x_km - cx) * k, py = (r) => H / 2 - (r.y_km - cy) * k;
    let minDist = Infinity;
    for (let a = 0; a < shown.length; a++)
      for (let b = a + 1; b < shown.length; b++)
        minDist = Math.min(minDist, Math.hypot(px(shown[a].r) - px(shown[b].r), py(shown[a].r) - py(shown[b].r)));
    const rMax = Math.max(7, Math.min(30, 0.5 * minDist));
    const maxCount = Math.max(1, ...counts);
    const radius = (i) => 2.5 + (rMax - 2.5) * Math.sqrt((counts[i] || 0) / maxCount);
    const links = (frame.raw.region_ties || []).filter(([a, b]) => a !== b);
    const local = new Map((frame.raw.region_ties || []).filter(([a, b]) => a === b).map(([a, , n]) => [a, n]));
    const maxLink = Math.max(1, ...links.map((l) => l[2]));
    const countryIndex = (name) => Math.max(0, this.countries.indexOf(name));
    const scaleKm = niceScale(120 / k);
    fill(this.svg, 
      s('rect', { x: 0, y: 0, width: W, height: H, class: 'map-bg' }),
      links.map(([a, b, n]) => s('line', {
        x1: px(this.regions[a]), y1: py(this.regions[a]), x2: px(this.regions[b]), y2: py(this.regions[b]),
        class: 'map-link', 'stroke-width': 0.6 + 4 * Math.sqrt(n / maxLink),
      }, s('title', {}, `${this.regions[a].name} – ${this.regions[b].name}: ${fmt(n)} ties`))),
      shown.map(({ r, i }) => s('g', {
        class: `map-region${selectedRegion === i ? ' selected' : ''}`,
        transform: `translate(${px(r)},${py(r)})`, onclick: () => this.onRegion?.(i),
      },
      s('circle', { r: radius(i), fill: COUNTRY_COLOURS[countryIndex(r.country) % COUNTRY_COLOURS.length] }),
      s('text', { y: radius(i) + 11, class: 'map-label' }, `${r.name} ${fmt(counts[i] || 0)}`),
      s('title', {}, `${r.name} (${r.country}): ${fmt(counts[i] || 0)} firms, ${fmt(local.get(i) || 0)} local ties\n` +
        `position ${fmt(r.x_km)} km east, ${fmt(r.y_km)} km north`))),
      s('g', { transform: `translate(${PAD - 20},${H - 12})`, class: 'map-scale' },
        s('line', { x1: 0, y1: 0, x2: scaleKm * k, y2: 0 }),
        s('text', { x: scaleKm * k + 4, y: 3 }, `${fmt(scaleKm)} km`)),
      s('g', { transform: `translate(${W - 8},14)`, class: 'map-key' },
        this.countries.map((c, j) => s('g', { transform: `translate(0,${j * 14})` },
          s('circle', { cx: -4, cy: -4, r: 4, fill: COUNTRY_COLOURS[j % COUNTRY_COLOURS.length] }),
          s('text', { x: -12, y: 0, 'text-anchor': 'end' }, c)))));
  }
}

function niceScale(km) {
  const p = 10 ** Math.floor(Math.log10(Math.max(km, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= km) return m * p;
  return 10 * p;
}

export function mapPlaceholder() {
  return h('p', { class: 'muted' }, 'No regions.');
}
