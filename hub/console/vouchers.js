// Voucher lookup by the code it prints: where and when it was issued, how much, genuine or not, redeemed or not.
import { h, money } from './dom.js';
import { t } from './i18n.js';

export function renderVoucherForm(view, find) {
  const code = h('input', { id: 'voucher-code', autocomplete: 'off', inputmode: 'numeric', required: true });
  const out = h('div', { id: 'voucher-out', role: 'status' });
  view.replaceChildren(h('h1', {}, t('vouchers.title')),
    h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); find(code.value.trim(), out); } },
      h('label', {}, t('vouchers.code'), code), h('button', { type: 'submit' }, t('vouchers.find'))), out);
}

export function renderVoucher(out, v) {
  const status = v.status === 'redeemed'
    ? (v.redeemedTill ? t('vouchers.redeemedTill', { till: v.redeemedTill, store: v.redeemedStore, at: v.redeemedAt })
      : t('vouchers.redeemedKiosk', { via: v.redeemedAtKiosk || '—', at: v.redeemedAt }))
    : t('vouchers.outstanding');
  out.replaceChildren(h('dl', { class: 'card' },
    h('dt', {}, t('vouchers.amount')), h('dd', { id: 'voucher-amount' }, money(v.amount)),
    h('dt', {}, t('vouchers.status')), h('dd', { id: 'voucher-status' }, status),
    v.expires ? [h('dt', {}, t('vouchers.expires')), h('dd', {}, v.expires)] : null),
  h('p', {}, t('vouchers.issued', v)),
  h('p', { class: v.genuine ? 'ok' : 'bad' }, t(v.genuine ? 'vouchers.genuine' : 'vouchers.forged')),
  v.uploaded ? null : h('p', {}, t('vouchers.notUploaded')));
}
