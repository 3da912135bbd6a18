// Colours: tie types by domain (R&D blues and greens, production oranges and reds,
// distribution purples, information grey), regions and countries by a categorical palette,
// stages by a sequential one.
const TIE_COLOURS = {
  licensing: '#1f4e9c',
  second_source: '#3f7fd0',
  cross_licensing: '#74a9e0',
  rd_partnership: '#0f8b8d',
  consortium: '#2bb3a0',
  university: '#4caf50',
  subcontracting: '#e07b00',
  oem: '#c0392b',
  ownership: '#7b3a1e',
  joint_venture: '#d9a400',
  modular_supply: '#e85d75',
  franchising: '#8e44ad',
  joint_marketing: '#c27ad6',
  knowledge_exchange: '#7a7a7a',
};

export const DOMAIN_LABELS = {
  rd: 'R&D',
  production: 'Production',
  distribution: 'Distribution',
  information: 'Information',
  other: 'Other',
};

const CATEGORICAL = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#17becf', '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#a6761d',
];

const STAGE_STOPS = [[59, 15, 112], [140, 41, 129], [222, 73, 104], [254, 159, 109]];

export function tieColour(name, index = 0) {
  return TIE_COLOURS[name] || CATEGORICAL[(index + 7) % CATEGORICAL.length];
}

export function categorical(i) {
  return CATEGORICAL[((i % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length];
}

export function stageColour(stage, stages) {
  const t = stages > 1 ? Math.min(1, Math.max(0, stage / (stages - 1))) : 0;
  const x = t * (STAGE_STOPS.length - 1);
  const i = Math.min(STAGE_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const c = STAGE_STOPS[i].map((v, k) => Math.round(v + f * (STAGE_STOPS[i + 1][k] - v)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export const COUNTRY_COLOURS = ['#2f6690', '#d1495b', '#3a7d44', '#8e6c8a', '#c97c10', '#5d6d7e'];
