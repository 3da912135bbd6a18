// One frame of the view (the firms alive at one step and the ties among the drawn ones), with
// lookups by firm id.
const IDENTITY_COLUMNS = new Set(['id', 'region', 'size_class']);

export class Frame {
  constructor(raw) {
    this.raw = raw;
    this.step = raw.step;
    this.firms = raw.firms;
    this.ties = raw.ties;
    this.index = new Map();
    raw.firms.id.forEach((id, i) => this.index.set(id, i));
    this.valueColumns = Object.keys(raw.firms).filter((c) => !IDENTITY_COLUMNS.has(c));
    this.adjacency = null;
  }

  get size() {
    return this.firms.id.length;
  }

  has(id) {
    return this.index.has(id);
  }

  value(column, i) {
    const col = this.firms[column];
    return col ? col[i] : undefined;
  }

  /// The indices of the ties of firm `id` (either end).
  tiesOf(id) {
    if (!this.adjacency) {
      this.adjacency = new Map();
      const add = (firm, t) => {
        let list = this.adjacency.get(firm);
        if (!list) this.adjacency.set(firm, (list = []));
        list.push(t);
      };
      this.ties.source.forEach((src, t) => {
        add(src, t);
        if (this.ties.target[t] !== src) add(this.ties.target[t], t);
      });
    }
    return this.adjacency.get(id) || [];
  }
}

/// The value columns' largest employees over all frames (node sizes stay comparable).
export function maxOf(frames, column) {
  let max = 0;
  for (const f of frames) for (const v of f.firms[column] || []) if (v > max) max = v;
  return max;
}
