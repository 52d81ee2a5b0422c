// Page state <-> the URL query string, so a result can be shared and reloaded exactly. Reading is defensive:
// anything unreadable is listed as a problem and replaced by its default; it never stops the page.
import { HOUSEHOLDS, KINDS } from './page-kit.js';

export const VIEWS = ['refund', 'explore', 'editor', 'sources'];

export function defaultState() {
  return {
    view: 'refund',
    lang: null,         // null: the remembered or browser choice
    scheme: null,       // null: from the browser's region
    counts: { ...HOUSEHOLDS.couple },  // a worked example on a first visit, not zeros
    share: null,        // 0..100 returned, null: the scheme's own rate
    wi: { base: 'cn', deposit: '', currency: '', containers: '', population: '' },
  };
}

// Returns {state, problems}; each problem is [key, vars] for the i18n table. maxPerWeek: the core's limit on a count.
export function readState(search, hash, schemeIds, maxPerWeek = Infinity) {
  const s = defaultState();
  const problems = [];
  const q = new URLSearchParams(search);
  const view = (hash || '').replace(/^#/, '');
  if (view) {
    if (VIEWS.includes(view)) s.view = view;
    else if (/^ed-/.test(view)) s.view = 'editor';  // a draft shared by link (editor.js reads it)
    else problems.push(['urlBadView', { value: view.slice(0, 40) }]);
  }
  const lang = q.get('lang');
  if (lang === 'en' || lang === 'zh') s.lang = lang;
  const scheme = q.get('s');
  if (scheme !== null) {
    if (schemeIds.includes(scheme)) s.scheme = scheme;
    else problems.push(['urlUnknownScheme', { id: scheme.slice(0, 40) }]);
  }
  const counts = q.get('k');
  if (counts) {
    for (const k of KINDS) s.counts[k.id] = 0;  // a link lists every count it has; the rest are none
    for (const part of counts.split(',').slice(0, 50)) {
      const [kind, value = ''] = part.split('.');
      if (!KINDS.some((k) => k.id === kind)) {
        problems.push(['urlUnknownKind', { kind: kind.slice(0, 40) }]);
      } else if (!/^\d{1,9}$/.test(value) || Number(value) > maxPerWeek) {
        problems.push(['urlBadCount', { value: value.slice(0, 20), kind }]);
      } else {
        s.counts[kind] = Number(value);
      }
    }
  }
  const share = q.get('r');
  if (share !== null) {
    if (/^\d{1,3}$/.test(share) && Number(share) <= 100) s.share = Number(share);
    else problems.push(['urlBadRate', { value: share.slice(0, 20) }]);
  }
  // What-if fields are kept as typed; the form validates them like input (with a message at the field).
  for (const [key, param] of [['deposit', 'wd'], ['currency', 'wc'], ['containers', 'wn'], ['population', 'wp']]) {
    const v = q.get(param);
    if (v !== null) s.wi[key] = v.slice(0, 40);
  }
  if (q.get('wb') === 'scheme') s.wi.base = 'scheme';
  return { state: s, problems };
}

export function writeState(s) {
  const q = new URLSearchParams();
  if (s.lang) q.set('lang', s.lang);
  if (s.scheme) q.set('s', s.scheme);
  const counts = Object.entries(s.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k}.${n}`);
  // Always written: without k a link would show the worked example's household, not an emptied form.
  q.set('k', counts.length ? counts.join(',') : 'can.0');
  if (s.share !== null) q.set('r', String(s.share));
  if (s.wi.base !== 'cn') q.set('wb', s.wi.base);
  if (s.wi.deposit) q.set('wd', s.wi.deposit);
  if (s.wi.currency) q.set('wc', s.wi.currency);
  if (s.wi.containers) q.set('wn', s.wi.containers);
  if (s.wi.population) q.set('wp', s.wi.population);
  const text = q.toString().replace(/%2C/g, ',');
  return `${text ? `?${text}` : ''}#${s.view}`;
}
