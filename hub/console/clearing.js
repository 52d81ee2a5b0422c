// The clearing statement: choose retailer (operators) and period; the statement as the hub computed it (the core
// named the materials, rounded the fees and formatted the money), its CSV from the hub, and printing.
import { h, money, today } from './dom.js';
import { t } from './i18n.js';

const firstOfMonth = () => `${today().slice(0, 8)}01`;

export function renderClearingForm(view, me, load, csv) {
  const retailer = h('select', { id: 'clearing-retailer' }, me.retailers.map((r) => h('option', { value: r.id }, r.name)));
  const from = h('input', { id: 'clearing-from', type: 'date', value: firstOfMonth(), required: true });
  const to = h('input', { id: 'clearing-to', type: 'date', value: today(), required: true });
  const out = h('div', { id: 'statement' });
  const params = () => ({ retailer: retailer.value, from: from.value, to: to.value });
  const form = h('form', { class: 'row no-print', onsubmit: (e) => { e.preventDefault(); load(params(), out); } },
    me.role === 'operator' ? h('label', {}, t('clearing.retailer'), retailer) : null,
    h('label', {}, t('clearing.from'), from), h('label', {}, t('clearing.to'), to), h('button', { type: 'submit' }, t('clearing.make')));
  view.replaceChildren(h('h1', { class: 'no-print' }, t('clearing.title')), form, out);
  out.csv = () => csv(params());
}

const materials = (line) => (line.materials.length ? line.materials.map((m) => t(`material.${m}`)).join(', ') : t('clearing.register'));

export function renderStatement(out, st) {
  const rows = st.lines.map((l) => h('tr', {}, h('td', {}, l.scheme), h('td', {}, materials(l)), h('th', { scope: 'row' }, money(l.deposit)),
    h('td', { class: 'num' }, String(l.containers)), h('td', { class: 'num' }, money(l.deposits)), h('td', { class: 'num' }, money(l.refunds))));
  const byMaterial = st.byMaterial.length ? h('table', { id: 'statement-materials' },
    h('caption', {}, t('clearing.byMaterial')),
    h('thead', {}, h('tr', {}, ['clearing.material', 'clearing.containers', 'clearing.deposits'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, st.byMaterial.map((m) => h('tr', { 'data-material': m.material }, h('th', { scope: 'row' }, t(`material.${m.material}`)),
      h('td', { class: 'num' }, String(m.containers)), h('td', { class: 'num' }, money(m.deposits)))))) : null;
  const totals = st.totals.map((x) => h('section', { class: 'totals' }, h('h3', {}, t('clearing.totals', { currency: x.currency })),
    h('dl', {}, [['clearing.containers', String(x.containers)], ['clearing.deposits', money(x.deposits)], ['clearing.refunds', money(x.refunds)],
      ['clearing.donations', money(x.donations)], ['clearing.paid', money(x.refundsPaid)], ['clearing.fees', money(x.handlingFees)],
      ['clearing.due', money(x.due)]].map(([k, v]) => [h('dt', {}, t(k)), h('dd', { 'data-total': k.slice(9) }, v)]))));
  out.replaceChildren(h('article', { class: 'statement' },
    h('h2', { id: 'statement-number' }, t('clearing.number', { number: st.number })),
    h('p', {}, t('clearing.period', { retailer: st.retailer.name, from: st.from, to: st.to })),
    st.lines.length ? h('table', {}, h('thead', {}, h('tr', {}, ['clearing.scheme', 'clearing.materials', 'clearing.deposit', 'clearing.containers',
      'clearing.deposits', 'clearing.refunds'].map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows)) : h('p', {}, t('clearing.empty')),
    byMaterial, totals,
    h('p', { class: 'no-print row' }, h('button', { type: 'button', id: 'csv', onclick: () => out.csv() }, t('clearing.csv')),
      h('button', { type: 'button', onclick: () => window.print() }, t('clearing.print')))));
}
