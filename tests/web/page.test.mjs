// The page in a real Chromium (Debian's, driven by playwright-core): a household's figures, Chinese and back,
// the share-URL round trip, a broken scheme file's error at its path, bad input, offline reload, axe-core
// (wcag2a + wcag2aa) in both languages, no third-party requests or cookies, and screenshots at 375 and 1280 px.
// RETURNLOOP_DIST: the assembled dist/; RETURNLOOP_ARTIFACTS: where screenshots and timings go.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serve } from './serve.mjs';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(process.env.RETURNLOOP_DIST || join(root, 'build/wasm-release/dist'));
const artifacts = resolve(process.env.RETURNLOOP_ARTIFACTS || join(root, 'artifacts/web'));
const require = createRequire(join(root, 'package.json'));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let server;
let base;
let browser;
const requests = [];
const problems = [];  // console errors, CSP violations, uncaught exceptions
const cookies = [];   // any cookie a page set, collected when its context closes

// Every page opens in a fresh browser context (no storage, language choice, cache or service worker from an
// earlier test), so a failing test cannot leave state behind for the next one.
async function openPage(path, width = 1280, height = 900) {
  const context = await browser.newContext({ locale: 'en-US' });
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(base + path);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  return page;
}
// Closes a page with its context, keeping the cookies it set for the final check.
async function done(page) {
  const context = page.context();
  cookies.push(...(await context.cookies()));
  await context.close();
}
const text = (page, sel) => page.locator(sel).innerText();
// The built name of a data file ("schemes/" -> "data/schemes-1a2b3c4d/"): dist/ names its files by content hash.
const built = (name) => `data/${JSON.parse(readFileSync(join(dist, 'built-names.json'), 'utf8'))[name]}`;

// Each group of the jurisdiction list in the order the browser's own collator gives the names shown (the page sorts
// without it: the build orders the list by Chinese name, English sorts by code point).
async function assertListInNameOrder(page, locale) {
  const groups = await page.$$eval('#j optgroup', (gs) => gs.map((g) => [...g.querySelectorAll('option')].map((o) => o.textContent.replace(/ \(\w+\)$/, ''))));
  const sorted = await page.evaluate(({ gs, loc }) => gs.map((g) => g.slice().sort(new Intl.Collator(loc).compare)), { gs: groups, loc: locale });
  assert.ok(groups.flat().length >= 50, `the list has every preset (${groups.flat().length})`);
  assert.deepEqual(groups, sorted, `the jurisdiction list in ${locale} order`);
}

async function axe(page, label) {
  // Evaluated over the DevTools protocol: the page's CSP (rightly) refuses an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations (${label})`);
}

async function setRange(page, selector, value) {
  await page.$eval(selector, (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), `${dist}/index.html is missing: run scripts/build-web-dist`);
  mkdirSync(artifacts, { recursive: true });
  ({ server, url: base } = await serve(dist));
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

// [SECTION] Language scan: every visible word of a state of the page, with the accessible names and SVG titles.
// Words a reader of the other language may see: brand and proper names, units, codes and URLs.
const LATIN_ALLOWED = new Set(['ReturnLoop', 'mL', 'L', 'kg', 'g', 't', 'kWh', 'MJ', 'GJ', 'CO2e', 'CO₂e', 'JSON']);
const isCode = (w, ids) => ids.has(w) || /^[A-Z0-9][A-Z0-9-]{1,7}$/.test(w) || /\.[a-z]{2,}$/.test(w) || /^https?:/.test(w);
async function pageWords(page) {
  return page.evaluate(() => {
    const out = [];
    const shown = (el) => el && (el.closest('svg') ? el.closest('svg').checkVisibility() : el.checkVisibility());
    // A word in an element that says it is in another language (the language switch) is that language's.
    const otherLanguage = (el) => { const l = el.closest('[lang]'); return l && l !== document.documentElement && l.lang !== document.documentElement.lang; };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || /^(SCRIPT|STYLE|TEXTAREA)$/.test(el.tagName) || otherLanguage(el)) continue;
      const host = el.closest('select') || el;
      const where = el.closest('code') ? 'CODE' : el.closest('cite, .src-list li, [data-text]') ? 'DATA' : el.id || el.tagName;
      if (shown(host)) out.push([n.textContent, where]);
    }
    for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt],optgroup[label]')) {
      if (!shown(el.closest('select') || el) || otherLanguage(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'label']) if (el.hasAttribute(a)) out.push([el.getAttribute(a), `${el.tagName}@${a}`]);
    }
    return out;
  });
}
// Collects each Latin-script word on a Chinese page (outside the allowlist) and each Chinese character on an English
// one into found. Codes (<code>: ids the files use) are not words. A data file's text (a citation, a summary: marked
// data-text) may quote a proper name in Latin script, but only within its Chinese version: with no Chinese in it,
// it counts word by word.
async function scanLanguage(page, lang, label, ids, found) {
  for (const [text, where] of await pageWords(page)) {
    if (where === 'CODE' || (lang === 'zh' && where === 'DATA' && /[\u4e00-\u9fff]/.test(text))) continue;
    if (lang === 'zh') {
      for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9'’.\-/:]*[A-Za-z0-9]|[A-Za-z]/g)) {
        const w = m[0];
        if (w.length > 1 && !LATIN_ALLOWED.has(w) && !isCode(w, ids)) found.add(`${label}: ${w} (${where})`);
      }
    } else if (/[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]/.test(text)) {
      found.add(`${label}: ${text.trim().slice(0, 60)} (${where})`);
    }
  }
}
const openEverything = (page) => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));

describe('the calculator page', () => {
  test('a household in Oregon: figures from the core, per kind and in total', async () => {
    const page = await openPage('#refund');
    await page.fill('#j-search', 'Oreg');
    // Typing selects the first match: Oregon is chosen without touching the list.
    await page.waitForFunction(() => document.querySelector('#j').value === 'us-or' && new URLSearchParams(location.search).get('s') === 'us-or');
    await page.fill('#j-search', 'Oregon');
    await page.selectOption('#j', 'us-or');
    await page.click('[data-preset="none"]');
    await page.fill('#k-can', '10');
    await page.fill('#k-pet500', '5');
    await setRange(page, '#rate', 100);
    // 15 containers a week x 52 weeks x 10 cents; all returned, nothing left.
    await page.waitForFunction(() => document.querySelector('#r-deposits').textContent === '$78.00');
    assert.equal(await text(page, '#r-refund'), '$78.00');
    assert.equal(await text(page, '#r-left'), '$0.00');
    assert.equal(await text(page, '#rate-out'), '100%');
    assert.match(await text(page, '#lines tr[data-kind="can"]'), /520\s+\$0\.10\s+\$52\.00/);
    assert.notEqual(await text(page, '#r-co2'), '—');
    // The deposit explained in three steps with this scheme's own amount and container.
    await page.waitForSelector('#explainer .ex-step');
    assert.match(await text(page, '#explainer'), /pay \$0\.10 extra when you buy a can in Oregon/);
    assert.equal(await page.locator('#explainer .ex-step svg').count(), 3);
    await setRange(page, '#rate', 50);
    await page.waitForFunction(() => document.querySelector('#r-refund').textContent === '$39.00');
    assert.equal(await text(page, '#r-left'), '$39.00');
    await done(page);
  });

  test('on a phone the year\'s headline figures are within the first screen, in English and Chinese', async () => {
    for (const [lang, path] of [['en', '?s=de&k=can.6,pet500.4,beer.2'], ['zh', '?lang=zh&s=cn-pilot&k=can.6,pet500.4#refund']]) {
      const page = await openPage(path, 375, 667);
      await page.waitForFunction(() => document.querySelector('#glance').textContent !== '');
      const box = await page.$eval('#glance', (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height, reserved: parseFloat(getComputedStyle(e).minHeight) }; });
      const screen = await page.evaluate(() => innerHeight);
      assert.ok(box.top >= 0 && box.bottom <= screen, `${lang}: the glance at ${box.top}-${box.bottom} px, the screen ${screen} px`);
      // Its two reserved lines hold it: nothing below moves when the figures arrive.
      assert.ok(Math.abs(box.height - box.reserved) < 0.5, `${lang}: the glance (${box.height} px) fits its reserved height (${box.reserved} px)`);
      const glance = await text(page, '#glance');
      for (const figure of ['#r-deposits', '#r-refund', '#rate-out']) assert.ok(glance.includes(await text(page, figure)), `${lang}: "${glance}" has ${figure}`);
      assert.match(glance, lang === 'zh' ? /^一年：押金/ : /^A year: /);
      await page.fill('#k-can', 'abc');
      await page.waitForFunction(() => document.querySelector('#glance').textContent === document.querySelector('#refund-error').textContent);
      await page.setViewportSize({ width: 1280, height: 900 });
      assert.equal(await page.isHidden('#glance'), true, `${lang}: side by side, the results themselves are in view`);
      await done(page);
    }
  });

  test('recomputing after an input change is fast (median recorded, budget 5 ms)', async () => {
    const page = await openPage('?s=de&k=can.6,pet500.4#refund');
    await page.evaluate(() => performance.clearMeasures('recompute'));
    for (let i = 1; i <= 41; i++) await page.fill('#k-can', String(i));
    const times = await page.evaluate(() => performance.getEntriesByName('recompute').map((e) => e.duration));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    writeFileSync(join(artifacts, 'recompute-timings.json'), JSON.stringify({ runs: times.length, medianMs: median, p90Ms: times[Math.floor(times.length * 0.9)], maxMs: times[times.length - 1] }, null, 2));
    console.log(`recompute: ${times.length} runs, median ${median.toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
    assert.ok(times.length >= 40, `only ${times.length} recomputes measured`);
    await done(page);
  });

  test('switches to Chinese and back, remembering the choice', async () => {
    const page = await openPage('?s=us-or&k=can.10,pet500.5&r=100#refund');
    await page.click('.lang-btn[data-lang="zh"]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.equal(await text(page, '#refund-title'), '押金让您花多少，退回能拿回多少');
    assert.equal(await text(page, '.tabs a[data-view="editor"]'), '方案编辑器');
    await page.waitForFunction(() => document.querySelector('#r-deposits').textContent === 'US$78.00');
    assert.match(page.url(), /lang=zh/);
    await assertListInNameOrder(page, 'zh-CN');
    await axe(page, 'refund, Chinese');
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await page.click('.lang-btn[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await text(page, '#refund-title'), 'What deposits cost you, and what returning gives back');
    await page.waitForFunction(() => document.querySelector('#r-deposits').textContent === '$78.00');
    await assertListInNameOrder(page, 'en');
    await done(page);
  });

  test('a shared link reloads the same result exactly', async () => {
    const page = await openPage('#refund');
    await page.fill('#j-search', 'Germany');
    await page.selectOption('#j', 'de');
    await page.fill('#k-can', '7');
    await page.fill('#k-beer', '3');
    await setRange(page, '#rate', 64);
    await page.waitForFunction(() => /k=can\.7/.test(location.search) && /r=64/.test(location.search));
    const url = page.url();
    const figures = await Promise.all(['#r-deposits', '#r-refund', '#r-left', '#r-co2'].map((s) => text(page, s)));
    const again = await openPage(url.slice(base.length));
    assert.deepEqual(await Promise.all(['#r-deposits', '#r-refund', '#r-left', '#r-co2'].map((s) => text(again, s))), figures);
    assert.equal(await again.inputValue('#j'), 'de');
    assert.equal(await again.inputValue('#k-beer'), '3');
    assert.equal(await again.inputValue('#rate'), '64');
    await done(page);
    await done(again);
  });

  test('bad input gets a clear message at its field and the page keeps working', async () => {
    const page = await openPage('?s=de#refund');
    for (const [value, message] of [['abc', /whole number/], ['-4', /negative/], ['99999999', /more than 10,000/]]) {
      await page.fill('#k-can', value);
      await page.waitForSelector('#k-can-err:not([hidden])');
      assert.match(await text(page, '#k-can-err'), message);
      assert.equal(await page.getAttribute('#k-can', 'aria-invalid'), 'true');
    }
    await page.fill('#k-can', '2');
    await page.waitForSelector('#k-can-err', { state: 'hidden' });
    assert.match(await text(page, '#r-deposits'), /€/);
    // The what-if: a deposit that is not money, a population that is not a number.
    await page.click('.tabs a[data-view="explore"]');
    await page.waitForSelector('#explore[data-ready="true"]');
    await page.fill('#wi-deposit', 'ten');
    await page.waitForSelector('#wi-deposit-err:not([hidden])');
    await page.fill('#wi-deposit', '0.10');
    await page.fill('#wi-population', '-5');
    await page.waitForSelector('#wi-population-err:not([hidden])');
    await page.fill('#wi-population', '1000000');
    await page.waitForSelector('#wi-population-err', { state: 'hidden' });
    await done(page);
  });

  test('full-width digits and Chinese number words are read where numbers are typed', async () => {
    const page = await openPage('?lang=zh&s=de&k=can.6#refund');
    await page.waitForFunction(() => document.querySelector('#r-deposits').textContent !== '—');
    const six = await text(page, '#r-deposits');
    await page.fill('#k-can', '0');
    await page.waitForFunction((v) => document.querySelector('#r-deposits').textContent !== v, six);
    await page.fill('#k-can', '６');
    await page.waitForFunction((v) => document.querySelector('#r-deposits').textContent === v, six);
    assert.equal(await page.isHidden('#k-can-err'), true);
    await page.click('.tabs a[data-view="explore"]');
    await page.waitForSelector('#explore[data-ready="true"]');
    await page.waitForFunction(() => document.querySelector('#p-returned').textContent !== '—');
    const returned = await text(page, '#p-returned');
    for (const typed of ['1410亿', '１４１０亿']) {
      await page.fill('#wi-containers', '3万');
      await page.waitForFunction((v) => document.querySelector('#p-returned').textContent !== v, returned);
      await page.fill('#wi-containers', typed);
      await page.waitForFunction((v) => document.querySelector('#p-returned').textContent === v, returned);
      assert.equal(await page.isHidden('#wi-containers-err'), true, typed);
    }
    await page.fill('#wi-deposit', '０．３２');
    await page.waitForFunction((v) => document.querySelector('#p-returned').textContent === v, returned);
    assert.equal(await page.isHidden('#wi-deposit-err'), true);
    await done(page);
  });

  test('"how is this computed" for CO2e and energy shows each kind\'s mass and factor, and says where US factors stand in', async () => {
    const page = await openPage('?s=cn-pilot&k=can.6,pet500.4,juice.2&r=80#refund');
    await page.waitForSelector('#m-co2-kinds li', { state: 'attached' });
    await openEverything(page);
    const co2 = await text(page, '#m-co2-kinds');
    assert.match(co2, /Can: 250 returned × [\d.]+ g = [\d.]+ kg × 10\.09 kg CO2e per kg = [\d.]+ kg CO2e/);
    assert.match(co2, /Small plastic bottle: 166 returned × /);
    assert.doesNotMatch(co2, /Juice carton/);  // not covered by the pilot: none returned for a refund
    assert.match(co2, /US EPA.*China pilot/s);
    // The kinds add up to the card's figure (shown to three significant digits).
    const sum = [...co2.matchAll(/= ([\d.,]+) kg CO2e/g)].reduce((a, m) => a + Number(m[1].replace(/,/g, '')), 0);
    const card = Number((await text(page, '#r-co2')).replace(/,/g, ''));
    assert.ok(Math.abs(sum - card) <= card * 0.01, `${sum} vs ${card}`);
    assert.match(await text(page, '#m-energy-kinds'), /Can: [\d.]+ kg × [\d.]+ MJ per kg = [\d,]+ MJ/);
    // A US scheme: the same rows, no stand-in note.
    await page.selectOption('#j', 'us-or');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('s') === 'us-or');
    await page.waitForFunction(() => !/US EPA/.test(document.querySelector('#m-co2-kinds')?.textContent ?? 'US EPA'));
    assert.match(await text(page, '#m-co2-kinds'), /Can: \d+ returned/);
    await done(page);
  });

  test('a malformed link is reported and the page still works', async () => {
    const page = await openPage('?s=zz&k=can.abc,nope.3,pet500.2&r=500&lang=xx#nowhere');
    assert.match(await text(page, '#url-problems'), /zz.*abc.*nope.*500/s);
    assert.equal(await page.inputValue('#k-pet500'), '2');
    assert.notEqual(await text(page, '#r-deposits'), '—');
    await done(page);
  });

  test('a broken scheme file shows its errors at their fields', async () => {
    const page = await openPage('#editor');
    await page.waitForSelector('#editor[data-ready="true"]');
    const broken = {
      id: 'xx', name: 'Test', nameZh: '测试', country: 'XX', currency: 'EUR', status: 'hypothetical', returnToRetail: true, summary: 'A test.', summaryZh: '测试。',
      rules: [{ id: 'r1', from: '2024-01-01', materials: ['pet'], categories: ['water'], containers: 'single_use', minMl: 1000, maxMl: 500, depositMinor: 25, source: 's' }],
      sources: [{ id: 's', title: 'Test source', titleZh: '测试来源', url: '', year: 2024, quality: 'official' }],
    };
    await page.setInputFiles('#ed-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.waitForSelector('#ed-rules-0-maxMl-err:not([hidden])');
    assert.match(await text(page, '#ed-rules-0-maxMl-err'), /maxMl|minMl|500/);
    assert.equal(await page.getAttribute('#ed-rules-0-maxMl', 'aria-invalid'), 'true');
    // Worded from the core's typed error: the rule's number and the field's label, never a JSON path.
    assert.match(await text(page, '#ed-problems'), /Rule 1 · Largest volume \(mL\): the largest size \(500 mL\) is below the smallest \(1000 mL\)/);
    assert.doesNotMatch(await text(page, '#ed-problems'), /rules\[0\]/);
    // Fixing the field in the form clears the error and the rate table fills in.
    await page.fill('#ed-rules-0-minMl', '100');
    await page.fill('#ed-rules-0-maxMl', '1500');
    // Both edits applied (each is debounced: the first alone is already valid), so none is pending below.
    await page.waitForFunction(() => /"maxMl": 1500/.test(document.querySelector('#ed-json').value));
    await page.waitForSelector('#ed-problems.ok');
    // The small water bottle (500 mL PET) now falls under the rule.
    assert.match(await text(page, '#ed-check tbody'), /€0\.25/);
    // Malformed JSON: the message names the position; the form keeps the last good scheme.
    await page.setInputFiles('#ed-file', { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "xx", "rules": [') });
    await page.waitForSelector('#ed-problems.bad');
    assert.match(await text(page, '#ed-problems'), /junk\.json.*broken at line 1, column 24/s);
    assert.equal(await page.inputValue('#ed-rules-0-maxMl'), '1500');
    await axe(page, 'editor with errors');
    await done(page);
  });

  test('the editor: a blank draft is not called valid, drafts survive a reload and travel by link, an invalid one is not exported', async () => {
    const page = await openPage('#editor');
    await page.waitForSelector('#editor[data-ready="true"]');
    assert.doesNotMatch(await text(page, '#ed-problems'), /Valid/);
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    await page.click('#ed-export');
    await page.waitForFunction(() => /Not exported/.test(document.querySelector('#status-text').textContent));
    // An edit makes a valid draft: it is saved, and comes back after a reload.
    // Money in major units: the blank draft's 10 cents read 0.10, and 0.25 typed is 25 in the file.
    assert.equal(await page.inputValue('#ed-rules-0-depositMinor'), '0.10');
    await page.fill('#ed-rules-0-depositMinor', '0.25');
    await page.waitForFunction(() => /"depositMinor": 25\b/.test(document.querySelector('#ed-json').value));
    await page.fill('#ed-name', 'Atlantis');
    await page.waitForFunction(() => /"name": "Atlantis"/.test(document.querySelector('#ed-json').value));
    await page.waitForSelector('#ed-problems.ok');
    await page.reload();
    await page.waitForSelector('#editor[data-ready="true"]');
    assert.equal(await page.inputValue('#ed-name'), 'Atlantis');
    // A wrong value: the export is refused and no file is written.
    await page.fill('#ed-rules-0-maxMl', '50');
    await page.waitForSelector('#ed-problems.bad');
    await page.click('#ed-export');
    await page.waitForFunction(() => /Not exported/.test(document.querySelector('#status-text').textContent));
    assert.equal(downloads, 0);
    // The link carries the draft to a fresh browser, errors and all.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('#ed-share');
    await page.waitForFunction(() => /copied/.test(document.querySelector('#status-text').textContent));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#ed-[\w-]+$/);
    const other = await openPage(link.slice(base.length));
    await other.waitForSelector('#editor[data-ready="true"]');
    assert.equal(await other.inputValue('#ed-name'), 'Atlantis');
    assert.equal(await other.inputValue('#ed-rules-0-maxMl'), '50');
    await other.waitForSelector('#ed-problems.bad');
    // A link cut short says nothing was loaded from it.
    const broken = await openPage(`${link.slice(base.length, -7)}%%`);
    await broken.waitForSelector('#editor[data-ready="true"]');
    assert.match(await text(broken, '#ed-problems'), /could not be read/);
    await done(page);
    await done(other);
    await done(broken);
  });

  test('in Chinese, the editor\'s and the what-if\'s errors are worded in Chinese, and a stale projection is hidden', async () => {
    const page = await openPage('?lang=zh#editor');
    await page.waitForSelector('#editor[data-ready="true"]');
    const broken = {
      id: 'xx', name: 'Test', nameZh: '测试', country: 'XX', currency: 'EUR', status: 'hypothetical', returnToRetail: true,
      summary: 'A test.', summaryZh: '测试。',
      rules: [{ id: 'r1', from: '2024-01-01', materials: ['pet'], categories: ['water'], containers: 'single_use', minMl: 1000, maxMl: 500, depositMinor: 25, source: 's' }],
      sources: [{ id: 's', title: 'Test source', titleZh: '测试来源', url: '', year: 2024, quality: 'official' }],
    };
    await page.setInputFiles('#ed-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.waitForSelector('#ed-rules-0-maxMl-err:not([hidden])');
    const problems = await text(page, '#ed-problems');
    assert.match(problems, /第 1 条规则·最大容量（毫升）：最大容量（500 毫升）小于最小容量（1000 毫升）/);
    assert.doesNotMatch(problems, /[A-Za-z]{2,}/, problems);
    assert.doesNotMatch(await text(page, '#ed-rules-0-maxMl-err'), /[A-Za-z]{2,}/);
    await page.click('.tabs a[data-view="explore"]');
    await page.waitForSelector('#explore[data-ready="true"]');
    await page.waitForFunction(() => document.querySelector('#p-rate').textContent !== '—');
    await page.fill('#wi-containers', '100000000000000');
    await page.waitForSelector('#whatif-error:not([hidden])');
    const banner = await text(page, '#whatif-error');
    assert.match(banner, /超过/);
    assert.doesNotMatch(banner, /[A-Za-z]{2,}/, banner);
    assert.equal(await page.isHidden('#whatif-results .cards'), true);
    await page.fill('#wi-containers', '141000000000');
    await page.waitForSelector('#whatif-error', { state: 'hidden' });
    assert.equal(await page.isVisible('#whatif-results .cards'), true);
    await done(page);
  });

  for (const [lang, refund, tooLarge] of [
    ['en', /Rule 1 · Refund \(e\.g\. 0\.20\): the refund \(€0\.30\) is above the deposit \(€0\.25\)/, /Rule 2 · Deposit \(e\.g\. 0\.25\): €1,234,567\.89 is more than €1,000\.00 for one container/],
    ['zh', /第 1 条规则·退款（主币单位，例如 0\.20）：退款（€0\.30）高于押金（€0\.25）/, /第 2 条规则·押金（主币单位，例如 0\.25）：€1,234,567\.89 超过每个容器 €1,000\.00/],
  ]) {
    test(`the editor's errors name money in major units as the reader writes it, in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
      const page = await openPage(`?lang=${lang}#editor`);
      await page.waitForSelector('#editor[data-ready="true"]');
      const rule = { from: '2024-01-01', materials: ['pet'], categories: ['water'], containers: 'single_use', minMl: 100, maxMl: 500, source: 's' };
      const scheme = {
        id: 'xx', name: 'Test', nameZh: '测试', country: 'XX', currency: 'EUR', status: 'hypothetical', returnToRetail: true,
        summary: 'A test.', summaryZh: '测试。',
        rules: [{ id: 'r1', ...rule, depositMinor: 25, refundMinor: 30 }, { id: 'r2', ...rule, materials: ['glass'], depositMinor: 123456789 }],
        sources: [{ id: 's', title: 'Test source', titleZh: '测试来源', url: '', year: 2024, quality: 'official' }],
      };
      await page.setInputFiles('#ed-file', { name: 'money.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scheme)) });
      await page.waitForSelector('#ed-rules-0-refundMinor-err:not([hidden])');
      const problems = await text(page, '#ed-problems');
      assert.match(problems, refund, problems);
      assert.match(problems, tooLarge, problems);
      assert.doesNotMatch(problems, /(?<![.,\d])(30|25|123456789)(?![.,\d])|minor units|最小货币单位/, problems);
      // At the field itself the same amounts, without the place.
      assert.match(await text(page, '#ed-rules-0-refundMinor-err'), /€0\.30.*€0\.25/);
      await done(page);
    });
  }

  test('every section passes axe (wcag2a, wcag2aa) in English and Chinese, with screenshots at 375 and 1280 px', async () => {
    for (const lang of ['en', 'zh']) {
      for (const width of [375, 1280]) {
        const page = await openPage(`?lang=${lang}&s=de&k=can.6,pet500.4,beer.2#refund`, width);
        for (const view of ['refund', 'explore', 'editor', 'sources']) {
          await page.click(`.tabs a[data-view="${view}"]`);
          if (view !== 'refund') await page.waitForSelector(`#${view}[data-ready="true"]`);
          await page.waitForSelector(`#${view}:not([hidden])`);
          await page.waitForSelector('#status', { state: 'hidden' });
          if (width === 1280) await axe(page, `${view}, ${lang}`);
          await page.screenshot({ path: join(artifacts, `${view}-${lang}-${width}.png`), fullPage: view !== 'sources' });
          // The deposit explainer (pay, return, get it back) and the China what-if, each on its own.
          if (view === 'refund') {
            await page.waitForSelector('#explainer .ex-step');
            await page.locator('#explainer').screenshot({ path: join(artifacts, `explainer-${lang}-${width}.png`) });
          }
          if (view === 'explore') {
            await page.click('[data-whatif="cn"]');
            await page.waitForFunction(() => document.querySelector('#p-rate').textContent !== '—');
            await page.locator('#whatif-form').locator('xpath=..').screenshot({ path: join(artifacts, `china-whatif-${lang}-${width}.png`) });
          }
        }
        await done(page);
      }
    }
  });

  test('a first visit fetches only the first-load files (dist/first-load.json), one scheme file among them', async () => {
    const ctx = await browser.newContext({ serviceWorkers: 'block', locale: 'en-US' });
    ctx.on('request', (r) => requests.push(r.url()));
    try {
      const page = await ctx.newPage();
      const fetched = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname.slice(1) || 'index.html'));
      await page.goto(`${base}?s=de&k=can.6,pet500.4,beer.2#refund`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
      await page.waitForFunction(() => document.querySelector('#r-co2').textContent !== '—');
      const manifest = JSON.parse(readFileSync(join(dist, 'first-load.json'), 'utf8'));
      const schemes = built('schemes/');
      const allowed = new Set([...manifest.files, ...manifest.english].filter((f) => !f.startsWith(schemes)));
      const schemeFiles = fetched.filter((f) => f.startsWith(schemes));
      assert.deepEqual(schemeFiles, [`${schemes}de.bin`]);
      // The deposit explainer (module, styles), the CO2e and energy breakdown and the print styles follow the
      // figures: not first-load.
      const afterFigures = (f) => /^web\/(explainer|zh-explainer|impact-how|zh-impact)[-.]/.test(f) || /^web\/print-[0-9a-f]{8}\.css$/.test(f);
      assert.deepEqual(fetched.filter((f) => !allowed.has(f) && !f.startsWith(schemes) && f !== 'sw.js' && !afterFigures(f)), []);
      // The other sections' code and the Chinese strings wait until they are needed.
      await page.click('.tabs a[data-view="sources"]');
      await page.waitForSelector('#sources[data-ready="true"]');
      assert.ok(fetched.some((f) => /^web\/sources-/.test(f)), fetched.join(' '));
      assert.equal(fetched.filter((f) => f.startsWith(schemes) && f.endsWith('.bin')).length, JSON.parse(readFileSync(join(dist, built('start.json')), 'utf8')).presets.length);
      assert.equal(fetched.some((f) => /^web\/returnloop-full/.test(f)), true);
      assert.equal(fetched.some((f) => /^web\/zh-/.test(f)), false);
      // A first visit in Chinese fetches the Chinese strings instead of the English ones, and nothing else more.
      const zhPage = await ctx.newPage();
      const zhFetched = [];
      zhPage.on('request', (r) => zhFetched.push(new URL(r.url()).pathname.slice(1) || 'index.html'));
      await zhPage.goto(`${base}?lang=zh&s=us-or#refund`);
      await zhPage.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
      const zhAllowed = new Set([...manifest.files, ...manifest.chinese].filter((f) => !f.startsWith(schemes)));
      // data/zh-texts.json (the data files' Chinese texts) follows once the figures are up: not first-load.
      assert.deepEqual(zhFetched.filter((f) => !zhAllowed.has(f) && f !== `${schemes}us-or.bin` && f !== built('zh-texts.json') && !afterFigures(f)), []);
      assert.equal(await zhPage.locator('#refund-title').innerText(), '押金让您花多少，退回能拿回多少');
    } finally {
      await ctx.close();
    }
  });

  test('reloads offline after the first visit (service worker)', async () => {
    const page = await openPage('?s=us-or&k=can.10&r=100#refund');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 }).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    });
    await page.context().setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
      assert.equal(await text(page, '#r-deposits'), '$52.00');
    } finally {
      await page.context().setOffline(false);
    }
    await done(page);
  });

  test('every file the page fetches is named by a hash of its content, and the service worker precaches exactly those', async () => {
    // Every section, the lazy views and Chinese, so the lazily fetched files are among those checked.
    const page = await openPage('?s=de&k=can.6,pet500.4#refund');
    const fetched = new Set();
    page.on('request', (r) => { if (r.url().startsWith(base)) fetched.add(new URL(r.url()).pathname.slice(1)); });
    await page.click('#compare > summary');
    await page.waitForSelector('#compare[data-ready="true"]', { timeout: 30000 });
    await page.click('#poster');
    await page.waitForSelector('#poster-out img');
    for (const view of ['explore', 'editor', 'sources']) {
      await page.click(`.tabs a[data-view="${view}"]`);
      await page.waitForSelector(`#${view}[data-ready="true"]`);
    }
    await page.click('.tabs a[data-view="explore"]');
    await page.click('#history > summary');
    await page.waitForSelector('#history[data-ready="true"]', { timeout: 30000 });
    await page.click('.lang-btn[data-lang="zh"]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.waitForFunction(() => document.querySelector('#refund-title').textContent === '押金让您花多少，退回能拿回多少');
    await done(page);
    // The hash in a name: 8 hex digits of the file's SHA-256 (data, .wasm, styles, icon; a scheme file by its
    // folder's), or esbuild's 8 characters for the scripts (a hash of their content and of the chunks they import).
    const hashOf = (f) => createHash('sha256').update(readFileSync(join(dist, f))).digest('hex').slice(0, 8);
    const named = (f) => /^web\/[\w-]+-[A-Z0-9]{8}\.js$/.test(f) || /^data\/schemes-[0-9a-f]{8}\//.test(f)
      || (/-([0-9a-f]{8})\.\w+$/.test(f) && f.match(/-([0-9a-f]{8})\.\w+$/)[1] === hashOf(f));
    const stable = new Set(['', 'index.html', 'sw.js']);
    const fetchedFiles = [...fetched].filter((f) => !stable.has(f));
    assert.ok(fetchedFiles.some((f) => f.endsWith('.wasm')) && fetchedFiles.some((f) => /^web\/zh-/.test(f)), fetchedFiles.join(' '));
    assert.deepEqual(fetchedFiles.filter((f) => !named(f)), [], 'fetched without a content hash in the name');
    // The worker's list, as built: './' and every file of dist/ the page may fetch (not the JSON data of
    // from: 'json', the JS API's own entry, the notices and the build's lists), each fetched past the HTTP cache.
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    assert.match(sw, /cache:\s*"reload"/);
    const precache = JSON.parse(sw.match(/\["\.\/",[^\]]*\]/)[0]);
    const walk = (d) => readdirSync(join(dist, d), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    const notForThePage = /^(index\.html|sw\.js|first-load\.json|built-names\.json|THIRD-PARTY-NOTICES\.txt|web\/returnloop\.js|data\/(factors|model)\/.*)$/;
    const pageFiles = walk('').filter((f) => !notForThePage.test(f)).sort();
    assert.deepEqual([...precache].sort(), ['./', ...pageFiles].sort());
    assert.deepEqual(pageFiles.filter((f) => !named(f)), [], 'precached without a content hash in the name');
    assert.deepEqual(fetchedFiles.filter((f) => !precache.includes(f)), [], 'fetched but not precached');
  });

  test('Explore: dots name themselves on hover and keyboard focus, axis titles clear the ticks, and the China what-if shows My refund\'s rate', async () => {
    const page = await openPage('?s=cn-pilot&k=can.6#refund', 375);
    await page.waitForFunction(() => document.querySelector('#rate-out').textContent !== '80%');
    const refundRate = await text(page, '#rate-out');
    await page.click('.tabs a[data-view="explore"]');
    await page.waitForSelector('#explore[data-ready="true"]');
    await page.waitForFunction(() => document.querySelector('#p-rate').textContent !== '—');
    assert.equal(await text(page, '#p-rate'), refundRate);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction((w) => Number(document.querySelector('#chart svg').getAttribute('viewBox').split(' ')[2]) === Math.round(Math.min(760, Math.max(300, document.querySelector('#chart').clientWidth))), width);
      const overlaps = await page.evaluate(() => {
        const boxes = (sel) => [...document.querySelectorAll(sel)].map((e) => [e.textContent, e.getBoundingClientRect()]);
        const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        return boxes('#chart .axis-title').flatMap(([title, a]) => boxes('#chart .tick').filter(([, b]) => hit(a, b)).map(([tick]) => `${title} over ${tick}`));
      });
      assert.deepEqual(overlaps, [], `at ${width} px`);
    }
    const dot = page.locator('#chart g.pt:not(.sel)').first();
    const name = await dot.getAttribute('aria-label');
    assert.match(name, /\d+%/);
    assert.equal(await dot.locator('.dot-label').isVisible(), false);
    await dot.locator('circle').hover();
    await page.waitForFunction(() => [...document.querySelectorAll('#chart .pt:not(.sel) .dot-label')].some((e) => e.checkVisibility({ visibilityProperty: true })));
    await page.mouse.move(1, 1);
    await page.waitForFunction(() => ![...document.querySelectorAll('#chart .pt:not(.sel) .dot-label')].some((e) => e.checkVisibility({ visibilityProperty: true })));
    await dot.focus();
    assert.equal(await dot.locator('.dot-label').isVisible(), true);
    assert.equal(await dot.locator('.dot-label').textContent(), name);
    // A wrong what-if input hides the projection of the last good one.
    await page.fill('#wi-deposit', 'ten');
    await page.waitForSelector('#wi-deposit-err:not([hidden])');
    assert.equal(await page.isHidden('#whatif-results .cards'), true);
    assert.equal(await page.locator('#wi-retail').count(), 0);
    // The selected jurisdiction starts from its own figures, the core's what-if defaults: China's for the China pilot;
    // another asks for its own population and containers instead of keeping China's.
    await page.click('[data-whatif="scheme"]');
    assert.equal(await page.inputValue('#wi-containers'), '141000000000');
    await page.click('.tabs a[data-view="refund"]');
    await page.selectOption('#j', 'de');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('s') === 'de');
    await page.click('.tabs a[data-view="explore"]');
    await page.click('[data-whatif="scheme"]');
    assert.equal(await page.inputValue('#wi-containers'), '');
    assert.match(await text(page, '#wi-containers-hint'), /Germany/);
    assert.equal(await page.isHidden('#whatif-results .cards'), true);
    await done(page);
  });

  for (const lang of ['zh', 'en']) {
    test(`every section and state is worded in ${lang === 'zh' ? 'Chinese' : 'English'} only (codes, units and names aside)`, async () => {
      const ids = new Set(JSON.parse(readFileSync(join(dist, built('start.json')), 'utf8')).presets.map((p) => p.id));
      const other = lang === 'zh' ? 'en' : 'zh';
      const found = new Set();
      // Every section starts in the other language, then the language switches: what is scanned below is what a
      // switch re-renders (figures, cards, the chart, the editor, the sources), not only what starts afresh.
      const page = await openPage(`?lang=${other}&s=cn-pilot&k=can.6,pet500.4,beer.2#refund`);
      for (const view of ['explore', 'editor', 'sources', 'refund']) {
        await page.click(`.tabs a[data-view="${view}"]`);
        if (view !== 'refund') await page.waitForSelector(`#${view}[data-ready="true"]`);
      }
      await page.waitForFunction(() => document.querySelector('#p-rate').textContent !== '—');
      await page.click(`.lang-btn[data-lang="${lang}"]`);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang === 'zh' ? 'zh-CN' : 'en');
      for (const scheme of ['cn-pilot', 'de', 'us-ca']) {
        await page.selectOption('#j', scheme);
        await page.waitForFunction((id) => new URLSearchParams(location.search).get('s') === id, scheme);
        await openEverything(page);
        await page.waitForFunction(() => document.querySelector('#r-deposits').textContent !== '—');
        await page.waitForSelector('#explainer .ex-step');
        await scanLanguage(page, lang, `My refund, ${scheme}`, ids, found);
      }
      await page.fill('#k-can', 'abc');
      await page.waitForSelector('#k-can-err:not([hidden])');
      await scanLanguage(page, lang, 'My refund with an error', ids, found);
      await page.fill('#k-can', '6');
      await page.click('.tabs a[data-view="explore"]');
      await page.waitForSelector('#explore[data-ready="true"]');
      await openEverything(page);
      await scanLanguage(page, lang, 'Explore', ids, found);
      await page.fill('#wi-deposit', 'ten');
      await page.waitForSelector('#wi-deposit-err:not([hidden])');
      await scanLanguage(page, lang, 'Explore with a what-if error', ids, found);
      await page.fill('#wi-containers', '100000000000000');
      await page.fill('#wi-deposit', '0.30');
      await page.waitForSelector('#whatif-error:not([hidden])');
      await scanLanguage(page, lang, 'Explore with a what-if error from the core', ids, found);
      await page.click('.tabs a[data-view="editor"]');
      await page.waitForSelector('#editor[data-ready="true"]');
      await openEverything(page);
      await scanLanguage(page, lang, 'the editor', ids, found);
      const broken = { id: 'xx', country: 'XX', currency: 'EUR', status: 'hypothetical', returnToRetail: true,
        rules: [{ id: 'r1', from: '2024-01-01', materials: ['pet'], categories: ['water'], containers: 'single_use', minMl: 1000, maxMl: 500, depositMinor: -25, source: 's' }],
        sources: [{ id: 's', url: '', year: 2024, quality: 'official' }] };
      await page.setInputFiles('#ed-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
      await page.waitForSelector('#ed-problems.bad');
      await scanLanguage(page, lang, 'the editor with errors', ids, found);
      await page.click('.tabs a[data-view="sources"]');
      await page.waitForSelector('#sources[data-ready="true"]');
      await openEverything(page);
      await scanLanguage(page, lang, 'Sources and methods', ids, found);
      await done(page);
      assert.deepEqual([...found].slice(0, 60), [], `${found.size} ${lang === 'zh' ? 'Latin-script' : 'Chinese'} words on the ${lang} page`);
    });
  }

  test('a new release takes over an open page and reloads it, so code and core come from one release', async () => {
    // A copy of dist/ on its own server, so the release can change under the open page.
    const copy = mkdtempSync(join(tmpdir(), 'returnloop-release-'));
    cpSync(dist, copy, { recursive: true });
    const release = await serve(copy);
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${release.url}?s=us-or&k=can.10&r=100#refund`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
      writeFileSync(join(copy, 'sw.js'), `${readFileSync(join(copy, 'sw.js'), 'utf8')}\n// the next release\n`);
      const reloaded = page.waitForNavigation({ timeout: 30000 });
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await reloaded;
      await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
      assert.equal(await text(page, '#r-deposits'), '$52.00');
    } finally {
      await context.close();
      release.server.close();
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('makes no third-party requests, sets no cookies and breaks no CSP rule', async () => {
    const foreign = requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(cookies, []);
    assert.deepEqual(problems, []);
  });
});
