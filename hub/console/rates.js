// Rates: the scheme's rules in force with the retailer's overrides, edited once for all its kiosks; the hub
// validates the change as a kiosk will (the core checks the resulting scheme) and answers each problem as a typed
// code placed at a rule and field, worded here in the reader's language beside that field; then the history of
// versions and each kiosk's rollout.
import { h } from './dom.js';
import { errorSentence } from './errors.js';
import { t } from './i18n.js';

const FIELDS = ['depositMinor', 'refundMinor', 'handlingFee'];

export function renderRates(view, d, publish) {
  const current = new Map(d.overrides.map((o) => [o.rule, o]));
  const rows = d.rules.map((r) => {
    const o = current.get(r.rule) || {};
    return h('tr', { 'data-rule': r.rule }, h('th', { scope: 'row' }, `${r.number} · ${r.rule}`), h('td', {}, r.materials.map((m) => t(`material.${m}`)).join(', ')),
      h('td', {}, r.deposit.text),
      FIELDS.map((f) => h('td', {}, h('input', { id: `rate-${r.rule}-${f}`, 'data-field': f, inputmode: f === 'handlingFee' ? 'decimal' : 'numeric',
        value: o[f] ?? '', 'aria-label': `${r.rule}: ${t(`rates.${f}`)}`, 'aria-describedby': `rate-${r.rule}-${f}-error` }),
      h('span', { id: `rate-${r.rule}-${f}-error`, class: 'error' }))));
  });
  const status = h('p', { id: 'rates-status', role: 'status' });
  const collect = () => {
    const overrides = [];
    for (const tr of rows) {
      const o = { rule: tr.dataset.rule };
      for (const input of tr.querySelectorAll('input')) {
        const v = input.value.trim();
        if (v) o[input.dataset.field] = input.dataset.field === 'handlingFee' ? v : (/^-?\d+$/.test(v) ? Number(v) : v);
      }
      if (Object.keys(o).length > 1) overrides.push(o);
    }
    return overrides;
  };
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    for (const span of form.querySelectorAll('span.error')) span.textContent = '';
    const overrides = collect();
    const answer = await publish({ scheme: d.scheme, overrides });
    if (answer.errors) {
      // Each error at its rule's field (an error about the whole override: at its first field); any the form has
      // no field for are listed under the button.
      const unplaced = [];
      for (const err of answer.errors) {
        const row = rows.find((tr) => tr.dataset.rule === err.rule);
        const span = row && row.querySelector(`input[data-field="${FIELDS.includes(err.field) ? err.field : FIELDS[0]}"] + span.error`);
        const sentence = await errorSentence(err);
        if (span) span.textContent = span.textContent ? `${span.textContent} ${sentence}` : sentence;
        else unplaced.push(sentence);
      }
      status.textContent = [t('rates.invalid', { n: answer.errors.length }), ...unplaced].join(' ');
    } else {
      status.textContent = t('rates.published', { v: answer.version });
    }
  } },
  h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t('rates.title') },
    h('table', { id: 'rates' }, h('thead', {}, h('tr', {}, ['rates.rule', 'clearing.materials', 'rates.schemeDeposit', 'rates.depositMinor', 'rates.refundMinor', 'rates.handlingFee']
      .map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows))),
  h('p', {}, h('button', { type: 'submit' }, t('rates.publish'))), status);
  view.replaceChildren(h('h1', {}, t('rates.title')), h('p', {}, t('rates.intro', { scheme: d.scheme, currency: d.currency })), form,
    h('h2', {}, t('rates.rollout')),
    h('table', { id: 'rollout' }, h('thead', {}, h('tr', {}, ['fleet.store', 'fleet.machine', 'rates.applied', 'fleet.state'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, d.rollout.map((m) => h('tr', {}, h('th', { scope: 'row' }, String(m.store)), h('td', {}, String(m.machine)), h('td', {}, `v${m.applied}`),
        h('td', { class: m.status === 'applied' ? 'ok' : 'bad' }, t(`rates.${m.status}`, { v: d.latest })))))),
    h('h2', {}, t('rates.history')),
    d.history.length ? h('ol', { id: 'rates-history' }, d.history.map((v) => h('li', {}, t('rates.version', { v: v.version, at: v.at, n: v.overrides.length }))))
      : h('p', {}, t('none')));
}
