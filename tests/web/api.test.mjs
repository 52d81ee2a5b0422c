// The web module's JS API under node (node --test): data loaded on demand (start data, then scheme files), golden
// deposits from the laws, quotes, validation errors at their paths, the model's output shape, money formatting
// checked against Intl, and bad input as values.
// RETURNLOOP_DIST points at an assembled dist/ (default build/wasm-release/dist).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.env.RETURNLOOP_DIST || join(import.meta.dirname, '../../build/wasm-release/dist'));
const modulePath = join(dist, 'web', 'returnloop.js');
// A data file of dist/ by the plain name a reader is given ("schemes/de.bin"): built, it is named by content hash.
let builtNames;
function distData(path) {
  builtNames ||= JSON.parse(readFileSync(join(dist, 'built-names.json'), 'utf8'));
  const dir = path.replace(/\/.*/s, '/');
  return join(dist, 'data', builtNames[path] || (builtNames[dir] ? builtNames[dir] + path.slice(dir.length) : path));
}
let createReturnLoop;
let rl;  // every preset loaded

const c = (material, volumeMl, category, refillable = false) => ({ material, volumeMl, category, refillable });
const CAN = c('aluminium', 355, 'soft_drink');
const PET500 = c('pet', 500, 'water');

before(async () => {
  assert.ok(existsSync(modulePath), `${modulePath} is missing: build the wasm-release preset (scripts/build-web-dist)`);
  ({ default: createReturnLoop } = await import(pathToFileURL(modulePath)));
  rl = await createReturnLoop();
  assert.deepEqual(await rl.loadSchemes(), []);
});

// The snapshots leave the Chinese data texts in the JSON files (first-load budget): answers compare without them.
const withoutChinese = (v) => (Array.isArray(v) ? v.map(withoutChinese) : v && typeof v === 'object'
  ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'summaryZh' || k === 'titleZh' ? '' : withoutChinese(x)])) : v);

describe('the module starts', () => {
  test('with every scheme, factor and model file valid', () => {
    assert.deepEqual(rl.initErrors, []);
    assert.equal(rl.schemes('2024-06-01').length, rl.presets().length);
  });
  test('with the preset list and no scheme file, loading one when asked', async () => {
    const fresh = await createReturnLoop();
    assert.ok(fresh.presets().length >= 50);
    assert.deepEqual(fresh.presets().find((p) => p.id === 'de'), { id: 'de', name: 'Germany', nameZh: '德国', country: 'DE', currency: 'EUR', status: 'in_force' });
    assert.deepEqual(fresh.schemes('2024-06-01'), []);
    assert.equal(fresh.deposit('de', PET500, '2024-06-01').error.path, 'scheme');
    assert.deepEqual(await fresh.loadSchemes(['de']), []);
    assert.deepEqual(fresh.schemes('2024-06-01').map((s) => s.id), ['de']);
    assert.equal(fresh.deposit('de', PET500, '2024-06-01').amountMinor, 25);
    // The figures of the first view need no other scheme file: the factors and the model came with the start data.
    const h = fresh.household({ scheme: 'de', lines: [{ container: CAN, count: 2 }] });
    assert.equal(h.error, undefined, JSON.stringify(h.error));
    assert.ok(h.impact.kgCo2e > 0);
  });
  test('schemes asked for at start are fetched with the module', async () => {
    const fresh = await createReturnLoop({ schemes: ['us-or', 'zz'] });
    assert.equal(fresh.isLoaded('us-or'), true);
    assert.deepEqual(fresh.initErrors, []);
  });
  test('an unknown preset id is a problem value, not an exception', async () => {
    const problems = await rl.loadSchemes(['zz', 'de']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, 'scheme');
    assert.equal((await rl.schemeSource('zz')).error.path, 'scheme');
  });
  test('a scheme file that cannot be read is reported and tried again later', async () => {
    let fail = true;
    const fresh = await createReturnLoop({
      read: async (path) => {
        if (path === 'schemes/de.bin' && fail) throw new Error('offline');
        return readFile(distData(path));
      },
    });
    const problems = await fresh.loadSchemes(['de']);
    assert.equal(problems[0].path, 'schemes/de.bin');
    assert.match(problems[0].message, /offline/);
    fail = false;
    assert.deepEqual(await fresh.loadSchemes(['de']), []);
    assert.equal(fresh.isLoaded('de'), true);
  });
  test('the JSON files (validated by the core) and the snapshots give the same answers for every preset', async () => {
    const json = await createReturnLoop({ from: 'json' });
    assert.deepEqual(await json.loadSchemes(), []);
    assert.deepEqual(json.initErrors, []);
    assert.deepEqual(withoutChinese(json.schemes('2024-06-01')), rl.schemes('2024-06-01'));
    assert.ok(json.schemes('2024-06-01').every((s) => s.summaryZh && s.sources.every((src) => src.titleZh)));
    assert.deepEqual(json.factors(), rl.factors());
    assert.deepEqual(json.modelInfo(), rl.modelInfo());
    const lines = [CAN, PET500, c('glass', 750, 'wine'), c('hdpe', 2000, 'dairy')].map((container) => ({ container, count: 3 }));
    for (const p of rl.presets()) {
      assert.deepEqual(withoutChinese(json.household({ scheme: p.id, lines, date: '2024-06-01' })), withoutChinese(rl.household({ scheme: p.id, lines, date: '2024-06-01' })), p.id);
      assert.deepEqual(json.predictReturnRate(p.id, '2024-06-01'), rl.predictReturnRate(p.id, '2024-06-01'), p.id);
    }
  });
  test('a broken JSON data file is named in the load errors', async () => {
    const fresh = await createReturnLoop({
      from: 'json',
      read: async (path) => {
        const text = await readFile(distData(path), 'utf8');
        return path === 'schemes/de.json' ? text.replace('"currency": "EUR"', '"currency": "EURO"') : text;
      },
    });
    const problems = await fresh.loadSchemes(['de']);
    assert.equal(problems.length, 1);
    assert.match(problems[0].path, /^schemes\/de\.json: currency$/);
    assert.ok(fresh.initErrors.some((e) => e.path === 'schemes/de.json: currency'));
    assert.equal(fresh.isLoaded('de'), false);
  });
  test('the first view’s module answers a household exactly as the full one, and full() swaps in every call', async () => {
    const lite = await createReturnLoop({ lite: true, schemes: ['us-or'] });
    const params = { scheme: 'us-or', date: '2024-06-01', lines: [{ container: CAN, count: 10, per: 'week' }, { container: PET500, count: 3 }] };
    assert.deepEqual(lite.household(params), withoutChinese(rl.household(params)));
    assert.equal(lite.household({ ...params, locale: 'de-DE' }).text.deposits, rl.household({ ...params, locale: 'de-DE' }).text.deposits);
    assert.deepEqual(lite.schemes('2024-06-01'), rl.schemes('2024-06-01').filter((s) => s.id === 'us-or'));
    // A scheme without a published rate: the model's estimate comes from the first view's module too.
    await lite.loadSchemes(['ie']);
    const ie = { scheme: 'ie', date: '2024-06-01', lines: [{ container: CAN, count: 4 }] };
    assert.equal(lite.household(ie).returnRate.basis, 'model');
    assert.deepEqual(lite.household(ie), withoutChinese(rl.household(ie)));
    assert.match(lite.deposit('us-or', PET500, '2024-06-01').error.message, /full module/);
    assert.match(lite.validateScheme('{}').error.message, /full module/);
    // The page's money is the household's text: formatting money is the full module's; numbers (the CO2e and energy
    // breakdown, the form's limit) the first view's module formats too.
    assert.match(lite.formatMoney(123456, 'EUR', 'de-DE').error.message, /full module/);
    assert.equal(lite.formatNumber(1234.5, 'de-DE', 1), '1.234,5');
    await lite.full();
    assert.equal(lite.formatMoney(123456, 'EUR', 'de-DE'), rl.formatMoney(123456, 'EUR', 'de-DE'));
    assert.equal(lite.formatNumber(1234.5, 'de-DE', 1), rl.formatNumber(1234.5, 'de-DE', 1));
    assert.equal(lite.deposit('us-or', PET500, '2024-06-01').amountMinor, 10);
    assert.equal(lite.deposit('ie', CAN, '2024-06-01').error, undefined);
    assert.deepEqual(lite.household(params), rl.household(params));
    // The factor tables' texts, left out of the first view's start data, came with the full module.
    assert.deepEqual(lite.factors(), rl.factors());
    assert.deepEqual(lite.modelInfo(), rl.modelInfo());
    assert.ok(rl.factors().emissionSets[0].description.length > 0);
    assert.deepEqual(lite.initErrors, []);
  });
  test('a damaged snapshot is refused with a message, at every length, in both modules', async () => {
    const whole = await readFile(distData('schemes/us-ca.bin'));
    for (const lite of [true, false]) {
      for (const cut of [0, 3, 4, 5, 40, whole.length >> 1, whole.length - 1]) {
        const fresh = await createReturnLoop({
          lite,
          read: async (path) => (path === 'schemes/us-ca.bin' ? whole.subarray(0, cut) : readFile(distData(path))),
        });
        const problems = await fresh.loadSchemes(['us-ca']);
        assert.equal(problems.length, 1, `cut at ${cut}`);
        assert.equal(problems[0].path, 'snapshot');
        assert.equal(fresh.isLoaded('us-ca'), false);
      }
    }
    const start = await readFile(distData('start.bin'));
    const broken = await createReturnLoop({ lite: true, read: async (path) => (path === 'start.bin' ? start.subarray(0, 100) : readFile(distData(path))) });
    assert.equal(broken.initErrors[0].path, 'start.bin: snapshot');
    await broken.loadSchemes(['de']);
    assert.equal(broken.household({ scheme: 'de', lines: [] }).error.path, 'factors');
  });
});

describe('deposits are the laws’ (golden cases from deposit-data.md)', () => {
  const cases = [
    ['California: under 24 fl oz (709 mL) pays 5 cents', 'us-ca', c('aluminium', 709, 'soft_drink'), '2024-06-01', 5, '$0.05'],
    ['California: 24 fl oz and larger pays 10 cents', 'us-ca', c('pet', 710, 'soft_drink'), '2024-06-01', 10, '$0.10'],
    ['Oregon: 5 cents before 1 April 2017', 'us-or', PET500, '2016-06-01', 5, '$0.05'],
    ['Oregon: 10 cents from 1 April 2017', 'us-or', PET500, '2024-06-01', 10, '$0.10'],
    ['Germany: 25 euro cents on single-use bottles', 'de', PET500, '2024-06-01', 25, '€0.25'],
    ['Saskatchewan: glass of 1 L or more pays 40 cents', 'ca-sk', c('glass', 1000, 'soft_drink'), '2024-06-01', 40, 'CA$0.40'],
    ['New South Wales: 10 cents', 'au-nsw', c('aluminium', 375, 'beer'), '2024-06-01', 10, 'A$0.10'],
  ];
  for (const [name, scheme, container, date, minor, formatted] of cases) {
    test(name, () => {
      const d = rl.deposit(scheme, container, date);
      assert.equal(d.eligible, true);
      assert.equal(d.amountMinor, minor);
      assert.equal(d.formatted, formatted);
    });
  }
  test('Hawaii: 5 cents plus a non-refundable 1 cent container fee', () => {
    const d = rl.deposit('us-hi', CAN, '2024-06-01');
    assert.equal(d.amountMinor, 5);
    assert.equal(d.nonRefundableFeeMinor, 1);
  });
  test('New Brunswick: half-back until March 2024, pay 10 cents and get 5 back', () => {
    const d = rl.deposit('ca-nb', c('pet', 500, 'soft_drink'), '2023-06-01');
    assert.equal(d.amountMinor, 10);
    assert.equal(d.refundMinor, 5);
  });
  test('Michigan: wine is not covered, and the reason says so', () => {
    const d = rl.deposit('us-mi', c('glass', 750, 'wine'), '2024-06-01');
    assert.equal(d.eligible, false);
    assert.equal(d.reason, 'category_not_covered');
    assert.equal(d.amountMinor, 0);
  });
});

describe('counts as people type them (the core reads them; full-width digits, separators, 万 and 亿)', () => {
  test('the same number written five ways', () => {
    for (const text of ['141000000000', '141,000,000,000', '１４１０亿', '1410亿', '1,410亿']) {
      assert.deepEqual(rl.parseCount(text), { value: 141000000000 }, text);
    }
    assert.deepEqual(rl.parseCount('3万'), { value: 30000 });
    assert.deepEqual(rl.parseCount('６'), { value: 6 });
  });
  test('what is not a count is an error with its code, and max holds', () => {
    assert.equal(rl.parseCount('').error.code, 'empty_text');
    assert.equal(rl.parseCount('six').error.code, 'not_whole_number');
    assert.equal(rl.parseCount('1.5').error.code, 'not_whole_number');
    assert.equal(rl.parseCount('-3').error.code, 'negative');
    assert.equal(rl.parseCount('10001', 10000).error.code, 'above_max');
    assert.equal(rl.parseCount('1', 2 ** 60).error.path, 'max');
  });
});

describe('quotes', () => {
  test('a California basket: six cans at 5 cents and two 1 L bottles at 10 cents is $0.50', () => {
    const q = rl.quote('us-ca', [{ container: CAN, count: 6 }, { container: c('pet', 1000, 'soft_drink'), count: 2 }], '2024-06-01');
    assert.equal(q.totalMinor, 50);
    assert.equal(q.formatted, '$0.50');
    assert.equal(q.currency, 'USD');
    assert.deepEqual(q.lines.map((l) => l.lineMinor), [30, 20]);
    assert.equal(q.eligibleCount, 8);
  });
  test('uncovered lines count nothing and carry their reason', () => {
    const q = rl.quote('us-mi', [{ container: c('glass', 750, 'wine'), count: 3 }], '2024-06-01');
    assert.equal(q.totalMinor, 0);
    assert.equal(q.lines[0].reason, 'category_not_covered');
  });
  test('a negative count is an error naming the item', () => {
    assert.deepEqual(rl.quote('de', [{ container: PET500, count: -1 }]).error.path, 'items[0].count');
  });
  test('a count that would overflow int64 money is an error, not a wrong total', () => {
    const q = rl.quote('de', [{ container: PET500, count: 9007199254740991n * 1000n }]);
    assert.equal(q.error.path, 'items[0].count');
  });
});

describe('scheme validation names each problem’s path', () => {
  test('every preset validates', async () => {
    for (const s of rl.schemes()) assert.equal(rl.validateScheme(await rl.schemeSource(s.id)).ok, true, s.id);
  });
  test('malformed JSON gives its position', () => {
    const r = rl.validateScheme('{"id": "de", ');
    assert.equal(r.ok, false);
    assert.match(r.errors[0].message, /malformed JSON/);
  });
  test('maxMl below minMl is reported at rules[0].maxMl', async () => {
    const doc = JSON.parse(await rl.schemeSource('us-or'));
    doc.rules[0].minMl = 1000;
    doc.rules[0].maxMl = 500;
    const r = rl.validateScheme(JSON.stringify(doc));
    assert.equal(r.ok, false);
    assert.ok(r.errors.some((e) => e.path === 'rules[0].maxMl'), JSON.stringify(r.errors));
  });
  test('errors carry a typed code, its arguments and their place for the page to word', async () => {
    const doc = JSON.parse(await rl.schemeSource('us-or'));
    doc.rules[0].minMl = 1000;
    doc.rules[0].maxMl = 500;
    const r = rl.validateScheme(JSON.stringify(doc));
    const e = r.errors.find((x) => x.code === 'max_below_min');
    assert.ok(e, JSON.stringify(r.errors));
    assert.deepEqual({ list: e.list, index: e.index, field: e.field, args: e.args },
      { list: 'rules', index: 0, field: 'maxMl', args: { max: '500', min: '1000' } });
    const junk = rl.validateScheme('{"id": "de", ');
    assert.equal(junk.errors[0].code, 'json_malformed');
    assert.deepEqual(junk.errors[0].args, { line: '1', column: '14' });
    const what = rl.project({ depositMinor: 10, currency: 'CNY', containersPerYear: 1e14 });
    assert.equal(what.error.code, 'too_many');
    assert.equal(what.error.field, 'containersPerYear');
  });
  test('a misspelt field is named', async () => {
    const doc = JSON.parse(await rl.schemeSource('us-or'));
    doc.rules[0].maxML = 500;
    const r = rl.validateScheme(JSON.stringify(doc));
    assert.ok(r.errors.some((e) => e.path === 'rules[0].maxML'), JSON.stringify(r.errors));
  });
  test('a scheme loaded with useScheme is decided like a preset', async () => {
    const doc = JSON.parse(await rl.schemeSource('de'));
    doc.id = 'xx';
    const u = rl.useScheme(JSON.stringify(doc));
    assert.equal(u.ok, true);
    assert.equal(rl.deposit(u.id, PET500, '2024-06-01').amountMinor, 25);
  });
});

describe('the model', () => {
  test('predicts a rate inside its 80% band for every scheme with a published rate', () => {
    for (const s of rl.schemes().filter((x) => x.returnRates.length && !x.hypothetical)) {
      const p = rl.predictReturnRate(s.id);
      if (p.error) continue;  // a scheme with no rule on the reference basket today
      assert.ok(p.low > 0 && p.low <= p.rate && p.rate <= p.high && p.high < 1, `${s.id}: ${JSON.stringify(p)}`);
      assert.equal(p.level, 0.8);
    }
  });
  test('a higher what-if deposit predicts a higher return rate', () => {
    const low = rl.predictReturnRate({ refundMinor: 5, currency: 'USD', year: 2022 });
    const high = rl.predictReturnRate({ refundMinor: 25, currency: 'USD', year: 2022 });
    assert.ok(high.rate > low.rate, `${low.rate} -> ${high.rate}`);
  });
  test('a household year: deposits, refund and what is left add up exactly', () => {
    const h = rl.household({ scheme: 'us-or', date: '2024-06-01', returnRate: 0.5, lines: [{ container: CAN, count: 10, per: 'week' }] });
    assert.equal(h.containersPerYear, 520);
    assert.equal(h.depositsMinor, 5200);
    assert.equal(h.refundMinor + h.unreturnedMinor, h.depositsMinor);
    assert.equal(h.returnRate.basis, 'user');
    assert.ok(h.impact.kgCo2e > 0 && h.impact.kwh > 0);
    assert.ok(h.impact.equivalents.length > 0);
    assert.ok(h.factorSources.length > 0 && h.sources.length > 0);
    assert.equal(h.text.deposits, '$52.00');
  });
  test('a household year carries its figures worded by the core in the locale asked for', () => {
    const ask = (locale) => rl.household({ scheme: 'de', date: '2024-06-01', returnRate: 0.055, locale, lines: [{ container: CAN, count: 10, per: 'week' }] }).text;
    const de = ask('de-DE');
    assert.equal(de.deposits, '130,00\u00a0€');
    assert.equal(de.rate, '5,5%');
    assert.equal(de.notReturned, '95%');
    assert.equal(de.containersPerYear, '520');
    assert.equal(de.lines[0].amount, '0,25\u00a0€');
    assert.equal(ask('zh-CN').deposits, '€130.00');
    assert.equal(ask().rate, '5.5%', 'en-US by default');
  });
  test('numbers reach the core as typed: short decimals exactly, long ones to 15 digits, whole numbers stay whole', () => {
    const rateOf = (rate) => rl.household({ scheme: 'us-or', date: '2024-06-01', returnRate: rate, lines: [{ container: CAN, count: 3, per: 'week' }] }).returnRate.rate;
    for (const rate of [0.37, 0.905, 0.0159, 0.125, 1e-7, 0.999999999999999]) assert.equal(rateOf(rate), rate);
    for (const rate of [0.1 + 0.2, 1 / 3, 2 / 3]) assert.ok(Math.abs(rateOf(rate) - rate) <= 4 * Number.EPSILON * rate, `${rate}`);
    assert.equal(rl.formatNumber(123456789.5, 'en-US', 1), '123,456,789.5');
    assert.equal(rl.formatNumber(-1.5e-7 * 1e7, 'en-US', 1), '-1.5');
    assert.equal(rl.household({ scheme: 'us-or', lines: [{ container: CAN, count: 2.5 }] }).error.code, 'not_whole_number');
  });
  test('a household without a rate uses the latest published one', () => {
    const h = rl.household({ scheme: 'us-or', lines: [{ container: CAN, count: 1 }] });
    assert.equal(h.returnRate.basis, 'observed');
  });
  test('the what-if starts from the core\'s sourced figures: China\'s population and containers, none elsewhere', () => {
    const cn = rl.whatIfDefaults({ jurisdiction: 'cn-pilot' });
    assert.equal(cn.sourced, true);
    assert.deepEqual(cn.population, { value: 1409670000, sourceId: 'nbs-2023', year: 2023, assumption: false });
    assert.deepEqual(cn.containersPlaced, { value: 141000000000, sourceId: '', year: 2023, assumption: true });
    assert.equal(cn.containersPerPerson.value, 100);
    assert.deepEqual(rl.whatIfDefaults({ jurisdiction: 'de' }), { jurisdiction: 'de', sourced: false });
    assert.equal(rl.whatIfDefaults({}).error.code, 'missing_field');
    assert.equal(rl.whatIfDefaults({}).error.field, 'jurisdiction');
  });
  test('the China what-if projects with a band', () => {
    const p = rl.project({ depositMinor: 30, currency: 'CNY', containersPerYear: 141e9, returnToRetail: true });
    assert.equal(p.error, undefined, JSON.stringify(p.error));
    assert.ok(p.band.rate.p10 < p.prediction.rate && p.prediction.rate < p.band.rate.p90);
    assert.equal(p.depositsCollectedMinor, p.refundsPaidMinor + p.unredeemedMinor);
    assert.ok(p.tonnesCo2e > 0);
  });
  test('factor sets and model statistics are there for "Sources and methods"', () => {
    const f = rl.factors();
    assert.ok(f.emissionSets.length > 0 && f.sources.length > 0);
    const m = rl.modelInfo();
    assert.ok(m.observations > 10 && m.jurisdictions > 5 && m.nestedCoverage > 0);
  });
});

describe('money is formatted by the core, as Intl formats it', () => {
  const cases = [[1234567, 'EUR', 'de-DE'], [5, 'USD', 'en-US'], [7800, 'USD', 'zh-CN'], [30, 'CNY', 'zh-CN'],
    [-250, 'CAD', 'fr-CA'], [123456, 'NOK', 'nb-NO'], [1000, 'JPY', 'en-US'], [99, 'SEK', 'sv-SE'], [1050, 'GBP', 'en-GB']];
  for (const [minor, currency, locale] of cases) {
    test(`${minor} ${currency} in ${locale}`, () => {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
      const intl = new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
      assert.equal(rl.formatMoney(minor, currency, locale), intl);
    });
  }
  test('numbers follow the locale too', () => {
    assert.equal(rl.formatNumber(1234.5, 'de-DE', 1), '1.234,5');
    assert.equal(rl.formatNumber(1234.5, 'zh-CN', 1), '1,234.5');
  });
});

describe('bad input comes back as values, never as exceptions', () => {
  const bad = [
    ['an unknown scheme', () => rl.deposit('zz', PET500), 'scheme'],
    ['an unknown material', () => rl.deposit('de', c('plastic', 500, 'water')), 'container.material'],
    ['a volume that is not a whole number', () => rl.deposit('de', c('pet', 'big', 'water')), 'container.volumeMl'],
    ['a malformed date', () => rl.deposit('de', PET500, '2023-02-30'), 'date'],
    ['an unknown currency', () => rl.formatMoney(100, 'XXX', 'en-US'), 'currency'],
    ['a fractional amount', () => rl.formatMoney(1.5, 'USD', 'en-US'), 'amountMinor'],
    ['household lines that are not an array', () => rl.household({ scheme: 'de', lines: 'many' }), 'lines'],
    ['a negative household count', () => rl.household({ scheme: 'de', lines: [{ container: CAN, count: -3 }] }), 'lines[0].count'],
    ['a huge household count', () => rl.household({ scheme: 'de', lines: [{ container: CAN, count: 1e9 }] }), 'lines[0].count'],
    ['a return rate above 1', () => rl.household({ scheme: 'de', returnRate: 2, lines: [] }), 'returnRate'],
    ['a what-if with no containers', () => rl.project({ depositMinor: 10, currency: 'USD', containersPerYear: 0 }), 'containersPerYear'],
  ];
  for (const [name, call, path] of bad) {
    test(name, () => {
      const r = call();
      assert.ok(r && r.error, `expected an error, got ${JSON.stringify(r).slice(0, 200)}`);
      assert.equal(r.error.path, path);
      assert.ok(r.error.message.length > 5);
    });
  }
  test('a megabyte of junk is a validation error, not a crash', () => {
    const r = rl.validateScheme('{'.repeat(1 << 20));
    assert.equal(r.ok, false);
    assert.equal(rl.version().length > 0, true);
  });
});

describe('the refillable bottle the household form offers', () => {
  const REFILL = c('glass', 500, 'beer', true);
  test('is flagged only where a scheme has a refillable deposit, and its deposit comes from the core', async () => {
    assert.deepEqual(await rl.loadSchemes(['de', 'us-ca']), []);
    const byId = Object.fromEntries(rl.schemes('2024-06-01').map((s) => [s.id, s]));
    assert.equal(byId.de.refillable, true);
    assert.equal(byId['us-ca'].refillable, false);
    const h = rl.household({ scheme: 'de', lines: [{ container: REFILL, count: 2, per: 'week' }] });
    assert.equal(h.lines[0].eligible, true);
    assert.equal(h.lines[0].amountMinor, 8);
    assert.equal(rl.deposit('us-ca', REFILL, '2024-06-01').reason, 'refillable_not_covered');
  });
});
