// Force-directed layout of the firm network (d3-force), computed incrementally so that the page
// stays responsive: each animation frame runs ticks for a few milliseconds. Firms are pulled
// weakly towards an anchor for their region, so regional clusters stay recognisable.
import { forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';

function hash(id) {
  let x = (id + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

/// Anchors per region: countries around a large circle, each country's regions around a smaller
/// one in the order of their bearing from the country's centre, radii growing with firm counts.
export function regionAnchors(regions, countries, counts) {
  const names = countries.length ? countries : [...new Set(regions.map((r) => r.country))];
  const groups = names.map((name) => regions.map((r, i) => ({ r, i })).filter((x) => x.r.country === name));
  const orphans = regions.map((r, i) => ({ r, i })).filter((x) => !names.includes(x.r.country));
  if (orphans.length) groups.push(orphans);
  const anchors = regions.map(() => ({ x: 0, y: 0 }));
  const size = (i) => 9 * Math.sqrt(Math.max(1, counts[i] || 1));
  const countryRadius = groups.map((g) => {
    const total = g.reduce((a, x) => a + 2.4 * size(x.i), 0);
    return g.length > 1 ? total / (2 * Math.PI) + 20 : 0;
  });
  const outer = groups.length > 1
    ? groups.reduce((a, g, k) => a + 2 * countryRadius[k] + 3 * size(g[0]?.i ?? 0), 0) / (2 * Math.PI)
    : 0;
  groups.forEach((g, k) => {
    const angle = (2 * Math.PI * k) / groups.length - Math.PI;
    const cx = outer * Math.cos(angle), cy = outer * Math.sin(angle);
    const mx = g.reduce((a, x) => a + (x.r.x_km ?? 0), 0) / Math.max(1, g.length);
    const my = g.reduce((a, x) => a + (x.r.y_km ?? 0), 0) / Math.max(1, g.length);
    const ordered = [...g].sort((a, b) =>
      Math.atan2(-(a.r.y_km ?? 0) + my, (a.r.x_km ?? 0) - mx) - Math.atan2(-(b.r.y_km ?? 0) + my, (b.r.x_km ?? 0) - mx));
    ordered.forEach((x, j) => {
      const t = (2 * Math.PI * j) / ordered.length;
      anchors[x.i] = { x: cx + countryRadius[k] * Math.cos(t), y: cy + countryRadius[k] * Math.sin(t) };
    });
  });
  return anchors;
}

export class ForceLayout {
  constructor() {
    this.positions = new Map();
    this.simulation = forceSimulation([])
      .stop()
      .alphaDecay(0.03)
      .velocityDecay(0.45)
      .force('charge', forceManyBody().strength(-14).distanceMax(220).theta(0.95))
      .force('link', forceLink([]).id((d) => d.id).distance(16).strength(0.25))
      .force('x', forceX((d) => d.ax).strength(0.06))
      .force('y', forceY((d) => d.ay).strength(0.06));
  }

  /// nodes: [{id, ax, ay}] (ax, ay: anchor); links: [{source, target}] by firm id.
  setGraph(nodes, links, alpha = 1) {
    const known = this.positions;
    const neighbour = new Map();
    for (const l of links) {
      if (known.has(l.source) && !known.has(l.target)) neighbour.set(l.target, known.get(l.source));
      if (known.has(l.target) && !known.has(l.source)) neighbour.set(l.source, known.get(l.target));
    }
    const simNodes = nodes.map((n) => {
      let p = known.get(n.id);
      if (!p) {
        const near = neighbour.get(n.id);
        const a = 2 * Math.PI * hash(n.id), d = (near ? 8 : 30) * Math.sqrt(hash(n.id * 7 + 3));
        p = { id: n.id, x: (near ? near.x : n.ax) + d * Math.cos(a), y: (near ? near.y : n.ay) + d * Math.sin(a) };
        known.set(n.id, p);
      }
      p.ax = n.ax;
      p.ay = n.ay;
      return p;
    });
    const present = new Set(nodes.map((n) => n.id));
    const seen = new Set();
    const simLinks = [];
    for (const l of links) {
      if (l.source === l.target || !present.has(l.source) || !present.has(l.target)) continue;
      const key = l.source < l.target ? `${l.source}:${l.target}` : `${l.target}:${l.source}`;
      if (seen.has(key)) continue;
      seen.add(key);
      simLinks.push({ source: l.source, target: l.target });
    }
    this.simulation.nodes(simNodes);
    this.simulation.force('link').links(simLinks);
    this.simulation.alpha(alpha);
  }

  /// Runs ticks for at most `budgetMs`; true while the layout is still moving.
  run(budgetMs) {
    const start = performance.now();
    while (this.active() && performance.now() - start < budgetMs) this.simulation.tick();
    return this.active();
  }

  active() {
    return this.simulation.alpha() > this.simulation.alphaMin();
  }

  position(id) {
    return this.positions.get(id);
  }
}
