// English strings of the "how is this computed" texts under each figure (web/impact-how.js), loaded with it.
export default {
  impactCo2Row: '{kind}: {n} returned × {g} g = {kg} kg × {factor} kg CO2e per kg = {co2} kg CO2e',
  impactEnergyRow: '{kind}: {kg} kg × {factor} MJ per kg = {mj} MJ',
  impactNoFactor: '{kind}: {kg} kg, no factor for this material (not counted)',
  impactUsFactors: 'These CO2e factors are the US EPA’s (WARM), worked out for the US electricity grid and US landfills. The data has no sourced factors for {place}, so the US ones stand in for them here.',
  how_deposits: 'Each container you buy is decided by the {name} rules in force on {date}: {lines}. Times 52 weeks.',
  how_refund: 'The refund for each container (the deposit, or less in half-back schemes) times the containers you return: {share} of {n}.',
  how_left: 'Deposits paid minus refunds received{fee}. Unclaimed deposits usually fund the scheme or go to the state.',
  how_fee: ', plus {fee} in non-refundable fees',
  how_co2: 'Returned containers by material × typical container mass × the {set} emission factor for recycling instead of landfilling.',
  how_energy: 'Returned mass by material × primary energy saved per kilogram recycled, converted at 3.6 MJ per kWh.',
  how_equiv: 'The CO2e avoided, divided by each equivalent’s emission factor.',
  none: 'none',
};
