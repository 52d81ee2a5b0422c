// "How is this computed?" for CO2e and energy: per kind of container, the mass returned and the factor applied (each
// kind asked of the core alone, so every number is the core's), and, where the CO2e factors are the US EPA's for a
// place outside the US, a note saying so. Loaded after the first figures, like the deposit explainer.
import { addStrings, formatLocale, t, $, el, KINDS } from './page-kit.js';
import strings from './i18n/en-impact.js';

const stringsReady = addStrings(strings, () => import('./i18n/zh-impact.js'));

// The core's impact of one kind alone, at the household's return rate (so no model band is drawn).
function kindImpact(rl, scheme, h, i) {
  const line = h.lines[i];
  const one = rl.household({ scheme: scheme.id, lines: [{ container: KINDS[i].container, count: line.perYear, per: 'year' }], returnRate: h.returnRate.rate });
  return one.error ? null : one.impact;
}

/** Writes the breakdown under the CO2e and energy methods of the result h (place: the scheme's name as shown). */
export async function explainImpact({ rl, root, scheme, place, h, fresh }) {
  await stringsReady;
  if (!fresh()) return;
  const num = (v, digits = 0) => { const s = rl.formatNumber(v, formatLocale(), digits); return typeof s === 'string' ? s : '—'; };
  const co2 = [];
  const energy = [];
  h.lines.forEach((line, i) => {
    if (!line.returnedPerYear) return;
    const impact = kindImpact(rl, scheme, h, i);
    if (!impact || !impact.massKg) return;
    const kind = t(`kind_${KINDS[i].id}`);
    const kg = num(impact.massKg, 2);
    co2.push(impact.kgCo2e ? t('impactCo2Row', { kind, n: num(line.returnedPerYear), g: num(line.massG, 1), kg,
      factor: num(impact.kgCo2e / impact.massKg, 2), co2: num(impact.kgCo2e, 1) }) : t('impactNoFactor', { kind, kg }));
    energy.push(impact.mj ? t('impactEnergyRow', { kind, kg, factor: num(impact.mj / impact.massKg, 1), mj: num(impact.mj) })
      : t('impactNoFactor', { kind, kg }));
  });
  const usFactors = h.factorSourceIds.co2.includes('warm-v16') && scheme.country !== 'US';
  for (const [id, rows, note] of [['m-co2', co2, usFactors && t('impactUsFactors', { place })], ['m-energy', energy, '']]) {
    $(`#${id}-kinds`, root)?.remove();
    $(`#${id}`, root).after(el('ul', { id: `${id}-kinds`, class: 'method' }, ...rows.map((r) => el('li', {}, r)), note && el('li', {}, note)));
  }
}
