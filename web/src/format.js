// Number and name formatting for labels, tooltips and tables.
export function fmt(v) {
  if (v == null || Number.isNaN(v)) return '–';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e9) return v.toLocaleString('en-US');
  if (a >= 1e7 || (a > 0 && a < 1e-3)) return v.toExponential(2);
  return v.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

export function label(name) {
  return String(name).replaceAll('_', ' ');
}

export function stepLabel(step) {
  return step < 0 ? 'start' : `step ${step}`;
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 });

/// Axis tick labels that fit a narrow axis: 250,000 as 250K.
export function axisValues(u, values) {
  return values.map((v) => (v == null ? '' : Math.abs(v) >= 1e4 ? COMPACT.format(v) : fmt(v)));
}
