// "If China had a deposit": the cn-pilot scheme's projected return rate with its band (the core's projection, the
// same call and inputs as Explore's China what-if), set against what a returned bottle fetches in China today, the
// containers a person uses (the reader can change it; the totals follow) and the rate at four deposits (an SVG
// chart with the same figures as a table). Loaded the first time its panel in "Explore schemes" is opened.
import { addStrings, formatLocale, language, t, $, clear, el, svg } from './page-kit.js';
import strings from './i18n/en-china.js';
// Bundled from the data folder (the build resolves "assets/" from the project root): what a bottle fetches today and
// the words on what the figures rest on, each with its source; the counts themselves are the core's (whatIfDefaults).
import facts from 'assets/china/deposit-context.json';

// The panel's markup (its English is read from it).
export { default as markup } from './sections/china.html';

export const stringsReady = addStrings(strings, () => import('./i18n/zh-china.js'));

const SCHEME = 'cn-pilot';
// The chart's deposits in fen (0.10, 0.30, 0.50 and 1.00 yuan): the pilot's own two and a step either side.
const CHART_DEPOSITS = [10, 30, 50, 100];
const PAD = { l: 60, r: 20, t: 16, b: 52 };
const COUNT_ERRORS = { empty_text: 'errEnterNumber', negative: 'errPositive', above_max: 'errTooLarge' };

export function createChina({ rl, root, schemes }) {
  const input = $('#cn-per-person', root);
  const scheme = schemes.find((s) => s.id === SCHEME);
  const num = (v, d = 0) => { const s = rl.formatNumber(v, formatLocale(), d); return typeof s === 'string' ? s : '—'; };
  const pct = (r) => `${num(r * 100, 0)}%`;
  const money = (minor) => { const s = rl.formatMoney(minor, scheme.currency, formatLocale()); return typeof s === 'string' ? s : '—'; };
  const zh = () => language() === 'zh';
  // Counts and money to three significant figures in 亿 (10^8) or billions, as the what-if shows them.
  const scale = () => (zh() ? 1e8 : 1e9);
  const big = (v) => t('billion', { n: num(Number((v / scale()).toPrecision(3)), 2) });
  const bigMoney = (minor) => t('billion', { n: money(Math.round(minor / scale())) });

  // The inputs of Explore's China what-if: the pilot's deposit as the model reads it (its amounts averaged over the
  // model's container mix) in whole fen, its return to retail and its years in force.
  const base = rl.predictReturnRate(SCHEME);
  const baseDeposit = base.error ? base : rl.parseMoney(base.features.refundMajor.toFixed(2), scheme.currency);
  const projectAt = (depositMinor, containersPerYear) => rl.project({ depositMinor, currency: scheme.currency, containersPerYear,
    returnToRetail: scheme.returnToRetail, yearsInForce: base.features.yearsInForce });
  // The what-if's starting figures as the core read them from the same file: population and containers a person.
  const defaults = rl.whatIfDefaults({ jurisdiction: SCHEME });
  const population = defaults.error || !defaults.sourced ? 0 : defaults.population.value;
  const perPerson = population ? defaults.containersPerPerson.value : 0;
  const placed = () => population * perPerson;

  function showRate() {
    const r = projectAt(baseDeposit.amountMinor, placed());
    $('#cn-rate', root).textContent = pct(r.prediction.rate);
    $('#cn-rate-band', root).textContent = t('chinaBand', { low: pct(r.prediction.low), high: pct(r.prediction.high), deposit: money(baseDeposit.amountMinor) });
  }

  function showInformal() {
    const prices = facts.informalPrices.slice().sort((a, b) => a.perBottleMinor - b.perBottleMinor);
    $('#cn-informal', root).textContent = `${money(prices[0].perBottleMinor)}–${money(prices[prices.length - 1].perBottleMinor)}`;
    const list = $('#cn-informal-sources', root);
    clear(list);
    for (const p of prices) {
      list.append(el('li', { 'data-price': p.id }, t('chinaPriceBy', { price: money(p.perBottleMinor), who: zh() ? p.whoZh : p.who, year: p.year }), ' ',
        el('a', { href: p.source.url, rel: 'noopener', target: '_blank', class: 'cite' }, zh() ? p.source.titleZh : p.source.title)));
    }
  }

  // The reader's containers per person: the core reads the count as typed ("100", "１００"); wrong input names the
  // field, hides the totals of the last good value and keeps the rest.
  function showTotals() {
    const parsed = rl.parseCount(input.value);
    const key = parsed.error ? COUNT_ERRORS[parsed.error.code] || 'errWholeNumber' : parsed.value === 0 ? 'errPositive' : null;
    const err = $('#cn-per-person-err', root);
    err.hidden = !key;
    err.textContent = key ? `${t('chinaPerPerson')}: ${t(key)}` : '';
    if (key) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    $('#cn-totals', root).hidden = !!key;
    if (key) return;
    const containers = parsed.value * population;
    const r = projectAt(baseDeposit.amountMinor, containers);
    if (r.error) {
      err.hidden = false;
      err.textContent = `${t('chinaPerPerson')}: ${t('errTooLarge')}`;
      $('#cn-totals', root).hidden = true;
      return;
    }
    $('#cn-returned', root).textContent = big(r.returned);
    $('#cn-placed', root).textContent = t('chinaPlaced', { placed: big(r.placed), people: big(population), per: num(parsed.value) });
    $('#cn-refunded', root).textContent = bigMoney(r.refundsPaidMinor);
    $('#cn-unclaimed', root).textContent = t('chinaUnclaimed', { money: bigMoney(r.unredeemedMinor) });
    root.dataset.returned = String(r.returned);
    root.dataset.refunded = String(r.refundsPaidMinor);
  }

  function showBasis() {
    const source = facts.population.source;
    $('#cn-basis', root).textContent = t('chinaBasis', {
      people: big(population), year: defaults.population.year, source: zh() ? source.titleZh : source.title,
      basis: zh() ? facts.containersPlaced.basisZh : facts.containersPlaced.basis, per: num(perPerson) });
  }

  function drawChart() {
    const points = CHART_DEPOSITS.map((minor) => ({ minor, ...projectAt(minor, placed()).prediction }));
    const host = $('#cn-chart', root);
    const W = Math.round(Math.min(640, Math.max(300, host.clientWidth || 560)));
    const H = Math.round(W < 520 ? W * 0.75 : W * 0.5);
    const x = (i) => PAD.l + ((i + 0.5) / points.length) * (W - PAD.l - PAD.r);
    const y = (rate) => PAD.t + (1 - rate) * (H - PAD.t - PAD.b);
    const desc = t('chinaChartDesc', { points: points.map((p) => `${money(p.minor)}: ${pct(p.rate)}`).join(t('chinaListSep')) });
    clear(host);
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-labelledby': 'cn-chart-t cn-chart-d' },
      svg('title', { id: 'cn-chart-t' }, t('chinaChartTitle')), svg('desc', { id: 'cn-chart-d' }, desc));
    for (const r of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
      chart.append(svg('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y(r), y2: y(r) }));
      chart.append(svg('text', { class: 'tick', x: PAD.l - 8, y: y(r) + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, `${num(r * 100)}%`));
    }
    chart.append(svg('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b }));
    chart.append(svg('text', { class: 'axis-title', x: (PAD.l + W - PAD.r) / 2, y: H - 8, 'text-anchor': 'middle', 'aria-hidden': 'true' }, t('chinaAxisDeposit')));
    chart.append(svg('text', { class: 'axis-title', x: -(PAD.t + H - PAD.b) / 2, y: 14, transform: 'rotate(-90)', 'text-anchor': 'middle', 'aria-hidden': 'true' }, t('chinaAxisRate')));
    chart.append(svg('polyline', { class: 'rate-line', points: points.map((p, i) => `${x(i).toFixed(1)},${y(p.rate).toFixed(1)}`).join(' ') }));
    points.forEach((p, i) => {
      const label = t('chinaPoint', { deposit: money(p.minor), rate: pct(p.rate), low: pct(p.low), high: pct(p.high) });
      const g = svg('g', { class: 'pt', tabindex: '0', role: 'img', 'aria-label': label, 'data-deposit': p.minor, 'data-rate': p.rate }, svg('title', {}, label));
      g.append(svg('line', { class: 'band-bar', x1: x(i), x2: x(i), y1: y(p.high), y2: y(p.low) }));
      g.append(svg('circle', { class: 'dot', cx: x(i).toFixed(1), cy: y(p.rate).toFixed(1), r: 5 }));
      g.append(svg('text', { class: 'tick', x: x(i), y: H - PAD.b + 18, 'text-anchor': 'middle', 'aria-hidden': 'true' }, money(p.minor)));
      g.append(svg('text', { class: 'dot-label', x: x(i) + 9, y: y(p.rate) - 6, 'aria-hidden': 'true' }, pct(p.rate)));
      chart.append(g);
    });
    host.append(chart);
    $('#cn-summary', root).textContent = desc;
    const body = $('#cn-table tbody', root);
    clear(body);
    for (const p of points) {
      body.append(el('tr', {}, el('th', { scope: 'row', class: 'num' }, money(p.minor)), el('td', { class: 'num' }, pct(p.rate)),
        el('td', { class: 'num' }, `${pct(p.low)}–${pct(p.high)}`)));
    }
  }

  function render() {
    if (base.error || baseDeposit.error || !population) {
      root.textContent = t('chinaUnavailable');
      return;
    }
    showRate();
    showInformal();
    showBasis();
    showTotals();
    drawChart();
  }

  input.addEventListener('input', showTotals);
  return {
    start() {
      input.value = String(perPerson);
      render();
    },
    relabel: render,
  };
}
