// English strings of the CO2e and energy "how is this computed" breakdown (web/impact-how.js), loaded with it.
export default {
  impactCo2Row: '{kind}: {n} returned × {g} g = {kg} kg × {factor} kg CO2e per kg = {co2} kg CO2e',
  impactEnergyRow: '{kind}: {kg} kg × {factor} MJ per kg = {mj} MJ',
  impactNoFactor: '{kind}: {kg} kg, no factor for this material (not counted)',
  impactUsFactors: 'These CO2e factors are the US EPA’s (WARM), worked out for the US electricity grid and US landfills. The data has no sourced factors for {place}, so the US ones stand in for them here.',
};
