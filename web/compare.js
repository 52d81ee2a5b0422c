// "Compare": the household the reader entered, a year under the scheme chosen above and one or two others side by
// side. Loaded the first time its panel in "My refund" opens; each column is the core's answer to the same request
// the results above make (refund.js's ask), with its figures as the core words them, so they match them exactly.
import { addStrings, captureEnglish, language, localize, t, $, clear, el } from './page-kit.js';
import strings from './i18n/en-compare.js';
import markup from './sections/compare.html';

const stringsReady = addStrings(strings, () => import('./i18n/zh-compare.js'));

const nameOf = (s) => (language() === 'zh' && s.nameZh ? s.nameZh : s.name);

// The styles of the sections other than the first, shared with them (loaded once).
function sectionStyles() {
  if (document.querySelector('link[href="web/sections.css"]')) return Promise.resolve();
  return new Promise((resolve) => {
    const link = el('link', { rel: 'stylesheet', href: 'web/sections.css' });
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);  // unstyled but usable
    document.head.append(link);
  });
}

// Rows of the table: a label and the figure of a household answer's text (the core's wording) at its return rate.
const ROWS = [
  ['cardDeposits', 'deposits'],
  ['cardRefund', 'refund'],
  ['cardLeft', 'leftOnTable'],
  ['compareRowRate', 'rate'],
  ['compareRowCovered', 'coveredPerYear'],
  ['compareRowCo2', 'kgCo2e'],
  ['compareRowEnergy', 'kwh'],
];

export async function createCompare({ rl, root, state, schemes, summaryOf, ask }) {
  await Promise.all([stringsReady, sectionStyles()]);
  const body = el('div', { class: 'compare-body' });
  body.innerHTML = markup;
  captureEnglish(body);
  localize(body);
  root.append(body);
  const picks = [$('#compare-1', body), $('#compare-2', body)];
  const note = $('#compare-note', body);
  const table = $('#compare-table', body);
  let formOk = true;

  // A first scheme to compare with: China's pilot (the what-if this page exists for), else Germany.
  const other = (avoid) => ['cn-pilot', 'de', 'us-ca'].find((id) => id !== avoid && schemes.some((s) => s.id === id));
  const chosen = [other(state.scheme), ''];
  let filledIn = '';  // the language the pick lists are worded in

  function fillPicks() {
    filledIn = language();
    const sorted = [...schemes].sort((a, b) => nameOf(a).localeCompare(nameOf(b), language() === 'zh' ? 'zh-CN' : 'en'));
    picks.forEach((select, i) => {
      clear(select);
      if (i > 0) select.append(el('option', { value: '' }, t('compareNone')));
      for (const s of sorted) select.append(el('option', { value: s.id }, `${nameOf(s)} (${s.country})`));
      select.value = chosen[i];
    });
  }

  // The columns' schemes: the one chosen above, then the picks (each once), every file loaded.
  async function columns() {
    const ids = [...new Set([state.scheme, ...chosen].filter(Boolean))];
    await rl.loadSchemes(ids);
    return ids.map(summaryOf).filter(Boolean);
  }

  let asked = 0;
  async function update(ok = formOk) {
    formOk = ok;
    const mine = ++asked;
    const list = await columns();
    if (mine !== asked) return;  // a newer update has started
    render(list);
  }

  function render(list) {
    if (filledIn !== language()) fillPicks();  // the language changed (refund.js recomputes on a switch)
    const head = $('thead tr', table);
    while (head.children.length > 1) head.lastChild.remove();
    const rows = clear($('tbody', table));
    table.className = `data compare-table cols-${list.length}`;
    table.hidden = !formOk;  // figures of a household the form rejects would be stale
    note.textContent = formOk ? '' : t('compareFixFirst');
    if (!formOk) return;
    const answers = list.map((s) => ask(s));
    const failed = list.filter((s, i) => answers[i].error).map(nameOf);
    if (failed.length) note.textContent = failed.map((name) => t('compareFailed', { name })).join(' ');
    list.forEach((s, i) => head.append(el('th', { scope: 'col', class: 'num', 'data-scheme': s.id }, nameOf(s))));
    for (const [key, figure] of ROWS) {
      const tr = el('tr', { 'data-row': key }, el('th', { scope: 'row' }, t(key)));
      answers.forEach((h, i) => tr.append(el('td', { class: 'num', 'data-scheme': list[i].id }, h.error ? '—' : h.text[figure])));
      rows.append(tr);
    }
  }

  picks.forEach((select, i) => select.addEventListener('change', () => {
    chosen[i] = select.value;
    update();
  }));

  fillPicks();
  await update();
  root.dataset.ready = 'true';
  return { update };
}
