// "Explore schemes": published return rates against the deposit's real value with the fitted curve and its 80%
// band (an SVG chart with a data table beside it), and a what-if projection for a scheme of your own.
import {
  addStrings, captureEnglish, formatLocale, language, localize, localText, t,
  $, clear, debounce, el, svg,
} from './page-kit.js';
import strings from './i18n/en-explore.js';
import { errorText, stringsReady as errorStringsReady } from './errors.js';

// The section's markup below its intro (index.html carries only the first view's in full).
export { default as markup } from './sections/explore.html';

// Resolves once the section's strings are usable in the current language (app.js waits for it).
export const stringsReady = Promise.all([addStrings(strings, () => import('./i18n/zh-explore.js')), errorStringsReady]);

// The what-if form's labels for the fields the core names in its errors.
const WHAT_IF_LABELS = { depositMinor: 'wiDeposit', text: 'wiDeposit', containersPerYear: 'wiContainers', currency: 'currency' };

// The chart is drawn at the width it is shown (text stays 12 px on a phone); W and H are set per draw.
let W = 640;
let H = 380;
// The left margin holds the widest tick ("100%") clear of the rotated axis title.
const PAD = { l: 60, r: 14, t: 14, b: 52 };
const X_MIN = 1;    // US cents, log scale
const X_MAX = 100;
const CURRENCIES = ['USD', 'CAD', 'AUD', 'NZD', 'EUR', 'GBP', 'CHF', 'NOK', 'SEK', 'DKK', 'ISK', 'ILS', 'KRW', 'JPY', 'CNY', 'HKD', 'TWD', 'HUF', 'PLN', 'CZK', 'RON', 'SGD', 'TRY'];

// The China what-if: the cn-pilot scheme (assets/schemes/cn-pilot.json) at the deposit My refund's model uses for
// it (its 0.30 and 0.50 CNY averaged over the model's container mix), so both sections show one rate; population and
// containers placed (an assumption, shown as such) are the core's what-if defaults, which the China view shows too.
const CHINA = 'cn-pilot';

const xOf = (cents) => PAD.l + ((Math.log(cents) - Math.log(X_MIN)) / (Math.log(X_MAX) - Math.log(X_MIN))) * (W - PAD.l - PAD.r);
const yOf = (rate) => PAD.t + (1 - rate) * (H - PAD.t - PAD.b);

export function createExplore({ rl, root, state, schemes, onChange }) {
  const form = $('#whatif-form', root);
  const fields = { deposit: $('#wi-deposit', root), currency: $('#wi-currency', root), containers: $('#wi-containers', root), population: $('#wi-population', root) };
  let points = [];
  let curve = [];
  let whatIf = null;
  const fromScheme = { yearsInForce: 10, retail: true };  // of the scheme the what-if started from

  const name = (s) => (language() === 'zh' && s.nameZh ? s.nameZh : s.name);
  const num = (v, d = 0) => { const s = rl.formatNumber(v, formatLocale(), d); return typeof s === 'string' ? s : '—'; };
  const pct = (r) => `${num(r * 100, 0)}%`;
  // Large counts to three significant figures ("141 billion" reads better than twelve digits).
  // Chinese counts in 万 (10^4) and 亿 (10^8), English in millions and billions.
  const scales = () => (language() === 'zh' ? [[1e8, 'billion'], [1e4, 'million']] : [[1e9, 'billion'], [1e6, 'million']]);
  const big = (v) => {
    const found = scales().find(([div]) => Math.abs(v) >= div);
    return found ? t(found[1], { n: num(Number((v / found[0]).toPrecision(3)), 2) }) : num(v);
  };
  // Money the same way: the core formats the amount in units of the scale, the scale word follows.
  const bigMoney = (minor, cur) => {
    const found = scales().find(([div]) => Math.abs(minor) >= div * 100);
    return found ? t(found[1], { n: money(Math.round(minor / found[0]), cur) }) : money(minor, cur);
  };
  const money = (minor, cur) => { const s = rl.formatMoney(minor, cur, formatLocale()); return typeof s === 'string' ? s : '—'; };

  // [SECTION] Data: each scheme's latest published rate, at the refund its rules gave that year.
  function collect() {
    points = [];
    for (const s of schemes) {
      if (s.hypothetical || !s.returnRates.length) continue;
      const latest = s.returnRates.reduce((a, b) => (b.year > a.year ? b : a));
      const p = rl.predictReturnRate(s.id, `${latest.year}-07-01`);
      if (p.error) continue;  // e.g. no rule in force that year: nothing to place on the deposit axis
      points.push({ scheme: s, year: latest.year, rate: latest.rate, cents: p.features.realRefundUsd * 100, p });
    }
    curve = [];
    // The curve for a mature scheme with return to retail, in whole US cents at 2022 prices (the model's units).
    for (let i = 0; i <= 40; i++) {
      const cents = Math.round(X_MIN * (X_MAX / X_MIN) ** (i / 40));
      if (curve.length && curve[curve.length - 1].cents === cents) continue;
      const p = rl.predictReturnRate({ refundMinor: cents, currency: 'USD', year: 2022, returnToRetail: true, yearsInForce: 10 });
      if (!p.error) curve.push({ cents, ...p });
    }
  }

  // [SECTION] Chart
  function drawChart() {
    const host = $('#chart', root);
    W = Math.round(Math.min(760, Math.max(300, host.clientWidth || 640)));
    H = Math.round(W < 520 ? W * 0.85 : W * 0.56);
    clear(host);
    const lo = curve.find((c) => c.cents >= 2) || curve[0];
    const hi = curve[curve.length - 1];
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-labelledby': 'chart-t chart-d' },
      svg('title', { id: 'chart-t' }, t('exploreTitle')),
      svg('desc', { id: 'chart-d' }, lo && hi ? t('chartDesc', { n: points.length, lo: pct(lo.rate), loDep: '2¢', hi: pct(hi.rate), hiDep: `${X_MAX}¢` }) : ''));
    for (const r of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
      chart.append(svg('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: yOf(r), y2: yOf(r) }));
      chart.append(svg('text', { class: 'tick', x: PAD.l - 8, y: yOf(r) + 4, 'text-anchor': 'end' }, `${num(r * 100)}%`));
    }
    for (const c of [1, 2, 5, 10, 20, 50, 100]) {
      chart.append(svg('line', { class: 'grid', x1: xOf(c), x2: xOf(c), y1: PAD.t, y2: H - PAD.b }));
      chart.append(svg('text', { class: 'tick', x: xOf(c), y: H - PAD.b + 18, 'text-anchor': 'middle' }, `${num(c)}¢`));
    }
    chart.append(svg('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b }));
    chart.append(svg('text', { class: 'axis-title', x: (PAD.l + W - PAD.r) / 2, y: H - 10, 'text-anchor': 'middle' }, t(W < 560 ? 'axisDepositShort' : 'axisDeposit')));
    chart.append(svg('text', { class: 'axis-title', x: -(PAD.t + H - PAD.b) / 2, y: 14, transform: 'rotate(-90)', 'text-anchor': 'middle' }, t('axisRate')));
    if (curve.length) {
      const upper = curve.map((c) => `${xOf(c.cents).toFixed(1)},${yOf(c.high).toFixed(1)}`);
      const lower = curve.slice().reverse().map((c) => `${xOf(c.cents).toFixed(1)},${yOf(c.low).toFixed(1)}`);
      chart.append(svg('polygon', { class: 'band', points: [...upper, ...lower].join(' ') }));
      chart.append(svg('polyline', { class: 'fit', points: curve.map((c) => `${xOf(c.cents).toFixed(1)},${yOf(c.rate).toFixed(1)}`).join(' ') }));
    }
    // Each dot is focusable (keyboard, and a tap focuses it) and names itself on hover and focus; the selected
    // jurisdiction's name always shows. Labels right of the middle sit left of their dot, so none leaves the chart.
    for (const p of points) {
      const x = xOf(Math.min(Math.max(p.cents, X_MIN), X_MAX));
      const label = `${name(p.scheme)}: ${pct(p.rate)} (${p.year}), ${num(p.cents, 1)}¢`;
      const sel = p.scheme.id === state.scheme;
      const g = svg('g', { class: `pt${sel ? ' sel' : ''}`, tabindex: 0, role: 'img', 'aria-label': label });
      g.append(svg('circle', { class: `dot${sel ? ' sel' : ''}`, cx: x.toFixed(1), cy: yOf(p.rate).toFixed(1), r: 5 }));
      const right = x > W / 2;
      g.append(svg('text', { class: 'dot-label', x: right ? x - 9 : x + 9, y: yOf(p.rate) - 9, 'text-anchor': right ? 'end' : 'start' }, sel ? name(p.scheme) : label));
      chart.append(g);
    }
    if (whatIf && !whatIf.error && whatIf.cents) {
      const x = xOf(Math.min(Math.max(whatIf.cents, X_MIN), X_MAX));
      chart.append(svg('line', { class: 'whatif-bar', x1: x, x2: x, y1: yOf(whatIf.high), y2: yOf(whatIf.low) }));
      chart.append(svg('circle', { class: 'whatif', cx: x, cy: yOf(whatIf.rate), r: 7 }, svg('title', {}, t('whatIfPoint', { rate: pct(whatIf.rate), low: pct(whatIf.low), high: pct(whatIf.high) }))));
    }
    host.append(chart);
  }

  function drawTable() {
    const body = $('#chart-table tbody', root);
    clear(body);
    for (const p of points.slice().sort((a, b) => b.rate - a.rate)) {
      body.append(el('tr', {},
        el('th', { scope: 'row' }, name(p.scheme)),
        el('td', { class: 'num' }, `${num(p.p.features.refundMajor, 2)} ${p.scheme.currency}`),
        el('td', { class: 'num' }, `${num(p.cents, 1)}¢`),
        el('td', { class: 'num' }, pct(p.rate)),
        el('td', { class: 'num' }, String(p.year)),
        el('td', { class: 'num' }, `${pct(p.p.rate)} (${pct(p.p.low)}–${pct(p.p.high)})`)));
    }
  }

  // [SECTION] What-if
  function setError(field, key) {
    const p = $(`#wi-${field}-err`, root);
    const input = fields[field];
    p.hidden = !key;
    p.textContent = key ? t(key) : '';
    if (key) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  // A count as typed, read by the core: "141000000000", "1,410亿", "１４１０亿" are the same number.
  const COUNT_ERRORS = { empty_text: 'errEnterNumber', negative: 'errPositive', above_max: 'errTooLarge' };
  function wholeNumber(field) {
    const r = rl.parseCount(fields[field].value);
    const key = r.error ? COUNT_ERRORS[r.error.code] || 'errWholeNumber' : r.value === 0 ? 'errPositive' : null;
    setError(field, key);
    return key ? null : r.value;
  }

  // Starting points: the China what-if (the cn-pilot scheme) or the selected jurisdiction. Both start from a scheme's own deposit as the model reads it (its mean refund, the same call My refund makes).
  // Population and containers are the core's what-if defaults for the scheme; where it has none (every jurisdiction
  // but China's today) the reader enters them.
  function presetFrom(base) {
    const id = base === 'scheme' ? state.scheme : CHINA;
    const s = schemes.find((x) => x.id === id);
    const p = s && rl.predictReturnRate(s.id);
    if (!p || p.error) return;
    const unit = rl.parseMoney('1', s.currency);  // minor units in one major: the amount's decimals (none for KRW)
    fields.deposit.value = p.features.refundMajor.toFixed(unit.error ? 2 : String(unit.amountMinor).length - 1);
    fields.currency.value = s.currency;
    fromScheme.yearsInForce = p.features.yearsInForce;
    fromScheme.retail = s.returnToRetail;
    const d = rl.whatIfDefaults({ jurisdiction: id });
    const sourced = !d.error && d.sourced;
    fields.containers.value = sourced ? String(d.containersPlaced.value) : '';
    fields.population.value = sourced ? String(d.population.value) : '';
    $('#wi-containers-hint', root).textContent = !sourced ? t('wiEnterFigures', { name: name(s) })
      : d.containersPlaced.assumption ? t('wiAssumption') : '';
    $('#wi-deposit-hint', root).textContent = `${t(base === 'scheme' ? 'wiDepositScheme' : 'wiDepositChina', { name: name(s) })} ${t('wiDepositHint')}`;
  }

  function computeWhatIf() {
    const currency = fields.currency.value;
    const deposit = rl.parseMoney(fields.deposit.value.trim(), currency);
    setError('deposit', deposit.error ? 'errDeposit' : null);
    const containers = wholeNumber('containers');
    const population = wholeNumber('population');
    Object.assign(state.wi, { deposit: fields.deposit.value, currency, containers: fields.containers.value, population: fields.population.value });
    const banner = $('#whatif-error', root);
    const cards = $('#whatif-results .cards', root);
    const how = $('#whatif-results .how', root);
    const showError = (text) => {
      whatIf = null;
      banner.hidden = !text;
      banner.textContent = text;
      cards.hidden = how.hidden = !!text;  // a projection of the last good inputs must not stand beside the error
    };
    if (deposit.error || containers === null || population === null) {
      showError(t('errFieldsToFix'));
      drawChart();
      return;
    }
    const r = rl.project({ depositMinor: deposit.amountMinor, currency, containersPerYear: containers, returnToRetail: fromScheme.retail, yearsInForce: fromScheme.yearsInForce });
    showError(r.error ? errorText(r.error, (field) => (WHAT_IF_LABELS[field] ? t(WHAT_IF_LABELS[field]) : null), (minor, cur = currency) => money(minor, cur)) : '');
    whatIf = r.error ? null : { ...r.prediction, cents: r.prediction.features.realRefundUsd * 100 };
    if (!r.error) {
      const b = r.band;
      $('#p-rate', root).textContent = pct(r.prediction.rate);
      $('#p-rate-band', root).textContent = t('projectionBand', { low: pct(r.prediction.low), high: pct(r.prediction.high) });
      $('#p-returned', root).textContent = big(r.returned);
      $('#p-returned-band', root).textContent = `${t('projectionBand', { low: big(b.returned.p10), high: big(b.returned.p90) })} · ${t('perCapita', { n: num(r.returned / population, 0) })}`;
      $('#p-unclaimed', root).textContent = bigMoney(r.unredeemedMinor, currency);
      $('#p-unclaimed-band', root).textContent = t('projectionBand', { low: bigMoney(b.unredeemedMinor.p10, currency), high: bigMoney(b.unredeemedMinor.p90, currency) });
      $('#p-co2', root).textContent = `${big(r.tonnesCo2e)} t`;
      $('#p-co2-band', root).textContent = t('projectionBand', { low: big(b.tonnesCo2e.p10), high: big(b.tonnesCo2e.p90) });
      $('#m-projection', root).textContent = t('how_projection', { set: localText({ name: r.impact.factorSetName }, 'name', `set:${r.impact.factorSetId}:name`) });
    }
    drawChart();
  }

  const onInput = debounce(() => {
    computeWhatIf();
    onChange();
  }, 60);
  let lastWidth = 0;
  addEventListener('resize', debounce(() => {
    const w = $('#chart', root).clientWidth;
    if (w && w !== lastWidth) {
      lastWidth = w;
      drawChart();
    }
  }, 150));
  form.addEventListener('input', onInput);
  form.addEventListener('change', onInput);
  form.addEventListener('click', (ev) => {
    const b = ev.target.closest('[data-whatif]');
    if (!b) return;
    state.wi.base = b.dataset.whatif === 'scheme' ? 'scheme' : 'cn';
    presetFrom(state.wi.base);
    computeWhatIf();
    onChange();
  });

  // "Return rates over time" (web/history.js) and "If China had a deposit" (web/china.js) load the first time their
  // panel is opened.
  const views = [];
  function lazyPanel(id, load, create) {
    const panel = $(`#${id}`, root);
    panel.addEventListener('toggle', () => {
      if (!panel.open || panel.dataset.started) return;
      panel.dataset.started = 'true';
      load().then((m) => m.stringsReady.then(() => {
        const body = $(`#${id}-body`, panel);
        body.innerHTML = m.markup;
        captureEnglish(body);
        localize(body);
        const view = create(m, body);
        view.start();
        views.push(view);
        panel.dataset.ready = 'true';
      })).catch((e) => {
        $(`#${id}-body`, panel).textContent = t('loadFailed', { message: e && e.message ? e.message : String(e) });
      });
    });
  }
  lazyPanel('history', () => import('./history.js'), (m, body) => m.createHistory({ rl, root: body, schemes, state }));
  lazyPanel('china', () => import('./china.js'), (m, body) => m.createChina({ rl, root: body, schemes }));

  return {
    start() {
      for (const c of CURRENCIES) fields.currency.append(el('option', { value: c }, c));
      collect();
      presetFrom(state.wi.base);
      if (state.wi.deposit) fields.deposit.value = state.wi.deposit;
      if (CURRENCIES.includes(state.wi.currency)) fields.currency.value = state.wi.currency;
      if (state.wi.containers) fields.containers.value = state.wi.containers;
      if (state.wi.population) fields.population.value = state.wi.population;
      drawTable();
      computeWhatIf();
    },
    relabel() {
      const keep = { deposit: fields.deposit.value, containers: fields.containers.value, population: fields.population.value };
      presetFrom(state.wi.base);  // rewords the hints; the values typed stay
      Object.entries(keep).forEach(([k, v]) => { fields[k].value = v; });
      drawTable();
      computeWhatIf();
      views.forEach((v) => v.relabel());
    },
    // Started while hidden, the chart was drawn at a default width: redraw at the real one.
    shown() {
      requestAnimationFrame(() => {
        const w = $('#chart', root).clientWidth;
        if (w && w !== lastWidth) {
          lastWidth = w;
          drawChart();
        }
      });
    },
  };
}
