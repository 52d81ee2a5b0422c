// English strings of "Explore schemes" (the chart, the what-if and its errors), loaded with that section.
export default {
  axisDeposit: 'Refund per container (US cents, 2022 prices, log scale)',
  axisDepositShort: 'Refund, US cents (log scale)',
  axisRate: 'Return rate',
  chartDesc: '{n} jurisdictions with a published return rate. Return rates rise with the deposit, from about {lo} at {loDep} to about {hi} at {hiDep} on the fitted curve.',
  whatIfPoint: 'Your what-if: {rate} expected ({low} to {high})',
  projectionBand: '80% band: {low} to {high}',
  how_projection: 'The return-rate model ({model}) gives the expected rate and its 80% band for this refund; containers placed on the market × rate gives returns, the rest of the deposits go unclaimed. CO2e uses {set}.',
  errDeposit: 'Enter the deposit as an amount, like 0.10.',
  errWholeNumber: 'Enter a whole number, like 1000000.',
  errPositive: 'Enter a number above zero.',
  errTooLarge: 'That number is too large.',
  perCapita: '{n} per person',
  million: '{n} million',
  billion: '{n} billion',
};
