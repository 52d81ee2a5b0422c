// The start data as JSON files, which from: 'json' reads instead of start.bin (the core's snapshot of them): a module
// of its own, imported only then, so the page's first load does not carry the list.
export default ['factors/emission_factors.json', 'factors/container_masses.json', 'factors/energy.json',
  'factors/equivalents.json', 'factors/carbon_prices.json', 'factors/money_conversion.json', 'model/return_rate.json'];
