// The container kinds the household form offers, in the core's container IDs, and the quick-fill households.
// Volumes are common retail sizes; the scheme decides each one (a 1.5 L bottle pays more in some places).
export const KINDS = [
  { id: 'can', container: { material: 'aluminium', volumeMl: 330, category: 'soft_drink', refillable: false } },
  { id: 'pet500', container: { material: 'pet', volumeMl: 500, category: 'water', refillable: false } },
  { id: 'pet1500', container: { material: 'pet', volumeMl: 1500, category: 'soft_drink', refillable: false } },
  { id: 'beer', container: { material: 'glass', volumeMl: 330, category: 'beer', refillable: false } },
  { id: 'wine', container: { material: 'glass', volumeMl: 750, category: 'wine', refillable: false } },
  { id: 'juice', container: { material: 'carton', volumeMl: 1000, category: 'juice', refillable: false } },
  { id: 'milk', container: { material: 'hdpe', volumeMl: 2000, category: 'dairy', refillable: false } },
  // Shown only where the chosen scheme has a refillable deposit (the core's summary says so); the core decides it.
  { id: 'refill', container: { material: 'glass', volumeMl: 500, category: 'beer', refillable: true } },
];

// Illustrative weekly households for the quick-fill buttons (not statistics: a starting point to edit).
export const HOUSEHOLDS = {
  single: { can: 4, pet500: 3, pet1500: 1, beer: 2, wine: 0, juice: 1, milk: 1, refill: 0 },
  couple: { can: 6, pet500: 4, pet1500: 2, beer: 4, wine: 1, juice: 1, milk: 2, refill: 0 },
  family: { can: 10, pet500: 8, pet1500: 3, beer: 4, wine: 1, juice: 3, milk: 4, refill: 0 },
  none: { can: 0, pet500: 0, pet1500: 0, beer: 0, wine: 0, juice: 0, milk: 0, refill: 0 },
};

export const WEEKS_PER_YEAR = 52;

export function kindById(id) {
  return KINDS.find((k) => k.id === id);
}
