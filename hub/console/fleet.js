// Fleet: every machine the caller may see, sortable and filterable, with alerts (offline, open faults, bins at
// 90 % or more) and a map of the stores drawn in SVG from their coordinates (no map tiles, nothing fetched from
// elsewhere). Faults, bin levels and the printer are what each kiosk last uploaded from its controller.
import { h, s } from './dom.js';
import { t } from './i18n.js';

const COLUMNS = [
  ['retailer', (m) => m.retailer], ['store', (m) => m.store], ['machine', (m) => m.machine],
  ['state', (m) => (m.online ? 0 : 1)], ['lastSeen', (m) => m.lastSeen], ['config', (m) => m.configApplied],
  ['today', (m) => m.todayItems], ['refunds', (m) => m.todayRefunds?.minor ?? 0], ['faults', (m) => m.faults],
  ['bins', (m) => fullest(m)], ['printer', (m) => (m.printer === 'ok' ? 0 : 1)],
];
const BIN_ALERT_PERCENT = 90;
const fullest = (m) => Math.max(-1, ...m.bins.map((b) => b.percent ?? -1));
const known = (key, fallback) => { const w = t(key); return w === key ? fallback : w; };
const binName = (bin) => known(`material.${bin}`, bin);
// Rows are laid out at one fixed height (console.css: #fleet tbody tr), so which rows a scroll position shows is
// arithmetic; a few more above and below keep a fast scroll from showing blank space for a frame.
const ROW_PX = 34, OVERSCAN = 8, ALERTS_SHOWN = 50;

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (v) => String(v).replace(/[&<>"']/g, (c) => ESCAPES[c]);

// One row as markup, every value escaped; aria-rowindex tells assistive technology where it sits among all rows
// (the header is row 1), since only the visible ones exist in the document.
function row(m, index, words) {
  const rollout = m.rollout === 'applied' ? words.applied.replace('{v}', m.configApplied)
    : words.pending.replace('{v}', m.configApplied).replace('{latest}', m.configLatest);
  return `<tr aria-rowindex="${index + 2}"><td>${esc(m.retailer)}</td><th scope="row">${esc(`${m.store} ${m.storeName}`.trim())}</th><td>${m.machine}</td>`
    + `<td><span class="${m.online ? 'ok' : 'bad'}">${m.online ? words.online : words.offline}</span></td>`
    + `<td>${m.lastSeen ? esc(m.lastSeen.replace('T', ' ').replace('Z', '')) : '—'}</td><td>${esc(rollout)}</td>`
    + `<td>${m.todayItems}</td><td>${m.todayRefunds ? esc(m.todayRefunds.text) : '—'}</td>`
    + `<td>${m.openFaults.length ? `<span class="bad">${esc(m.openFaults.map((f) => words.fault(f)).join(', '))}</span>` : '—'}</td>`
    + `<td>${m.bins.length ? esc(m.bins.map((b) => `${binName(b.bin)} ${b.percent ?? '?'} %`).join(', ')) : '—'}</td>`
    + `<td><span class="${m.printer === 'ok' ? 'ok' : 'bad'}">${esc(words.printer(m.printer))}</span></td></tr>`;
}

// The first alerts worded, the rest only counted: wording thousands of offline machines nobody reads cost time.
function alerts(machines) {
  const shown = [];
  let total = 0;
  for (const m of machines) {
    if (!m.online && ++total <= ALERTS_SHOWN) shown.push(m.minutesSinceSeen < 0 ? t('fleet.alertNever', m) : t('fleet.alertOffline', { ...m, minutes: m.minutesSinceSeen }));
    if (m.openFaults.length && ++total <= ALERTS_SHOWN) {
      shown.push(t('fleet.alertFaults', { ...m, faults: m.openFaults.map((f) => known(`fault.${f}`, f)).join(', ') }));
    }
    for (const b of m.bins) {
      if (b.percent >= BIN_ALERT_PERCENT && ++total <= ALERTS_SHOWN) shown.push(t('fleet.alertBin', { ...m, bin: binName(b.bin), percent: b.percent }));
    }
  }
  return { shown, more: total - shown.length };
}

// The stores as dots, one SVG path per state (some machine down, all up): a thousand stores are two nodes, not a
// thousand circles with a thousand titles; the counts are in the map's label and the table has every machine.
function map(machines) {
  const placed = machines.filter((m) => m.position);
  if (!placed.length) return h('p', {}, t('fleet.mapNone'));
  let [minLat, maxLat, minLon, maxLon] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { position: [la, lo] } of placed) {
    minLat = Math.min(minLat, la); maxLat = Math.max(maxLat, la); minLon = Math.min(minLon, lo); maxLon = Math.max(maxLon, lo);
  }
  const W = 600, H = 300, pad = 12;
  const x = (v) => pad + ((v - minLon) / (maxLon - minLon || 1)) * (W - 2 * pad);
  const y = (v) => H - pad - ((v - minLat) / (maxLat - minLat || 1)) * (H - 2 * pad);
  const stores = new Map();
  for (const m of placed) {
    const e = stores.get(m.store) || { position: m.position, down: false };
    if (!m.online) e.down = true;
    stores.set(m.store, e);
  }
  const dots = { ok: [], bad: [] };
  for (const e of stores.values()) dots[e.down ? 'bad' : 'ok'].push(`M${x(e.position[1]).toFixed(1)} ${y(e.position[0]).toFixed(1)}h0`);
  const label = `${t('fleet.map')}: ${t('fleet.mapStores', { n: stores.size, down: dots.bad.length })}`;
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', 'aria-label': label },
    s('rect', { x: 0, y: 0, width: W, height: H, class: 'map-bg' }),
    Object.entries(dots).filter(([, d]) => d.length).map(([state, d]) => s('path', { d: d.join(''), class: `dots dot-${state}` })));
}

export function renderFleet(view, data) {
  // Sorting and filtering work on the data array; the table holds only the rows in view (windowed), so 10,000
  // machines cost what 40 rows cost to lay out, and scrolling the region (mouse, touch or keyboard) brings the rest.
  let sortKey = 'store', ascending = true, rows = data.machines, shownFrom = -1, shownTo = -1;
  const haystack = new Map(data.machines.map((m) => [m, [m.retailer, m.store, m.storeName, m.online ? t('fleet.online') : t('fleet.offline')].join('\n').toLowerCase()]));
  const words = { applied: t('fleet.applied'), pending: t('fleet.pending'), online: esc(t('fleet.online')), offline: esc(t('fleet.offline')),
    fault: (f) => known(`fault.${f}`, f), printer: (p) => known(`printer.${p}`, p) };
  const body = h('tbody');
  const head = h('tr', { 'aria-rowindex': 1 }, COLUMNS.map(([key]) => h('th', { scope: 'col', 'aria-sort': 'none' },
    h('button', { type: 'button', 'data-sort': key, onclick: () => { ascending = sortKey === key ? !ascending : true; sortKey = key; arrange(); } }, t(`fleet.${key}`)))));
  const table = h('table', { id: 'fleet' }, h('thead', {}, head), body);
  const region = h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': t('fleet.title'), onscroll: () => requestAnimationFrame(draw) }, table);
  const count = h('p', { class: 'count', role: 'status' });
  let filter = '';
  const search = h('input', { type: 'search', id: 'fleet-filter', oninput: (e) => { filter = e.target.value.trim().toLowerCase(); arrange(); } });
  const spacer = (px) => {
    const tr = h('tr', { class: 'pad', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS.length }));
    tr.style.height = `${px}px`;  // CSSOM, not a style attribute: the CSP allows no inline styles
    return tr;
  };
  // Lays out the rows the region's scroll position shows (plus the overscan) between two spacers that keep the
  // table its full height, so the scrollbar and scroll position mean what they would with every row present.
  function draw() {
    const top = Math.max(0, region.scrollTop - head.offsetHeight);
    const from = Math.max(0, Math.floor(top / ROW_PX) - OVERSCAN);
    const to = Math.min(rows.length, Math.ceil((top + (region.clientHeight || 900)) / ROW_PX) + OVERSCAN);
    if (from === shownFrom && to === shownTo) return;
    [shownFrom, shownTo] = [from, to];
    let html = '';
    for (let i = from; i < to; i++) html += row(rows[i], i, words);
    body.innerHTML = html;
    if (from > 0) body.prepend(spacer(from * ROW_PX));
    if (to < rows.length) body.append(spacer((rows.length - to) * ROW_PX));
  }
  function arrange() {
    const by = COLUMNS.find(([k]) => k === sortKey)[1];
    rows = filter ? data.machines.filter((m) => haystack.get(m).includes(filter)) : data.machines.slice();
    rows.sort((a, b) => { const p = by(a), q = by(b); return (p < q ? -1 : p > q ? 1 : 0) * (ascending ? 1 : -1); });
    table.setAttribute('aria-rowcount', rows.length + 1);
    for (const th of head.children) th.setAttribute('aria-sort', th.firstChild.dataset.sort === sortKey ? (ascending ? 'ascending' : 'descending') : 'none');
    count.textContent = t('fleet.machines', { n: rows.length, online: rows.filter((m) => m.online).length });
    shownFrom = shownTo = -1;
    draw();
  }
  const alertList = alerts(data.machines);
  view.replaceChildren(
    h('h1', {}, t('fleet.title')),
    h('section', { 'aria-labelledby': 'alerts-h' }, h('h2', { id: 'alerts-h' }, t('fleet.alerts')),
      alertList.shown.length ? h('ul', { class: 'alerts' }, alertList.shown.map((a) => h('li', {}, a)), alertList.more ? h('li', {}, t('fleet.alertsMore', { n: alertList.more })) : null)
        : h('p', {}, t('fleet.noAlerts'))),
    h('section', { 'aria-labelledby': 'map-h' }, h('h2', { id: 'map-h' }, t('fleet.map')), map(data.machines)),
    h('label', { for: 'fleet-filter' }, t('fleet.filter')), search, count, region);
  arrange();
}
