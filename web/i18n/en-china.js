// English strings of "If China had a deposit" (web/china.js), loaded with it; the markup's own English is in
// sections/china.html.
export default {
  chinaBand: 'Likely between {low} and {high} (80% band), at the pilot\'s deposit as the model reads it: {deposit} a container on average.',
  chinaPriceBy: '{price}: {who}, {year}.',
  chinaBasis: 'What this rests on: {people} people at the end of {year} ({source}). {basis} Change the number to see the totals follow. (Assumed: {per}.)',
  chinaPlaced: 'Of {placed} placed: {people} people × {per} each.',
  chinaUnclaimed: 'Unclaimed and kept by the scheme: {money}.',
  chinaChartTitle: 'Projected return rate of the China pilot at four deposits',
  chinaChartDesc: 'Projected return rate by deposit per container: {points}.',
  chinaListSep: '; ',
  chinaPoint: 'Deposit {deposit}: {rate} returned (80% band {low}–{high})',
  chinaAxisDeposit: 'Deposit per container',
  chinaAxisRate: 'Return rate',
  chinaUnavailable: 'The China pilot could not be projected.',
};
