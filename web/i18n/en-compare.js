// English strings of "Compare" (web/compare.js), loaded with it; the markup's own English is in sections/compare.html.
export default {
  compareNone: '— none —',
  compareRowRate: 'Share returned',
  compareRowCovered: 'Containers with a deposit per year',
  compareRowCo2: 'Greenhouse gas avoided (kg CO2e)',
  compareRowEnergy: 'Energy saved (kWh)',
  compareFixFirst: 'Fix the household form above to compare.',
  compareFailed: '{name}: the core gave no answer for this household.',
};
