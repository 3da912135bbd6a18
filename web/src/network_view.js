// The firm network on a 2D canvas: ties as lines coloured by type, firms as discs coloured by
// region or stage and sized by employees; wheel to zoom, drag to pan, hover for a tooltip,
// click to select. Canvas 2D only, so it draws in headless browsers without a GPU.
import { quadtree } from 'd3-quadtree';
import { h, fill } from './dom.js';

export class NetworkView {
  constructor(container, layout, { onSelect, describe }) {
    this.layout = layout;
    this.onSelect = onSelect;
    this.describe = describe;
    this.canvas = h('canvas', { class: 'network-canvas', 'aria-label': 'firm network' });
    this.tooltip = h('div', { class: 'tooltip', hidden: true });
    container.append(this.canvas, this.tooltip);
    this.nodes = [];
    this.links = [];
    this.hiddenTypes = new Set();
    this.selected = null;
    this.hovered = null;
    this.transform = { k: 1, x: 0, y: 0 };
    this.userMoved = false;
    this.dirty = true;
    this.tree = null;
    this.drawCount = 0;
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
    this.bindPointer();
    const loop = () => {
      if (this.layout.run(10)) {
        this.dirty = true;
        this.tree = null;
      }
      if (this.dirty) this.draw();
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  /// nodes: [{id, colour, r}] (r in layout units); links: [{source, target, type, colour}].
  setScene(nodes, links) {
    this.nodes = nodes;
    this.links = links;
    this.nodeById = new Map(nodes.map((n) => [n.id, n]));
    if (this.selected != null && !this.nodeById.has(this.selected)) this.selected = null;
    this.tree = null;
    this.dirty = true;
  }

  setHiddenTypes(types) {
    this.hiddenTypes = types;
    this.dirty = true;
  }

  select(id) {
    this.selected = id;
    this.dirty = true;
  }

  fit() {
    this.userMoved = false;
    this.dirty = true;
  }

  resize() {
    const rect = this.canvas.getBoundingClientRect();
    this.width = Math.max(50, rect.width);
    this.height = Math.max(50, rect.height);
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.dirty = true;
  }

  /// Where firm `id` is drawn, in page coordinates (null when it is not drawn).
  screenPosition(id) {
    const p = this.nodeById?.has(id) && this.layout.position(id);
    if (!p) return null;
    const rect = this.canvas.getBoundingClientRect();
    const t = this.transform;
    return { x: rect.left + t.x + p.x * t.k, y: rect.top + t.y + p.y * t.k };
  }

  fitTransform() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of this.nodes) {
      const p = this.layout.position(n.id);
      if (!p) continue;
      x0 = Math.min(x0, p.x - n.r); x1 = Math.max(x1, p.x + n.r);
      y0 = Math.min(y0, p.y - n.r); y1 = Math.max(y1, p.y + n.r);
    }
    if (!(x1 > x0)) return;
    const pad = 16;
    const k = Math.min((this.width - 2 * pad) / (x1 - x0), (this.height - 2 * pad) / Math.max(1e-6, y1 - y0), 8);
    this.transform = { k, x: this.width / 2 - k * (x0 + x1) / 2, y: this.height / 2 - k * (y0 + y1) / 2 };
  }

  draw() {
    this.dirty = false;
    this.drawCount++;
    if (!this.userMoved) this.fitTransform();
    const ctx = this.canvas.getContext('2d');
    const { k, x, y } = this.transform;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.translate(x, y);
    ctx.scale(k, k);
    const pos = (id) => this.layout.position(id);
    const sel = this.selected;
    const neighbours = new Set();
    const byColour = new Map();
    const selectedLinks = [];
    for (const l of this.links) {
      if (this.hiddenTypes.has(l.type)) continue;
      if (sel != null && (l.source === sel || l.target === sel)) {
        selectedLinks.push(l);
        neighbours.add(l.source === sel ? l.target : l.source);
        continue;
      }
      let list = byColour.get(l.colour);
      if (!list) byColour.set(l.colour, (list = []));
      list.push(l);
    }
    ctx.lineWidth = 0.8 / k;
    // Dense networks get fainter ties, so the firms (their colours) stay visible.
    const density = Math.sqrt(800 / Math.max(800, this.links.length));
    ctx.globalAlpha = (sel != null ? 0.12 : 0.45) * Math.max(0.2, density);
    for (const [colour, list] of byColour) {
      ctx.strokeStyle = colour;
      ctx.beginPath();
      for (const l of list) {
        const a = pos(l.source), b = pos(l.target);
        if (!a || !b) continue;
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
      }
      ctx.stroke();
    }
    const nodeGroups = new Map();
    for (const n of this.nodes) {
      let list = nodeGroups.get(n.colour);
      if (!list) nodeGroups.set(n.colour, (list = []));
      list.push(n);
    }
    ctx.globalAlpha = sel != null ? 0.3 : 1;
    ctx.lineWidth = 0.6 / k;
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    for (const [colour, list] of nodeGroups) {
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (const n of list) {
        const p = pos(n.id);
        if (!p) continue;
        ctx.moveTo(p.x + n.r, p.y);
        ctx.arc(p.x, p.y, n.r, 0, 2 * Math.PI);
      }
      ctx.fill();
      if (k * 2 > 1.5) ctx.stroke();
    }
    if (sel != null) this.drawSelection(ctx, selectedLinks, neighbours, k);
    if (this.hovered != null && this.nodeById.has(this.hovered)) {
      const n = this.nodeById.get(this.hovered), p = pos(n.id);
      if (p) {
        ctx.globalAlpha = 1;
        ctx.lineWidth = 1.5 / k;
        ctx.strokeStyle = '#111';
        ctx.beginPath();
        ctx.arc(p.x, p.y, n.r + 2 / k, 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
  }

  drawSelection(ctx, links, neighbours, k) {
    const pos = (id) => this.layout.position(id);
    ctx.globalAlpha = 0.95;
    ctx.lineWidth = 2 / k;
    for (const l of links) {
      const a = pos(l.source), b = pos(l.target);
      if (!a || !b) continue;
      ctx.strokeStyle = l.colour;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    for (const id of [...neighbours, this.selected]) {
      const n = this.nodeById.get(id), p = pos(id);
      if (!n || !p) continue;
      ctx.fillStyle = n.colour;
      ctx.beginPath();
      ctx.arc(p.x, p.y, n.r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.lineWidth = (id === this.selected ? 2.5 : 1) / k;
      ctx.strokeStyle = id === this.selected ? '#111' : '#fff';
      ctx.stroke();
    }
  }

  hit(clientX, clientY) {
    const rect = this.canvas.getBoundingClientRect();
    const t = this.transform;
    const wx = (clientX - rect.left - t.x) / t.k, wy = (clientY - rect.top - t.y) / t.k;
    if (!this.tree) {
      this.tree = quadtree()
        .x((n) => this.layout.position(n.id)?.x ?? 0)
        .y((n) => this.layout.position(n.id)?.y ?? 0)
        .addAll(this.nodes.filter((n) => this.layout.position(n.id)));
    }
    const n = this.tree.find(wx, wy, Math.max(8 / t.k, 1));
    if (!n) return null;
    const p = this.layout.position(n.id);
    return Math.hypot(p.x - wx, p.y - wy) <= Math.max(n.r, 6 / t.k) ? n.id : null;
  }

  bindPointer() {
    const c = this.canvas;
    let drag = null;
    c.addEventListener('mousedown', (e) => {
      drag = { x: e.clientX, y: e.clientY, tx: this.transform.x, ty: this.transform.y, moved: false };
    });
    window.addEventListener('mouseup', (e) => {
      if (!drag) return;
      const wasClick = !drag.moved && e.target === c;
      drag = null;
      if (wasClick) this.onSelect(this.hit(e.clientX, e.clientY));
    });
    c.addEventListener('mousemove', (e) => {
      if (drag) {
        const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
          this.userMoved = true;
          this.transform = { ...this.transform, x: drag.tx + dx, y: drag.ty + dy };
          this.dirty = true;
        }
        return;
      }
      const id = this.hit(e.clientX, e.clientY);
      if (id !== this.hovered) {
        this.hovered = id;
        this.dirty = true;
      }
      this.showTooltip(id, e);
    });
    c.addEventListener('mouseleave', () => {
      this.hovered = null;
      this.tooltip.hidden = true;
      this.dirty = true;
    });
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      const rect = c.getBoundingClientRect();
      const mx = e.clientX - rect.left, my = e.clientY - rect.top;
      const t = this.transform;
      const k = Math.min(40, Math.max(0.05, t.k * Math.exp(-e.deltaY * 0.0015)));
      this.transform = { k, x: mx - ((mx - t.x) * k) / t.k, y: my - ((my - t.y) * k) / t.k };
      this.userMoved = true;
      this.dirty = true;
    }, { passive: false });
    c.addEventListener('dblclick', () => this.fit());
  }

  showTooltip(id, e) {
    if (id == null) {
      this.tooltip.hidden = true;
      return;
    }
    fill(this.tooltip, this.describe(id));
    this.tooltip.hidden = false;
    const rect = this.canvas.getBoundingClientRect();
    const x = e.clientX - rect.left + 14, y = e.clientY - rect.top + 14;
    this.tooltip.style.left = `${Math.min(x, this.width - 220)}px`;
    this.tooltip.style.top = `${Math.min(y, this.height - 90)}px`;
  }
}
