// "Compare" in a real Chromium (Debian's, driven by playwright-core): the panel's module loads only when the panel is
// opened; for the household in the link, each scheme's column holds exactly what the results view shows when that
// scheme is chosen there (both from the core); a rejected household hides the figures; English and Chinese; axe-core
// (wcag2a + wcag2aa) finds nothing; screenshots at phone and desktop widths go to artifacts.
// RETURNLOOP_DIST: the assembled dist/; RETURNLOOP_ARTIFACTS: where the screenshots go.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifacts, axe, openPage, useBrowser } from './view_harness.mjs';
const HOUSEHOLD = 'k=can.10,pet500.8,pet1500.3,beer.4,wine.1,juice.3,milk.4';
// The results view's figures, by the compare table's row keys.
const RESULT_OF_ROW = {
  cardDeposits: '#r-deposits', cardRefund: '#r-refund', cardLeft: '#r-left', compareRowRate: '#rate-out',
  compareRowCo2: '#r-co2', compareRowEnergy: '#r-energy',
};

useBrowser();

async function openRefund(query, width = 1280) {
  return openPage(query, { width, hash: '#refund' });
}

async function openCompare(page) {
  await page.click('#compare > summary');
  await page.waitForSelector('#compare[data-ready="true"]', { timeout: 30000 });
}

// Waits until the table's columns are these schemes, in this order.
async function columnsAre(page, ids) {
  await page.waitForFunction((want) => [...document.querySelectorAll('#compare-table thead th[data-scheme]')]
    .map((th) => th.dataset.scheme).join() === want.join(), ids);
}

async function pick(page, which, id, columns) {
  await page.selectOption(`#compare-${which}`, id);
  await columnsAre(page, columns);
}

// One scheme's column: row key -> text.
function column(page, id) {
  return page.evaluate((scheme) => Object.fromEntries([...document.querySelectorAll('#compare-table tbody tr')]
    .map((tr) => [tr.dataset.row, tr.querySelector(`td[data-scheme="${scheme}"]`).textContent])), id);
}

// The results view's figures for the scheme chosen there (the compare table's first column follows the choice, the
// picks follow it).
async function resultsFor(page, id) {
  const picks = await page.evaluate(() => [1, 2].map((i) => document.querySelector(`#compare-${i}`).value).filter(Boolean));
  await page.selectOption('#j', id);
  await columnsAre(page, [id, ...picks.filter((x) => x !== id)]);
  return page.evaluate((map) => Object.fromEntries(Object.entries(map).map(([row, sel]) => [row, document.querySelector(sel).textContent])),
    RESULT_OF_ROW);
}

// Each scheme's column (of those shown now) equals the results view with that scheme chosen, figure by figure.
async function checkAgainstResults(page) {
  const ids = await page.evaluate(() => [...document.querySelectorAll('#compare-table thead th[data-scheme]')].map((th) => th.dataset.scheme));
  assert.ok(ids.length >= 2, ids.join());
  const columns = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await column(page, id)])));
  for (const id of ids) {
    const shown = await resultsFor(page, id);
    for (const [row, text] of Object.entries(shown)) {
      assert.notEqual(text, '—', `${id} ${row}: the results view shows no figure`);
      assert.equal(columns[id][row], text, `${id} ${row}`);
    }
  }
}


describe('compare my household under other schemes', () => {
  test('in English: loads on first open; each column equals the results view for its scheme', async () => {
    const page = await openRefund(`?s=de&${HOUSEHOLD}`);
    try {
      assert.equal(page.fetched.some((p) => /\/web\/compare-/.test(p)), false, 'the module loads before the panel is opened');
      await openCompare(page);
      assert.ok(page.fetched.some((p) => /\/web\/compare-/.test(p)), page.fetched.join(' '));
      await columnsAre(page, ['de', 'cn-pilot']);  // China's pilot is the first offered
      await pick(page, 1, 'us-ca', ['de', 'us-ca']);
      await pick(page, 2, 'no', ['de', 'us-ca', 'no']);
      const de = await column(page, 'de');
      // 29 single-use containers a week pay €0.25 in Germany (cans, PET, beer and milk bottles; not wine or cartons).
      assert.equal(de.cardDeposits, '€377.00');  // 52 × 29 × €0.25
      assert.equal(de.compareRowCovered, '1,508');
      assert.equal(await page.textContent('#compare-table thead th[data-scheme="no"]'), 'Norway');
      await checkAgainstResults(page);

      // A household the form rejects: the table is hidden with a note, not left stale; fixed, it comes back.
      await page.fill('#k-can', 'abc');
      await page.waitForSelector('#compare-table', { state: 'hidden' });
      assert.match(await page.textContent('#compare-note'), /Fix the household form/);
      await page.fill('#k-can', '20');
      await page.waitForSelector('#compare-table', { state: 'visible' });
      await checkAgainstResults(page);

      await page.selectOption('#j', 'de');
      await columnsAre(page, ['de', 'us-ca', 'no']);
      await page.waitForSelector('#status', { state: 'hidden' });
      await axe(page, 'compare, en');
      await page.locator('#compare').screenshot({ path: join(artifacts, 'compare-en-1280.png') });
      await page.setViewportSize({ width: 375, height: 900 });
      await page.locator('#compare').screenshot({ path: join(artifacts, 'compare-en-375.png') });
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('in Chinese, on a phone and on a desktop: worded in Chinese, the same figures as the results view', async () => {
    for (const width of [375, 1280]) {
      const page = await openRefund(`?lang=zh&s=cn-pilot&${HOUSEHOLD}`, width);
      try {
        await openCompare(page);
        assert.equal(await page.textContent('#compare > summary'), '与其他方案比较');
        await columnsAre(page, ['cn-pilot', 'de']);
        await pick(page, 2, 'us-ca', ['cn-pilot', 'de', 'us-ca']);
        assert.equal(await page.textContent('#compare-table caption'), '您家在各方案下的一年');
        assert.equal(await page.textContent('#compare-table thead th[data-scheme="de"]'), '德国');
        assert.equal(await page.textContent('#compare-table tr[data-row="cardRefund"] th'), '您拿回的退款');
        await checkAgainstResults(page);
        await page.selectOption('#j', 'cn-pilot');
        await columnsAre(page, ['cn-pilot', 'de', 'us-ca']);
        if (width === 375) {
          // The phone layout: each figure's name on its own line, the three money columns side by side below it,
          // none cut off or overflowing the screen.
          const box = await page.evaluate(() => [...document.querySelectorAll('#compare-table td')].map((td) => {
            const r = td.getBoundingClientRect();
            return { right: r.right, clipped: td.scrollWidth > td.clientWidth };
          }));
          assert.ok(box.every((b) => b.right <= 375 && !b.clipped), JSON.stringify(box));
        } else {
          await page.waitForSelector('#status', { state: 'hidden' });
          await axe(page, 'compare, zh');
        }
        await page.locator('#compare').screenshot({ path: join(artifacts, `compare-zh-${width}.png`) });
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    }
  });

  test('switching language re-words an open comparison', async () => {
    const page = await openRefund(`?s=de&${HOUSEHOLD}`);
    try {
      await openCompare(page);
      await columnsAre(page, ['de', 'cn-pilot']);
      await page.click('.lang-btn[data-lang="zh"]');
      await page.waitForFunction(() => document.querySelector('#compare-table thead th[data-scheme="de"]').textContent === '德国');
      assert.equal(await page.textContent('#compare-table caption'), '您家在各方案下的一年');
      assert.equal(await page.textContent('#compare-table tr[data-row="compareRowRate"] th'), '退回比例');
      await page.click('.lang-btn[data-lang="en"]');
      await page.waitForFunction(() => document.querySelector('#compare-table thead th[data-scheme="de"]').textContent === 'Germany');
      assert.equal(await page.textContent('#compare-table tr[data-row="compareRowRate"] th'), 'Share returned');
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
});
