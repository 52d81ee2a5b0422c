// "Sources and methods": how each figure is computed, every impact factor set with its sources, the return-rate
// model's statistics, and every scheme's sources, all read from the data the core was built with.
import { addStrings, formatLocale, language, localText, t } from './i18n.js';
import { $, clear, el } from './dom.js';
import strings from './i18n/en-sources.js';

// The section's markup below its intro (index.html carries only the first view's in full).
export { default as markup } from './sections/sources.html';

// Resolves once the section's strings are usable in the current language (app.js waits for it).
export const stringsReady = addStrings(strings, () => import('./i18n/zh-sources.js'));

function sourceItem(s) {
  const text = localText(s, 'title');
  const title = s.url ? el('a', { href: s.url, rel: 'noopener noreferrer' }, text) : text;
  return el('li', {}, title, ` (${s.year})`);
}

export function createSources({ rl, root, schemes }) {
  const num = (v, d = 0) => { const s = rl.formatNumber(v, formatLocale(), d); return typeof s === 'string' ? s : '—'; };

  function methods() {
    const box = clear($('#methods', root));
    const dl = el('dl', {});
    for (const k of ['methodsDeposits', 'methodsImpact', 'methodsModel']) dl.append(el('dt', {}, t(k)), el('dd', {}, t(`${k}Text`)));
    box.append(dl);
  }

  function factorSets() {
    const box = clear($('#factor-sets', root));
    const f = rl.factors();
    if (f.error) return box.append(el('p', {}, t('notLoaded')));
    const byId = (id) => f.sources.find((s) => s.id === id);
    f.emissionSets.forEach((set, n) => {
      const d = el('details', n === 0 ? { open: '' } : {}, el('summary', {}, `${set.name} (${set.id})`), el('p', { class: 'hint' }, set.description));
      box.append(d);
      const rows = set.materials.map((m) => el('tr', {},
        el('th', { scope: 'row' }, t(`mat_${m.material}`)),
        el('td', { class: 'num' }, m.available ? num(m.kgCo2ePerKg, 2) : t('factorNotAvailable')),
        el('td', {}, m.available ? `${m.basis}${byId(m.sourceId) ? ` · ${byId(m.sourceId).title} (${m.year})` : ''}` : '')));
      d.append(el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
        el('caption', { class: 'sr-only' }, set.name),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('factorMaterial')), el('th', { scope: 'col', class: 'num' }, t('factorValue')), el('th', { scope: 'col' }, t('source')))),
        el('tbody', {}, ...rows))));
    });
    const list = el('ul', { class: 'src-list' });
    for (const s of f.sources) list.append(sourceItem(s));
    box.append(el('details', {}, el('summary', {}, `${t('factorSources')} (${f.sources.length})`), list));
  }

  function model() {
    const box = clear($('#model-stats', root));
    const m = rl.modelInfo();
    if (m.error) return box.append(el('p', {}, t('notLoaded')));
    const stat = (value, label) => el('div', { class: 'stat' }, el('b', {}, value), el('span', {}, label));
    box.append(el('p', {}, t('methodsModelText')));
    box.append(el('div', { class: 'stat-grid' },
      stat(num(m.observations), t('modelObs')),
      stat(num(m.jurisdictions), t('modelJur')),
      stat(num(m.looRmsePp, 1), t('modelRmse')),
      stat(`${num(m.nestedCoverage * 100)}%`, t('modelCoverage')),
      stat(num(m.meanWidthPp, 1), t('modelWidth'))));
    box.append(el('p', { class: 'hint' }, `${m.id} · logit(rate) = ${num(m.intercept, 3)} + ${num(m.bLogRefund, 3)} × ln(USD) + ${num(m.bReturnToRetail, 3)} × RTR + ${num(m.bNewness, 3)} × newness · ${m.generatedBy}`));
    const list = el('ul', { class: 'src-list' });
    for (const s of m.sources) list.append(sourceItem(s));
    box.append(list);
  }

  function schemeSources() {
    const box = clear($('#scheme-sources', root));
    box.append(el('p', { class: 'hint' }, t('schemesWithRules', { n: schemes.length })));
    const sorted = schemes.slice().sort((a, b) => a.id.localeCompare(b.id));
    for (const s of sorted) {
      const list = el('ul', { class: 'src-list' });
      for (const src of s.sources) list.append(sourceItem(src));
      box.append(el('details', {}, el('summary', {}, `${language() === 'zh' && s.nameZh ? s.nameZh : s.name} (${s.id}) · ${s.sources.length}`), el('p', { class: 'hint' }, localText(s, 'summary')), list));
    }
  }

  return {
    render() {
      methods();
      factorSets();
      model();
      schemeSources();
    },
  };
}
