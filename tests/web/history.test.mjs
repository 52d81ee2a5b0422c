// "Return rates over time" in a real Chromium (Debian's, driven by playwright-core): the panel's module loads only
// when the panel is opened; Oregon's 1 April 2017 change (5 -> 10 cents), South Australia's 2008, Norway's 2018
// and Korea's 2017 changes are marked from the core's answers; points and markers take keyboard focus and carry
// their labels in English and Chinese; axe-core (wcag2a + wcag2aa) finds nothing; screenshots go to artifacts.
// RETURNLOOP_DIST: the assembled dist/; RETURNLOOP_ARTIFACTS: where the screenshots go.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifacts, axe, openPage, useBrowser } from './view_harness.mjs';

useBrowser();

async function openExplore(query, width = 1280) {
  const page = await openPage(query, { width, hash: '#explore' });
  await page.waitForSelector('#explore[data-ready="true"]', { timeout: 30000 });
  return page;
}

async function openHistory(page) {
  await page.click('#history > summary');
  await page.waitForSelector('#history[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('#history-chart svg');
}

async function choose(page, id) {
  await page.selectOption('#history-scheme', id);
  await page.waitForFunction((want) => document.querySelector('#history-chart svg title').textContent.length > 0 &&
    document.querySelector('#history-scheme').value === want, id);
}

const label = (page, selector) => page.getAttribute(selector, 'aria-label');


describe('return rates over time', () => {
  test('in English: loads on first open, marks Oregon\'s 2017 change and labels every point', async () => {
    const page = await openExplore('?s=us-or');
    try {
      assert.equal(page.fetched.some((p) => /\/web\/history-/.test(p)), false, 'the module loads before the panel is opened');
      await openHistory(page);
      assert.ok(page.fetched.some((p) => /\/web\/history-/.test(p)), page.fetched.join(' '));
      assert.equal(await page.inputValue('#history-scheme'), 'us-or');

      const change = await label(page, '#history-chart .change[data-change="2017-04-01"]');
      assert.match(change, /^Deposit change on April 1, 2017: \$0\.05 → \$0\.10 \(Can\)$/);
      assert.equal(await page.textContent('#history-chart .change[data-change="2017-04-01"] .change-label'), '$0.05 → $0.10');
      assert.equal(await label(page, '#history-chart .pt[data-year="2019"]'), 'Oregon, 2019: 90.8% returned');
      assert.equal(await label(page, '#history-chart .pt[data-year="2015"]'), 'Oregon, 2015: 65% returned');
      assert.equal(await page.locator('#history-chart .pt').count(), 8);  // the eight rates in us-or.json
      // Every point and marker is in the tab order with a name: Tab from the scheme choice lands in the chart.
      assert.equal(await page.locator('#history-chart .pt:not([tabindex="0"]), #history-chart .change:not([tabindex="0"])').count(), 0);
      await page.focus('#history-scheme');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.closest('#history-chart') !== null &&
        document.activeElement.getAttribute('aria-label').length > 0), true);
      assert.match(await page.textContent('#history-table tbody'), /Deposit change on April 1, 2017/);

      // South Australia 2008, Norway 2018, Korea 2017 (refillable bottles), Michigan's rates falling from 97.5%.
      await choose(page, 'au-sa');
      assert.match(await label(page, '#history-chart .change[data-change="2008-09-01"]'), /A\$0\.05 → A\$0\.10|\$0\.05 → \$0\.10/);
      await choose(page, 'no');
      assert.match(await label(page, '#history-chart .change[data-change="2018-01-01"]'), /January 1, 2018/);
      await choose(page, 'kr');
      assert.match(await label(page, '#history-chart .change[data-change="2017-01-01"]'), /₩50 → ₩130 \(Refillable glass bottle\)/);
      await choose(page, 'us-mi');
      assert.equal(await label(page, '#history-chart .pt[data-year="2004"]'), 'Michigan, 2004: 97.5% returned');
      assert.equal(await label(page, '#history-chart .pt[data-year="2024"]'), 'Michigan, 2024: 70.4% returned');

      await choose(page, 'us-or');
      await page.waitForSelector('#status', { state: 'hidden' });
      await axe(page, 'history, en');
      await page.locator('#history').screenshot({ path: join(artifacts, 'history-en-1280.png') });
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('in Chinese: the same change and points, worded in Chinese, on a phone and on a desktop', async () => {
    for (const width of [375, 1280]) {
      const page = await openExplore('?lang=zh&s=us-or', width);
      try {
        await openHistory(page);
        const change = await label(page, '#history-chart .change[data-change="2017-04-01"]');
        assert.match(change, /^2017年4月1日押金调整：.*0\.05 → .*0\.10（易拉罐）$/);
        assert.equal(await label(page, '#history-chart .pt[data-year="2019"]'), '俄勒冈州，2019年：回收率90.8%');
        assert.equal(await page.textContent('#history > summary'), '历年回收率及每次押金调整');
        assert.equal(await page.textContent('#history-table caption'), '公布的回收率和押金调整');
        if (width === 1280) {
          await page.waitForSelector('#status', { state: 'hidden' });
          await axe(page, 'history, zh');
        }
        await page.locator('#history').screenshot({ path: join(artifacts, `history-zh-${width}.png`) });
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    }
  });

  test('switching language re-words an open chart', async () => {
    const page = await openExplore('?s=us-or');
    try {
      await openHistory(page);
      await page.click('.lang-btn[data-lang="zh"]');
      await page.waitForFunction(() => /^2017年4月1日/.test(
        document.querySelector('#history-chart .change[data-change="2017-04-01"]').getAttribute('aria-label')));
      assert.equal(await page.textContent('#history-chart svg title'), '历年回收率：俄勒冈州');
      await page.click('.lang-btn[data-lang="en"]');
      await page.waitForFunction(() => /^Deposit change on April 1, 2017/.test(
        document.querySelector('#history-chart .change[data-change="2017-04-01"]').getAttribute('aria-label')));
      await page.setViewportSize({ width: 375, height: 900 });
      await page.locator('#history').screenshot({ path: join(artifacts, 'history-en-375.png') });
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
});
