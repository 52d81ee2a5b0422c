// A store's day: pick a store and a date; containers by deposit value, an hourly SVG bar chart, vouchers (issued,
// redeemed, outstanding), donations, refusals by reason and bin emptyings.
import { h, s, money, today } from './dom.js';
import { t } from './i18n.js';

function chart(byHour, date) {
  const W = 480, H = 160, bar = W / 24, max = Math.max(1, ...byHour.map((b) => b.containers));
  return s('svg', { viewBox: `0 0 ${W} ${H + 16}`, class: 'chart', role: 'img', 'aria-label': t('day.chart', { date }) },
    byHour.map((b) => {
      const height = (b.containers / max) * H;
      return s('g', {},
        s('rect', { x: (b.hour * bar + 1).toFixed(1), y: (H - height).toFixed(1), width: (bar - 2).toFixed(1), height: height.toFixed(1), class: 'bar' },
          s('title', {}, `${String(b.hour).padStart(2, '0')}:00 ${b.containers}`)),
        b.hour % 3 === 0 ? s('text', { x: (b.hour * bar + bar / 2).toFixed(1), y: H + 13, 'text-anchor': 'middle' }, String(b.hour).padStart(2, '0')) : null);
    }));
}

export function renderDayForm(view, me, load) {
  if (!me.stores.length) return view.replaceChildren(h('h1', {}, t('day.title')), h('p', {}, t('day.noStores')));
  const store = h('select', { id: 'day-store' }, me.stores.map((st) => h('option', { value: st.number }, `${st.number} ${st.name}`.trim())));
  const date = h('input', { id: 'day-date', type: 'date', value: today(), required: true });
  const out = h('div', { id: 'day-out' });
  const form = h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); load(store.value, date.value, out); } },
    h('label', {}, t('day.store'), store), h('label', {}, t('day.date'), date), h('button', { type: 'submit' }, t('day.show')));
  view.replaceChildren(h('h1', {}, t('day.title')), form, out);
  load(store.value, date.value, out);
}

const known = (key, fallback) => { const w = t(key); return w === key ? fallback : w; };
const counts = (id, rows, head, name) => (rows.length
  ? h('table', { id }, h('thead', {}, h('tr', {}, [head, 'day.count'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, name(r)), h('td', {}, String(r.count))))))
  : h('p', { id }, t('none')));

export function renderDay(out, d) {
  out.replaceChildren(
    h('p', { class: 'lead' }, t('day.summary', { containers: d.containers, sessions: d.sessions })),
    h('h2', {}, t('day.byHour')), chart(d.byHour, d.date),
    h('h2', {}, t('day.byDeposit')),
    h('table', {}, h('thead', {}, h('tr', {}, ['day.deposit', 'day.containers', 'day.refunds'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, d.byDeposit.map((r) => h('tr', {}, h('th', { scope: 'row' }, money(r.deposit)), h('td', {}, String(r.containers)), h('td', {}, money(r.refunds)))))),
    h('h2', {}, t('day.byMaterial')), counts('day-materials', d.byMaterial.map((m) => ({ ...m, count: m.containers })), 'day.material',
      (m) => t(`material.${m.material}`)),
    h('h2', {}, t('day.vouchers')),
    h('table', {}, h('thead', {}, h('tr', {}, ['day.issued', 'day.redeemed', 'day.outstanding'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, d.vouchers.map((v) => h('tr', {}, h('td', {}, `${v.issued} · ${money(v.issuedAmount)}`),
        h('td', {}, `${v.redeemed} · ${money(v.redeemedAmount)}`), h('td', {}, `${v.outstanding} · ${money(v.outstandingAmount)}`))))),
    h('h2', {}, t('day.donations')),
    d.donations.length ? h('ul', {}, d.donations.map((x) => h('li', {}, `${x.count} · ${money(x.amount)}`))) : h('p', {}, t('none')),
    h('h2', {}, t('day.refusals')), counts('day-refusals', d.refusals, 'day.reason', (r) => known(`reason.${r.reason}`, r.reason)),
    h('h2', {}, t('day.emptyings')), counts('day-emptyings', d.binEmptyings, 'day.bin', (r) => known(`material.${r.bin}`, r.bin)));
}
