// The scheme operator's view: every retailer's totals this month and the fraud signals.
import { h, money } from './dom.js';
import { t } from './i18n.js';

export function renderOperator(view, d) {
  view.replaceChildren(h('h1', {}, t('operator.title')), h('p', {}, `${d.from} – ${d.to}`),
    h('h2', {}, t('operator.retailers')),
    h('table', {}, h('thead', {}, h('tr', {}, ['clearing.retailer', 'operator.machines', 'clearing.containers', 'clearing.refunds'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, d.retailers.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.name), h('td', {}, String(r.machines)), h('td', {}, String(r.containers)), h('td', {}, money(r.refunds)))))),
    h('h2', {}, t('operator.signals')),
    d.signals.length ? h('ul', { id: 'signals' }, d.signals.map((x) => h('li', {}, `${t(`signal.${x.kind}`)}: ${x.retailer || '—'} · ${x.count} · ${x.last}`)))
      : h('p', {}, t('operator.noSignals')),
    h('h2', {}, t('operator.unreconciled')),
    d.unreconciled.length ? h('ul', {}, d.unreconciled.map((v) => h('li', {}, `${v.store}/${v.machine} ${v.issued} #${v.seq} ${money(v.amount)} · ${v.redeemedAt}`)))
      : h('p', {}, t('none')));
}
