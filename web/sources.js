// "Sources and methods": how each figure is computed, every impact factor set with its sources, the return-rate
// model's statistics, and every scheme's sources, all read from the data the core was built with.
import { addStrings, formatLocale, language, localText, t, $, clear, el } from './page-kit.js';
import strings from './i18n/en-sources.js';

// The section's markup below its intro (index.html carries only the first view's in full).
export { default as markup } from './sections/sources.html';

// Resolves once the section's strings are usable in the current language (app.js waits for it).
export const stringsReady = addStrings(strings, () => import('./i18n/zh-sources.js'));

// schemeId: the scheme whose file lists the source (null: a factor or model file).
function sourceItem(s, schemeId = null) {
  const text = localText(s, 'title', schemeId ? `source:${schemeId}:${s.id}` : `source:${s.id}`);
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
    // The basis is the data file's English note: in Chinese the source's Chinese title stands for it.
    const factorBasis = (m) => {
      const src = byId(m.sourceId);
      const cite = src ? `${localText(src, 'title', `source:${src.id}`)} (${m.year})` : '';
      return language() === 'zh' ? cite : `${m.basis}${cite ? ` · ${cite}` : ''}`;
    };
    f.emissionSets.forEach((set, n) => {
      const setName = localText(set, 'name', `set:${set.id}:name`);
      const d = el('details', n === 0 ? { open: '' } : {}, el('summary', { 'data-text': '' }, setName),
        el('p', { class: 'hint', 'data-text': '' }, localText(set, 'description', `set:${set.id}:description`)));
      box.append(d);
      const rows = set.materials.map((m) => el('tr', {},
        el('th', { scope: 'row' }, t(`mat_${m.material}`)),
        el('td', { class: 'num' }, m.available ? num(m.kgCo2ePerKg, 2) : t('factorNotAvailable')),
        el('td', { 'data-text': '' }, m.available ? factorBasis(m) : '')));
      d.append(el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
        el('caption', { class: 'sr-only', 'data-text': '' }, setName),
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
    // The fitted formula with only the terms the fit kept (a zero coefficient is a term the data did not support).
    const terms = [[m.bLogRefund, 'modelTermRefund'], [m.bReturnToRetail, 'modelTermRetail'], [m.bNewness, 'modelTermNewness']]
      .filter(([b]) => b !== 0).map(([b, key]) => ` + ${num(b, 3)} × ${t(key)}`).join('');
    box.append(el('p', { class: 'hint' }, `${t('modelFormula')} = ${num(m.intercept, 3)}${terms}`));
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
      for (const src of s.sources) list.append(sourceItem(src, s.id));
      box.append(el('details', {}, el('summary', {}, `${language() === 'zh' && s.nameZh ? s.nameZh : s.name} (${s.id}) · ${s.sources.length}`), el('p', { class: 'hint', 'data-text': '' }, localText(s, 'summary', `scheme:${s.id}`)), list));
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
