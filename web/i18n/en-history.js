// English strings of "Return rates over time" (web/history.js), loaded with it; the markup's own English is in
// sections/history.html.
export default {
  historyChartTitle: 'Return rates over time: {name}',
  historyDesc: '{name}: {n} published return rates from {first} to {last}. Deposit changes marked: {m}.',
  historyPoint: '{name}, {year}: {rate} returned',
  historyChange: 'Deposit change on {date}: {from} → {to} ({kind})',
  historyStart: 'Deposit starts on {date}: {to} ({kind})',
  historyAxisYear: 'Year',
  historyAxisRate: 'Return rate',
};
