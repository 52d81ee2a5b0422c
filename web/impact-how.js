// "How is this computed?" under each figure and the result's list of sources: the rules, rate and factors each figure
// rests on, with their citations; for CO2e and energy, per kind of container, the mass returned and the factor
// applied (each kind asked of the core alone, so every number is the core's), and, where the CO2e factors are the US
// EPA's for a place outside the US, a note saying so. Loaded after the first figures, like the deposit explainer.
import { addStrings, formatLocale, localText, t, $, clear, el, KINDS } from './page-kit.js';
import strings from './i18n/en-impact.js';

const stringsReady = addStrings(strings, () => import('./i18n/zh-impact.js'));

// The core's impact of one kind alone, at the household's return rate (so no model band is drawn).
function kindImpact(rl, scheme, h, i) {
  const line = h.lines[i];
  const one = rl.household({ scheme: scheme.id, lines: [{ container: KINDS[i].container, count: line.perYear, per: 'year' }], returnRate: h.returnRate.rate });
  return one.error ? null : one.impact;
}

// A weak source stays in the data (and in the Sources section) but is not offered as a citation.
const citable = (s) => s.quality !== 'weak';

// Each figure's method with the sources it rests on, and the result's list of sources.
function writeMethods(root, scheme, place, h) {
  const text = h.text;
  // A source's title in the current language: a scheme's sources are named within their scheme, the factor files' alone.
  const sourceTitle = (s) => localText(s, 'title', h.sources.includes(s) ? `source:${scheme.id}:${s.id}` : `source:${s.id}`);
  const cite = (s, title) => (s.url ? el('a', { href: s.url, rel: 'noopener noreferrer' }, title) : title);
  const setMethod = (id, method, sources) => {
    const p = clear($(`#${id}`, root));
    p.append(method);
    for (const s of sources.filter(citable)) p.append(el('br'), `${t('source')}: `, cite(s, el('cite', {}, sourceTitle(s))), ` (${s.year})`);
  };
  const covered = h.lines.map((l, i) => ({ ...l, kind: KINDS[i], text: text.lines[i] })).filter((l) => l.eligible && l.perYear > 0);
  const lines = covered.map((l) => `${t('kind_' + l.kind.id)} ${l.text.amount}`).join(', ') || t('none');
  const schemeSrc = h.sources.filter((s) => covered.some((l) => l.sourceId === s.id));
  const factorSrc = (ids) => ids.map((id) => h.factorSources.find((s) => s.id === id)).filter(Boolean);
  setMethod('m-deposits', t('how_deposits', { name: place, date: h.date, lines }), schemeSrc);
  setMethod('m-refund', t('how_refund', { share: text.rate, n: text.coveredPerYear }), schemeSrc);
  const fee = h.nonRefundableFeesMinor ? t('how_fee', { fee: text.nonRefundableFees }) : '';
  setMethod('m-left', t('how_left', { fee }), schemeSrc);
  setMethod('m-co2', t('how_co2', { set: localText({ name: h.impact.factorSetName }, 'name', `set:${h.impact.factorSetId}:name`) }), factorSrc(h.factorSourceIds.co2));
  setMethod('m-energy', t('how_energy'), factorSrc(h.factorSourceIds.energy));
  setMethod('m-equivalents', t('how_equiv'), factorSrc(h.factorSourceIds.equivalents));
  const sourcesList = clear($('#r-sources', root));
  for (const s of [...schemeSrc, ...h.factorSources].filter(citable)) sourcesList.append(el('li', {}, cite(s, sourceTitle(s)), ` (${s.year})`));
  $('#r-sources-count', root).textContent = String(schemeSrc.length + h.factorSources.length);
}

/** Writes how each figure of the result h is computed (place: the scheme's name as shown). */
export async function explainImpact({ rl, root, scheme, place, h, fresh }) {
  await stringsReady;
  if (!fresh()) return;
  writeMethods(root, scheme, place, h);
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
