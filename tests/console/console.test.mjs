// The console and the till page in Debian's Chromium (playwright-core) against a real hub and PostgreSQL seeded by
// test_console_page.py (RL_CONSOLE_FIXTURE names its JSON): each role logs in and sees only its stores, a December
// statement shows the hub's totals and downloads as CSV, the print stylesheet leaves only the statement, Chinese,
// Spanish and German (a rate change refused at its field in all four), a voucher redeemed twice on the till page by
// keyboard-wedge input, axe-core (wcag2a + wcag2aa) in every language, no request leaves the hub, screenshots at 375
// and 1280 px in RETURNLOOP_ARTIFACTS.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const fixture = JSON.parse(readFileSync(process.env.RL_CONSOLE_FIXTURE, 'utf8'));
const artifacts = resolve(process.env.RETURNLOOP_ARTIFACTS || join(root, 'artifacts/console'));
const require = createRequire(join(root, 'package.json'));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const base = fixture.url;
let context;
let profile;
const requests = [];
const problems = [];

async function openPage(path, width = 1280) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4(0[134]|22)/.test(m.text())) problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(base + path);
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

async function axe(page, label) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations (${label})`);
}

async function logIn(page, who) {
  const [email, password] = fixture.users[who];
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('html[data-view="fleet"] #fleet tbody tr');
  assert.equal(await page.isVisible('#login'), false, 'the login form goes away');
}

const storesShown = (page) => page.$$eval('#fleet tbody th', (ths) => [...new Set(ths.map((th) => Number(th.textContent.split(' ')[0])))].sort((a, b) => a - b));

async function statement(page, from, to) {
  await page.click('#nav a[href="#clearing"]');
  await page.waitForSelector('#clearing-from');
  await page.fill('#clearing-from', from);
  await page.fill('#clearing-to', to);
  await page.click('#view form button[type=submit]');
  await page.waitForSelector('#statement-number');
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  const { chromium } = require('playwright-core');
  profile = mkdtempSync(join(tmpdir(), 'returnloop-console-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, locale: 'en-US', acceptDownloads: true,
  });
  context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the hub console', () => {
  test('each role sees only its own stores, and only the views it may use', async () => {
    for (const [who, stores] of Object.entries(fixture.stores)) {
      const page = await openPage('/console/');
      await logIn(page, who);
      assert.deepEqual(await storesShown(page), stores, `${who}'s fleet`);
      assert.equal(await page.isVisible('#nav a[href="#clearing"]'), who !== 'store1', `${who}: clearing link`);
      assert.equal(await page.isVisible('#nav a[href="#operator"]'), who === 'operator', `${who}: scheme link`);
      if (who !== 'operator') {
        await page.evaluate(() => { location.hash = '#operator'; });
        await page.waitForSelector('html[data-view="fleet"]');
      }
      if (who === 'store1') {
        await page.click('#nav a[href="#day"]');
        await page.waitForSelector('#day-out .chart');
        assert.deepEqual(await page.$$eval('#day-store option', (o) => o.map((x) => x.value)), ['1']);
      }
      await page.click('#logout');
      await page.waitForSelector('#login:not([hidden])');
      await page.close();
    }
  });

  test("a retailer's December statement: the hub's totals, CSV, print, Chinese, axe in both languages", async () => {
    const page = await openPage('/console/');
    await logIn(page, 'retailerA');
    await axe(page, 'fleet, English');
    await page.screenshot({ path: join(artifacts, 'fleet-1280.png'), fullPage: true });
    await statement(page, ...fixture.month);
    const want = fixture.statementA.totals[0];
    assert.equal(await page.textContent('#statement-number'), `Statement ${fixture.statementA.number}`);
    assert.equal(await page.textContent('[data-total="due"]'), want.due.text);
    assert.equal(await page.textContent('[data-total="fees"]'), want.handlingFees.text);
    assert.equal(await page.textContent('[data-total="donations"]'), want.donations.text);
    assert.equal(await page.textContent('[data-total="containers"]'), String(want.containers));
    await axe(page, 'statement, English');
    await page.screenshot({ path: join(artifacts, 'clearing-1280.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.includes(`\nEUR,${want.containers},`) && csv.trim().endsWith(`,${want.due.minor}`), 'the CSV carries the totals');
    assert.equal(download.suggestedFilename(), `${fixture.statementA.number}.csv`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('header.bar'), false, 'print: no header');
    assert.equal(await page.isVisible('#view form'), false, 'print: no form');
    assert.equal(await page.isVisible('.statement table'), true, 'print: the statement');
    await page.pdf({ path: join(artifacts, 'clearing.pdf') }).catch(() => {});
    await page.emulateMedia({ media: 'screen' });

    await page.selectOption('#lang', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.querySelector('#nav a').textContent === '设备');
    await page.fill('#clearing-from', fixture.month[0]);
    await page.fill('#clearing-to', fixture.month[1]);
    await page.click('#view form button[type=submit]');
    await page.waitForFunction((n) => document.querySelector('#statement-number')?.textContent === `结算单 ${n}`, fixture.statementA.number);
    assert.equal(await page.textContent('[data-total="due"]'), fixture.statementAzh.totals[0].due.text);
    await axe(page, 'statement, Chinese');
    await page.screenshot({ path: join(artifacts, 'clearing-zh-1280.png'), fullPage: true });
    await page.click('#nav a[href="#fleet"]');
    await page.waitForSelector('html[data-view="fleet"] #fleet tbody tr');
    await axe(page, 'fleet, Chinese');
    for (const [lang, fleet] of [['es', 'Máquinas'], ['de', 'Automaten']]) {
      await page.selectOption('#lang', lang);
      await page.waitForFunction(([l, f]) => document.documentElement.lang === l && document.querySelector('#nav a').textContent === f
        && document.querySelector('html[data-view="fleet"] #fleet tbody tr'), [lang, fleet]);
      await axe(page, `fleet, ${lang}`);
    }
    await page.click('#nav a[href="#clearing"]');
    await page.waitForSelector('#clearing-from');
    await page.fill('#clearing-from', fixture.month[0]);
    await page.fill('#clearing-to', fixture.month[1]);
    await page.click('#view form button[type=submit]');
    await page.waitForFunction((n) => document.querySelector('#statement-number')?.textContent === `Abrechnung ${n}`, fixture.statementA.number);
    assert.match(await page.textContent('[data-total="due"]'), /^[\d.]+,\d\d\s€$/, 'German money, formatted by the core');
    await axe(page, 'statement, German');
    await page.selectOption('#lang', 'en');
    await page.close();
  });

  test('rates: a refused change is worded from its typed code at its field in English, Chinese, Spanish and German, nothing is published; a valid one rolls out as pending', async () => {
    const page = await openPage('/console/');
    await logIn(page, 'retailerA');
    await page.click('#nav a[href="#rates"]');
    await page.waitForSelector('html[data-view="rates"] #rates');
    const latest = () => page.evaluate(() => fetch('/v1/console/rates', { headers: { Authorization: `Bearer ${sessionStorage.getItem('rl-console-token')}` } })
      .then((r) => r.json()).then((d) => [d.latest, d.history.length]));
    const refusedAt = async (input, sentence) => {
      await page.click('#view form button[type=submit]');
      await page.waitForFunction((id) => document.querySelector(`#${id} + span.error`).textContent !== '', input);
      assert.equal(await page.textContent(`#${input} + span.error`), sentence);
      assert.deepEqual(await latest(), [0, 0], 'nothing was published');
    };
    // The settings parser's below_min (min 0, value -5) for rule 8 of the German scheme, placed by the core.
    await page.fill('#rate-einweg-glass-2022-refundMinor', '-5');
    await refusedAt('rate-einweg-glass-2022-refundMinor', 'Rule 8: must be at least 0, not -5');
    assert.match(await page.textContent('#rates-status'), /nothing was published/);
    assert.equal(await page.inputValue('#rate-einweg-glass-2022-refundMinor'), '-5', 'the typed value stays to be corrected');
    await axe(page, 'rates with an error');
    // The core's refund_above_deposit for rule 5, in Chinese.
    await page.selectOption('#lang', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.querySelector('#rates th')?.textContent === '规则');
    await page.fill('#rate-einweg-cans-2022-refundMinor', '30');
    await refusedAt('rate-einweg-cans-2022-refundMinor', '第 5 条规则：退款（30）高于押金（25）：退回容器不能拿回比所付更多的钱');
    assert.match(await page.textContent('#rates-status'), /未发布/);
    await axe(page, 'rates with an error, Chinese');
    await page.screenshot({ path: join(artifacts, 'rates-error-zh-1280.png'), fullPage: true });
    // Spanish and German have sentences of their own (hub/console/i18n/*-errors.js), not the English fallback.
    for (const [lang, ruleHeading, input, value, sentence, status] of [
      ['es', 'Regla', 'rate-einweg-glass-2022-refundMinor', '-5', 'Regla 8: debe ser al menos 0, no -5', /no se ha publicado nada/],
      ['de', 'Regel', 'rate-einweg-cans-2022-refundMinor', '30',
        'Regel 5: die Erstattung (30) liegt über dem Pfand (25): eine Rückgabe kann nicht mehr auszahlen, als bezahlt wurde', /nichts wurde veröffentlicht/],
    ]) {
      await page.selectOption('#lang', lang);
      await page.waitForFunction(([l, th]) => document.documentElement.lang === l && document.querySelector('#rates th')?.textContent === th, [lang, ruleHeading]);
      await page.fill(`#${input}`, value);
      await refusedAt(input, sentence);
      assert.match(await page.textContent('#rates-status'), status);
      await axe(page, `rates with an error, ${lang}`);
    }
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('#rates th')?.textContent === 'Rule');
    await page.fill('#rate-einweg-cans-2022-depositMinor', '30');
    await page.fill('#rate-einweg-cans-2022-refundMinor', '30');
    await page.click('#view form button[type=submit]');
    await page.waitForFunction(() => /version 1/.test(document.querySelector('#rates-status')?.textContent || ''));
    assert.equal(await page.inputValue('#rate-einweg-cans-2022-depositMinor'), '30');
    assert.deepEqual([...new Set(await page.$$eval('#rollout tbody td:last-child', (tds) => tds.map((td) => td.textContent)))], ['pending v1']);
    assert.match(await page.textContent('#rates-history'), /v1/);
    await page.screenshot({ path: join(artifacts, 'rates-1280.png'), fullPage: true });
    await page.close();
  });

  test("a store's day, a voucher, the operator's view, and a phone's width", async () => {
    const page = await openPage('/console/', 375);
    await logIn(page, 'operator');
    await page.screenshot({ path: join(artifacts, 'fleet-375.png'), fullPage: true });
    await page.click('#nav a[href="#day"]');
    await page.waitForSelector('#day-out .chart');
    await page.fill('#day-date', fixture.day.date);
    await page.click('#view form button[type=submit]');
    await page.waitForFunction((n) => document.querySelector('#day-out .lead')?.textContent.startsWith(`${n} containers`), fixture.day.containers);
    assert.equal(await page.$$eval('#day-out .chart rect.bar', (r) => r.length), 24);
    await axe(page, "store's day");
    await page.screenshot({ path: join(artifacts, 'day-375.png'), fullPage: true });
    await page.click('#nav a[href="#vouchers"]');
    await page.fill('#voucher-code', fixture.voucherOutstanding);
    await page.click('#view form button[type=submit]');
    await page.waitForSelector('#voucher-amount');
    assert.equal(await page.textContent('#voucher-status'), 'Outstanding');
    await axe(page, 'voucher');
    await page.click('#nav a[href="#operator"]');
    await page.waitForSelector('html[data-view="operator"]');
    assert.match(await page.textContent('#view'), /Retailer A/);
    await axe(page, 'operator');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('#nav a[href="#clearing"]');
    await page.waitForSelector('#clearing-retailer');
    await page.close();
  });

  test('the till page: one scan box, then a large green or red answer in the till\'s language', async () => {
    const page = await openPage('/console/till.html', 375);
    await axe(page, 'till setup');
    await page.fill('#credential', 'rlu_not_a_till');
    await page.click('#setup button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#setup-error').textContent !== '');
    await page.fill('#credential', fixture.till);
    await page.selectOption('#lang', 'zh-CN');
    await page.click('#setup button[type=submit]');
    await page.waitForSelector('#scan:not([hidden])');
    // A keyboard-wedge scanner types the code's digits and presses Enter into the focused box.
    await page.keyboard.type(fixture.voucherToRedeem.code, { delay: 2 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#answer.yes');
    assert.equal(await page.textContent('#answer .big'), `支付 ${fixture.voucherToRedeem.zhText}`);
    await axe(page, 'till, paid');
    await page.screenshot({ path: join(artifacts, 'till-paid-375.png') });
    await page.keyboard.type(fixture.voucherToRedeem.code);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#answer.no');
    assert.equal(await page.textContent('#answer .big'), '已兑付');
    assert.match(await page.textContent('#answer .small'), /till-1/);
    await axe(page, 'till, refused');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(artifacts, 'till-refused-1280.png') });
    assert.deepEqual(await page.$$eval('main > *:not([hidden])', (els) => els.map((e) => e.id)), ['scan', 'answer'], 'nothing else on the page');
    await page.close();
  });

  test('every error code of the core has its sentence in Spanish and German, with the same placeholders as English', async () => {
    const codes = [...readFileSync(join(root, 'core/include/returnloop/result.hpp'), 'utf8')
      .match(/enum class ErrorCode[^{]*\{([^}]*)\}/)[1].matchAll(/^\s*(\w+),/gm)].map((m) => m[1]);
    assert.ok(codes.includes('below_min') && codes.includes('rule_past_currency'), `the core's codes: ${codes}`);
    const english = (await import(join(root, 'web/i18n/en-errors.js'))).default;
    const holes = (text) => (text.match(/\{\w+\}/g) || []).sort();
    for (const lang of ['es', 'de']) {
      const words = (await import(join(root, `hub/console/i18n/${lang}-errors.js`))).default;
      assert.deepEqual(codes.filter((c) => !(`err_${c}` in words)), [], `${lang}: codes without a sentence`);
      assert.deepEqual(Object.keys(english).filter((k) => !(k in words)), [], `${lang}: keys English has`);
      assert.deepEqual(Object.keys(english).filter((k) => JSON.stringify(holes(english[k])) !== JSON.stringify(holes(words[k]))), [],
        `${lang}: placeholders as in English`);
    }
  });

  test('nothing is fetched from anywhere but the hub, and no page logged an error', () => {
    assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')), []);
    assert.deepEqual(problems, []);
  });
});
