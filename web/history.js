// "Return rates over time": one scheme's published return rates by year with the days its deposit changed marked
// (an SVG chart whose points and markers take keyboard focus, and the same data as a table). Loaded the first time
// its panel in "Explore schemes" is opened. The rates are the scheme files' own (the core's summaries); the deposit
// changes are found by asking the core what the household form's containers paid on each date.
import { addStrings, formatLocale, language, t, $, clear, el, svg, KINDS } from './page-kit.js';
import strings from './i18n/en-history.js';

// The panel's markup (its English is read from it).
export { default as markup } from './sections/history.html';

export const stringsReady = addStrings(strings, () => import('./i18n/zh-history.js'));

// Left padding leaves the rotated axis title its own column beside the tick labels (they never overprint).
const PAD = { l: 66, r: 16, t: 44, b: 46 };
const DAY = 86400000;
const LAST_DAY = '2026-12-31';  // the data is current to December 2026
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayOf = (date) => Date.parse(`${date}T00:00:00Z`);

// What each of the household form's containers paid on a date (null: not covered), with the currency of that date.
function paidOn(rl, schemeId, date) {
  const q = rl.quote(schemeId, KINDS.map((k) => ({ container: k.container, count: 1 })), date);
  if (q.error) return null;
  return { currency: q.currency, amounts: q.lines.map((l) => (l.eligible ? l.amountMinor : null)) };
}
const same = (a, b) => a.currency === b.currency && a.amounts.every((v, i) => v === b.amounts[i]);

// The days between two dates where what the containers pay changes: yearly samples, then a bisection to the day.
export function depositChanges(rl, schemeId, fromYear) {
  const changes = [];
  const lastDay = dayOf(LAST_DAY);
  let lo = dayOf(`${fromYear}-01-01`);
  let before = paidOn(rl, schemeId, iso(lo));
  if (!before) return changes;
  while (lo < lastDay) {
    const next = Math.min(Date.UTC(new Date(lo).getUTCFullYear() + 1, 0, 1), lastDay);
    const atNext = paidOn(rl, schemeId, iso(next));
    if (!atNext) break;
    if (same(before, atNext)) {
      lo = next;
      continue;
    }
    let a = lo;
    let b = next;  // before holds on a, not on b
    while (b - a > DAY) {
      const mid = a + Math.floor((b - a) / DAY / 2) * DAY;
      if (same(before, paidOn(rl, schemeId, iso(mid)))) a = mid;
      else b = mid;
    }
    const after = paidOn(rl, schemeId, iso(b));
    changes.push({ date: iso(b), before, after });
    before = after;
    lo = b;
  }
  return changes;
}

// A change as the chart and table show it: the first container whose deposit changed, old and new; or, where
// nothing was covered before, the first container covered. Null when only coverage changed (a drink or size added).
function describe(change, money) {
  const was = change.before.amounts;
  const now = change.after.amounts;
  const kind = (i) => t(`kind_${KINDS[i].id}`);
  const changed = was.findIndex((v, i) => v !== null && now[i] !== null && v !== now[i]);
  if (changed >= 0) {
    return { kind: kind(changed), from: money(was[changed], change.before.currency), to: money(now[changed], change.after.currency) };
  }
  const first = now.findIndex((v) => v !== null);
  if (first >= 0 && was.every((v) => v === null)) return { kind: kind(first), to: money(now[first], change.after.currency), start: true };
  return null;
}

export function createHistory({ rl, root, schemes, state }) {
  const select = $('#history-scheme', root);
  const host = $('#history-chart', root);
  const body = $('#history-table tbody', root);
  const withRates = schemes.filter((s) => !s.hypothetical && s.returnRates.length);
  const cache = new Map();  // scheme id -> its deposit changes (the core's answers do not change while shown)

  const name = (s) => (language() === 'zh' && s.nameZh ? s.nameZh : s.name);
  const num = (v, d = 0) => { const s = rl.formatNumber(v, formatLocale(), d); return typeof s === 'string' ? s : '—'; };
  const pct = (r) => `${num(r * 100, 1)}%`;
  const money = (minor, cur) => { const s = rl.formatMoney(minor, cur, formatLocale()); return typeof s === 'string' ? s : '—'; };
  const longDate = (date) => new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(dayOf(date)));

  function fillSelect() {
    const chosen = select.value || (withRates.some((s) => s.id === state.scheme) ? state.scheme : 'us-or');
    clear(select);
    const sorted = withRates.slice().sort((a, b) => name(a).localeCompare(name(b), formatLocale()));
    for (const s of sorted) select.append(el('option', { value: s.id }, name(s)));
    select.value = withRates.some((s) => s.id === chosen) ? chosen : sorted[0].id;
  }

  function changesOf(scheme) {
    if (!cache.has(scheme.id)) {
      const firstRate = Math.min(...scheme.returnRates.map((r) => r.year));
      const start = scheme.started ? Number(scheme.started.slice(0, 4)) : firstRate;
      cache.set(scheme.id, depositChanges(rl, scheme.id, Math.min(start, firstRate)));
    }
    return cache.get(scheme.id).map((c) => ({ ...c, text: describe(c, money) })).filter((c) => c.text);
  }

  function changeLabel(c) {
    return c.text.start ? t('historyStart', { date: longDate(c.date), to: c.text.to, kind: c.text.kind })
      : t('historyChange', { date: longDate(c.date), from: c.text.from, to: c.text.to, kind: c.text.kind });
  }

  function draw() {
    const scheme = withRates.find((s) => s.id === select.value);
    const rates = scheme.returnRates.slice().sort((a, b) => a.year - b.year);
    const changes = changesOf(scheme);
    const first = rates[0].year;
    const last = rates[rates.length - 1].year;
    // The years shown: the published rates, and the deposit changes up to ten years before the first of them.
    const shown = changes.filter((c) => Number(c.date.slice(0, 4)) >= first - 10);
    const lo = Math.min(first, ...shown.map((c) => Number(c.date.slice(0, 4)))) - 1;
    const hi = Math.max(last, ...shown.map((c) => Number(c.date.slice(0, 4)))) + 1;
    const W = Math.round(Math.min(760, Math.max(300, host.clientWidth || 640)));
    const H = Math.round(W < 520 ? W * 0.8 : W * 0.5);
    const x = (year) => PAD.l + ((year - lo) / (hi - lo)) * (W - PAD.l - PAD.r);
    const xDate = (date) => x(Number(date.slice(0, 4)) + (dayOf(date) - Date.UTC(Number(date.slice(0, 4)), 0, 1)) / (365.25 * DAY));
    const y = (rate) => PAD.t + (1 - rate) * (H - PAD.t - PAD.b);

    clear(host);
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-labelledby': 'history-t history-d' },
      svg('title', { id: 'history-t' }, t('historyChartTitle', { name: name(scheme) })),
      svg('desc', { id: 'history-d' }, t('historyDesc', { name: name(scheme), n: rates.length, first, last, m: shown.length })));
    for (const r of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
      chart.append(svg('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y(r), y2: y(r) }));
      chart.append(svg('text', { class: 'tick', x: PAD.l - 8, y: y(r) + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, `${num(r * 100)}%`));
    }
    const step = Math.max(1, Math.ceil((hi - lo) / (W < 520 ? 5 : 10)));
    for (let year = Math.ceil(lo / step) * step; year <= hi; year += step) {
      chart.append(svg('text', { class: 'tick', x: x(year), y: H - PAD.b + 18, 'text-anchor': 'middle', 'aria-hidden': 'true' }, String(year)));
    }
    chart.append(svg('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b }));
    chart.append(svg('text', { class: 'axis-title', x: (PAD.l + W - PAD.r) / 2, y: H - 8, 'text-anchor': 'middle', 'aria-hidden': 'true' }, t('historyAxisYear')));
    chart.append(svg('text', { class: 'axis-title', x: -(PAD.t + H - PAD.b) / 2, y: 14, transform: 'rotate(-90)', 'text-anchor': 'middle', 'aria-hidden': 'true' }, t('historyAxisRate')));

    // Deposit changes: a dashed line on the day, its amounts above the plot; each takes focus with its full label.
    shown.forEach((c, i) => {
      const cx = xDate(c.date);
      const label = changeLabel(c);
      const g = svg('g', { class: 'change', tabindex: '0', role: 'img', 'aria-label': label, 'data-change': c.date }, svg('title', {}, label));
      g.append(svg('line', { class: 'change-line', x1: cx, x2: cx, y1: PAD.t - 4, y2: H - PAD.b }));
      g.append(svg('text', { class: 'change-label', x: cx, y: PAD.t - 10 - (i % 2) * 14, 'text-anchor': cx > W * 0.8 ? 'end' : 'middle', 'aria-hidden': 'true' },
        c.text.start ? c.text.to : `${c.text.from} → ${c.text.to}`));
      chart.append(g);
    });
    chart.append(svg('polyline', { class: 'rate-line', points: rates.map((r) => `${x(r.year).toFixed(1)},${y(r.rate).toFixed(1)}`).join(' ') }));
    for (const r of rates) {
      const label = t('historyPoint', { name: name(scheme), year: r.year, rate: pct(r.rate) });
      chart.append(svg('g', { class: 'pt', tabindex: '0', role: 'img', 'aria-label': label, 'data-year': r.year },
        svg('title', {}, label), svg('circle', { class: 'dot', cx: x(r.year).toFixed(1), cy: y(r.rate).toFixed(1), r: 5 })));
    }
    host.append(chart);

    clear(body);
    const rows = [...rates.map((r) => ({ key: `${r.year}`, year: r.year, rate: pct(r.rate), change: '' })),
      ...changes.map((c) => ({ key: c.date, year: Number(c.date.slice(0, 4)), rate: '', change: changeLabel(c) }))];
    rows.sort((a, b) => a.key.localeCompare(b.key));
    for (const row of rows) body.append(el('tr', {}, el('th', { scope: 'row', class: 'num' }, String(row.year)), el('td', { class: 'num' }, row.rate), el('td', {}, row.change)));
    $('#history-summary', root).textContent = t('historyDesc', { name: name(scheme), n: rates.length, first, last, m: shown.length });
  }

  select.addEventListener('change', draw);
  return {
    start() {
      fillSelect();
      draw();
    },
    relabel() {
      fillSelect();
      draw();
    },
  };
}
