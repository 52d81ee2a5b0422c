// The share poster in a real Chromium (Debian's, driven by playwright-core): its module loads only when its button is
// pressed; the PNG is 1080 x 1440; zbarimg (the real decoder) reads its QR code as the page's share link, and that
// link opened afresh shows the same figures the poster names; nothing is requested from another origin; English and
// Chinese; axe-core (wcag2a + wcag2aa) finds nothing with the poster shown. The posters and screenshots go to artifacts.
// Printing: the phone's per-kind table in stacked rows, and on paper (print media) the sources and a link back whose
// QR code zbarimg reads as the share link.
// RETURNLOOP_DIST: the assembled dist/; RETURNLOOP_ARTIFACTS: where the pictures go.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { artifacts, axe, openPage, site, useBrowser } from './view_harness.mjs';
const FIGURES = ['#r-deposits', '#r-refund', '#r-left', '#rate-out', '#r-co2'];

useBrowser();

async function openRefund(query, width = 1280) {
  return openPage(query, { width });
}

const shownFigures = (page) => page.evaluate((ids) => ids.map((id) => document.querySelector(id).textContent), FIGURES);

// Presses the button, waits for the poster and saves its PNG; returns the file, the image's alt text and its link.
async function makePoster(page, file) {
  await page.click('#poster');
  await page.waitForSelector('#poster-out img');
  await page.waitForFunction(() => document.querySelector('#poster-out img').complete);
  const { alt, link } = await page.evaluate(() => ({
    alt: document.querySelector('#poster-out img').alt, link: document.querySelector('#poster-out').dataset.link,
  }));
  // The PNG as a reader saves it: through the poster's own "save" link.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#poster-out a[download]')]);
  await download.saveAs(file);
  return { png: readFileSync(file), alt, link, name: download.suggestedFilename() };
}

// zbarimg's reading of the poster's QR code (exit 4 when it finds none: the test then fails).
const decodeQr = (file) => execFileSync('zbarimg', ['-q', '--nodbus', '--raw', file], { encoding: 'utf8' }).replace(/\n$/, '');


describe('share poster', () => {
  for (const [lang, query, place] of [['en', '?s=de&k=can.10,pet500.8,beer.4,milk.4&r=70', 'Germany'],
    ['zh', '?lang=zh&s=cn-pilot&k=can.6,pet500.5,pet1500.2,juice.2', '中国试点（假设方案）']]) {
    test(`in ${lang}: a 1080 x 1440 PNG whose QR code is the share link, which reproduces the result`, async () => {
      const page = await openRefund(query, 375);
      try {
        assert.equal(page.fetched.some((u) => /\/web\/poster-/.test(u)), false, 'the module loads before the button is pressed');
        const file = join(artifacts, `poster-${lang}.png`);
        const { png, alt, link, name } = await makePoster(page, file);
        assert.match(name, /^returnloop-(de|cn-pilot)-\d{4}-\d\d-\d\d\.png$/);
        assert.equal(png.subarray(1, 4).toString(), 'PNG');
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1080, 1440]);
        assert.equal(link, page.url());
        assert.equal(decodeQr(file), page.url());
        const figures = await shownFigures(page);
        assert.ok(alt.includes(place), alt);
        for (const f of figures) assert.ok(alt.includes(f), `${f} not in: ${alt}`);
        const origin = new URL(site.base).origin;
        assert.deepEqual(page.fetched.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), []);

        // The decoded link, opened in a fresh browser, shows the same figures.
        const again = await openRefund(new URL(decodeQr(file)).search, 1280);
        try {
          assert.deepEqual(await shownFigures(again), figures);
        } finally {
          await again.context().close();
        }

        await page.waitForSelector('#status', { state: 'hidden' });
        await page.locator('#results').screenshot({ path: join(artifacts, `poster-page-${lang}-375.png`) });
        // axe at desktop width, as the other page suites run it (the results' own table scrolls on a phone).
        await page.setViewportSize({ width: 1280, height: 900 });
        await axe(page, `poster, ${lang}`);
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('printed result', () => {
  for (const [lang, query, perYear] of [['en', '?s=de&k=can.10,pet500.8,beer.4&r=70', 'Per year'],
    ['zh', '?lang=zh&s=cn-pilot&k=can.6,pet500.5,juice.2', '每年']]) {
    test(`in ${lang}: on a phone the table stacks its money columns; on paper the sources, a link back and its QR code`, async () => {
      const page = await openRefund(query, 375);
      try {
        // A phone: every amount of the per-kind table on the screen, under its column's name, nothing to scroll.
        const table = await page.evaluate(() => {
          const wrap = document.querySelector('#lines').closest('.table-wrap');
          const cells = [...document.querySelectorAll('#lines tr[data-kind="can"] td')];
          return { scrolls: wrap.scrollWidth > wrap.clientWidth, right: Math.max(...cells.map((c) => c.getBoundingClientRect().right)),
            labels: cells.map((c) => getComputedStyle(c, '::before').content), texts: cells.map((c) => c.textContent) };
        });
        assert.equal(table.scrolls, false);
        assert.ok(table.right <= 375, `a cell ends at ${table.right} px`);
        assert.equal(table.labels[0], `"${perYear}"`);
        assert.ok(table.texts.every((x) => /\d/.test(x)), table.texts.join(' | '));
        await page.waitForSelector('#status', { state: 'hidden' });
        await page.locator('#lines').screenshot({ path: join(artifacts, `results-table-${lang}-375.png`) });

        // The Print button: the block comes with its module (loaded only now), then the browser's print.
        assert.equal(page.fetched.some((u) => /\/web\/print-\w+\.js/.test(u)), false, 'the print module loads before printing');
        await page.evaluate(() => { window.print = () => { document.documentElement.dataset.printed = 'yes'; }; });
        await page.click('#print');
        await page.waitForSelector('html[data-printed="yes"]');
        assert.equal(await page.getAttribute('#print-back', 'data-link'), page.url());
        // Printing again after a change (Ctrl+P fires beforeprint): the block follows the result.
        await page.fill('#k-can', '12');
        await page.waitForFunction(() => new URLSearchParams(location.search).get('k').includes('can.12'));
        await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
        assert.equal(await page.getAttribute('#print-back', 'data-link'), page.url());

        // On paper: the sources and the how-computed texts open, the block shown, its QR code read by zbarimg.
        await page.setViewportSize({ width: 800, height: 1100 });
        await page.emulateMedia({ media: 'print' });
        // (Laid out, not isVisible(): Playwright counts whatever a closed <details> holds as hidden, even when shown.)
        const laidOut = (sel) => page.$eval(sel, (e) => `${e.getBoundingClientRect().height > 0} ${e.textContent.trim().slice(0, 30)}`);
        assert.match(await laidOut('#r-sources li'), /^true \S/);
        assert.match(await laidOut('#m-co2'), /^true \S/);
        assert.equal(await page.isVisible('#print-back'), true);
        assert.equal(await page.isVisible('#print'), false);
        const file = join(artifacts, `print-qr-${lang}.png`);
        await page.locator('#print-back').screenshot({ path: file });
        assert.equal(decodeQr(file), page.url());
        await page.screenshot({ path: join(artifacts, `print-${lang}.png`), fullPage: true });
        await page.emulateMedia({ media: 'screen' });
        assert.equal(await page.isVisible('#print-back'), false);
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    });
  }
});
