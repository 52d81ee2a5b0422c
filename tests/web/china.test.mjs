// "If China had a deposit" in a real Chromium (Debian's, driven by playwright-core): the panel's module loads only
// when the panel is opened; its rate is the China what-if's (the same core call), the chart's four deposits rise in
// order, the reader's containers per person move the totals, today's bottle prices show with their sources; points
// take keyboard focus; English and Chinese; axe-core (wcag2a + wcag2aa) finds nothing; screenshots go to artifacts.
// RETURNLOOP_DIST: the assembled dist/; RETURNLOOP_ARTIFACTS: where the screenshots go.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifacts, axe, openPage, useBrowser } from './view_harness.mjs';

useBrowser();

async function openChina(query, width = 1280) {
  const page = await openPage(query, { width, hash: '#explore' });
  await page.waitForSelector('#explore[data-ready="true"]', { timeout: 30000 });
  assert.equal(page.fetched.some((p) => /\/web\/china-/.test(p)), false, 'the module loads before the panel is opened');
  await page.click('#china > summary');
  await page.waitForSelector('#china[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('#cn-chart svg');
  assert.ok(page.fetched.some((p) => /\/web\/china-/.test(p)), page.fetched.join(' '));
  return page;
}

// The China what-if's own projection (Explore starts on it) beside the panel's.
async function whatIfRate(page) {
  await page.click('[data-whatif="cn"]');
  await page.waitForFunction(() => /\d/.test(document.querySelector('#p-rate').textContent));
  return page.textContent('#p-rate');
}

const totals = (page) => page.evaluate(() => ({
  returned: document.querySelector('#cn-returned').textContent, refunded: document.querySelector('#cn-refunded').textContent,
  rawReturned: Number(document.querySelector('#china-body').dataset.returned), rawRefunded: Number(document.querySelector('#china-body').dataset.refunded),
}));

// The view in one language: no Chinese characters in English; in Chinese no Latin word but the sources' site names.
const LATIN_ALLOWED = new Set(['cqkz', 'cn', 'jssljx', 'com']);
async function checkLanguage(page, lang) {
  const text = await page.evaluate(() => document.querySelector('#china').innerText);
  if (lang === 'en') assert.deepEqual(text.match(/[\u3400-\u9fff]+/g), null);
  else assert.deepEqual((text.match(/[A-Za-z]{2,}/g) || []).filter((w) => !LATIN_ALLOWED.has(w)), []);
}

async function checkView(page, { rate, informal, link, lang }) {
  await checkLanguage(page, lang);
  assert.equal(await page.textContent('#cn-rate'), rate);
  assert.equal(await page.textContent('#cn-rate'), await whatIfRate(page), 'the panel and the what-if show one rate');
  assert.match(await page.textContent('#cn-rate-band'), /\d+%.*\d+%/);

  // Four points at 0.10 / 0.30 / 0.50 / 1.00 yuan, each the core's rate, rising with the deposit; the table agrees.
  const points = await page.$$eval('#cn-chart .pt', (gs) => gs.map((g) => ({ minor: Number(g.dataset.deposit), rate: Number(g.dataset.rate), label: g.getAttribute('aria-label'), tab: g.getAttribute('tabindex') })));
  assert.deepEqual(points.map((p) => p.minor), [10, 30, 50, 100]);
  for (let i = 1; i < points.length; i++) assert.ok(points[i].rate > points[i - 1].rate, JSON.stringify(points));
  assert.ok(points.every((p) => p.tab === '0' && p.label.length > 0));
  assert.equal(await page.locator('#cn-table tbody tr').count(), 4);

  // Today's bottle prices, with their sources linked.
  assert.equal(await page.textContent('#cn-informal'), informal);
  assert.equal(await page.getAttribute('#cn-informal-sources [data-price="xiaohuanggou-2018"] a', 'href'), 'https://cqkz.cn/');
  assert.equal(await page.getAttribute('#cn-informal-sources [data-price="incom-collectors-2012"] a', 'href'), 'https://jssljx.com/');
  assert.match(await page.textContent('#cn-informal-sources [data-price="xiaohuanggou-2018"]'), link);

  // Containers per person: 100 as assumed; 200 doubles the containers and moves both totals; bad input names the field.
  assert.equal(await page.inputValue('#cn-per-person'), '100');
  const before = await totals(page);
  await page.fill('#cn-per-person', '200');
  await page.waitForFunction((r) => Number(document.querySelector('#china-body').dataset.returned) !== r, before.rawReturned);
  const after = await totals(page);
  assert.notEqual(after.returned, before.returned);
  assert.notEqual(after.refunded, before.refunded);
  assert.ok(Math.abs(after.rawReturned / before.rawReturned - 2) < 1e-6, `${after.rawReturned} / ${before.rawReturned}`);
  assert.equal(await page.textContent('#cn-rate'), rate, 'the rate does not depend on the count');
  await page.fill('#cn-per-person', 'abc');
  await page.waitForSelector('#cn-per-person-err:not([hidden])');
  assert.equal(await page.isHidden('#cn-totals'), true, 'stale totals are hidden beside the error');
  assert.equal(await page.getAttribute('#cn-per-person', 'aria-invalid'), 'true');
  await page.fill('#cn-per-person', '100');
  await page.waitForSelector('#cn-per-person-err', { state: 'hidden' });
  assert.equal((await totals(page)).returned, before.returned);

  // Keyboard: Tab from the input reaches the source links, then the chart's points with their labels.
  await page.focus('#cn-per-person');
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.closest('#cn-chart') !== null && document.activeElement.getAttribute('aria-label').length > 0);
  }
  assert.ok(reached, 'Tab reaches the chart points');
}

describe('if China had a deposit', () => {
  test('in English: the what-if\'s rate, four rising points, adjustable totals, sourced prices', async () => {
    for (const width of [1280, 375]) {
      const page = await openChina('?s=cn-pilot', width);
      try {
        await checkView(page, { rate: '59%', informal: 'CN¥0.04–CN¥0.16', link: /Chongqing Daily/, lang: 'en' });
        if (width === 1280) {
          await page.waitForSelector('#status', { state: 'hidden' });
          await axe(page, 'china, en');
        }
        await page.locator('#china').screenshot({ path: join(artifacts, `china-view-en-${width}.png`) });
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    }
  });

  test('in Chinese: the same figures, worded in Chinese, on a desktop and a phone', async () => {
    for (const width of [1280, 375]) {
      const page = await openChina('?lang=zh&s=cn-pilot', width);
      try {
        assert.equal(await page.textContent('#china > summary'), '如果中国实行押金制：试点回收率、目前的瓶子价格及其依据');
        assert.equal(await page.textContent('#cn-table caption'), '不同押金下的预计回收率');
        await checkView(page, { rate: '59%', informal: '¥0.04–¥0.16', link: /重庆日报/, lang: 'zh' });
        assert.match(await page.textContent('#cn-returned'), /亿$/);
        if (width === 1280) {
          await page.waitForSelector('#status', { state: 'hidden' });
          await axe(page, 'china, zh');
        }
        await page.locator('#china').screenshot({ path: join(artifacts, `china-view-zh-${width}.png`) });
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    }
  });

  test('switching language re-words the open view', async () => {
    const page = await openChina('?s=cn-pilot');
    try {
      await page.click('.lang-btn[data-lang="zh"]');
      await page.waitForFunction(() => document.querySelector('#cn-chart svg title').textContent === '中国试点在四种押金下的预计回收率');
      assert.match(await page.textContent('#cn-basis'), /国家统计局/);
      await page.click('.lang-btn[data-lang="en"]');
      await page.waitForFunction(() => /^Projected return rate/.test(document.querySelector('#cn-chart svg title').textContent));
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
});
