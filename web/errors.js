// Words the core's typed errors in the reader's language ("Rule 6 · Deposit: must not be negative"): the code,
// its arguments and its place come from the core; nothing here reads a path or an English message.
import { addStrings, language, t } from './page-kit.js';
import strings from './i18n/en-errors.js';

export const stringsReady = addStrings(strings, () => import('./i18n/zh-errors.js'));

const has = (key) => t(key) !== key;
const labelOr = (key, fallback) => (has(key) ? t(key) : fallback);

// The arguments as the sentence needs them: ids become words, a suggestion becomes "(did you mean ...?)", amounts in
// minor units become money as the reader writes it when the face gives money(minor, currency) ("30" -> "€0.30").
function words(args = {}, money) {
  const v = { ...args };
  if (money) {
    for (const k of ['refund', 'deposit']) if (k in v) v[k] = money(BigInt(v[k]));
    if ('minorPerMajor' in v) Object.assign(v, { value: money(BigInt(v.value), v.currency), limit: money(BigInt(v.limit) * BigInt(v.minorPerMajor), v.currency) });
  }
  if ('kind' in v) v.kind = labelOr(`errKind_${v.kind}`, v.kind);
  for (const k of ['expected', 'got']) if (k in v) v[k] = labelOr(`errType_${v[k]}`, v[k]);
  if ('suggestion' in v) v.suggestion = v.suggestion ? t('errSuggest', { s: v.suggestion }) : '';
  if ('material' in v) v.material = labelOr(`mat_${v.material}`, v.material);
  if ('category' in v) v.category = labelOr(`cat_${v.category}`, v.category);
  if ('refillable' in v) v.refillable = t(`errRefillable_${v.refillable}`);
  return v;
}

/**
 * The problem alone, in the current language ("must not be negative"). money(minor, currency): formats an amount the
 * core gives in minor units (currency: the scheme's when not named); without it amounts read as the core gave them.
 */
export function errorMessage(e, money) {
  if (!e) return '';
  const key = money && has(`err_${e.code}_money`) ? `err_${e.code}_money` : `err_${e.code}`;
  if (e.code && e.code !== 'other' && has(key)) return t(key, words(e.args, money));
  // An uncoded error: its English words in English, a plain sentence in Chinese.
  return language() === 'en' && e.message ? e.message : t('err_other');
}

/**
 * The problem with its place: "Rule 6 · Refund: the refund (€0.30) is above the deposit (€0.25)". label(field)
 * names a field as the form does (null: the field's own id is shown); money as for errorMessage.
 */
export function errorText(e, label = (field) => (has(`ed_${field}`) ? t(`ed_${field}`) : null), money = undefined) {
  if (!e) return '';
  const parts = [];
  if (e.list && e.index >= 0) parts.push(has(`errAt_${e.list}`) ? t(`errAt_${e.list}`, { n: e.index + 1 }) : `${e.list} ${e.index + 1}`);
  if (e.field) parts.push(label(e.field) || e.field);
  const message = errorMessage(e, money);
  return parts.length ? `${parts.join(t('errPlaceSep'))}${t('errFieldSep')}${message}` : message;
}
