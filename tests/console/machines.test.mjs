// The fleet page in Debian's Chromium (playwright-core) showing what a real kiosk uploaded from its controller
// (test_console_machines.py drives the simulator and says which state to expect in RL_MACHINES_MODE): "raised",
// the open faults, the full bin and the printer out of paper as alerts and in the machine's row; "cleared", no
// alert. axe-core (wcag2a + wcag2aa) on the page with its alerts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(join(root, 'package.json'));
const base = process.env.RL_CONSOLE_URL;
const [email, password] = JSON.parse(process.env.RL_CONSOLE_LOGIN);
const mode = process.env.RL_MACHINES_MODE;
const artifacts = resolve(process.env.RETURNLOOP_ARTIFACTS || join(root, 'artifacts/console'));

test(`the fleet page shows the kiosk's controller state (${mode})`, async () => {
  mkdirSync(artifacts, { recursive: true });
  const { chromium } = require('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'returnloop-console-machines-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, locale: 'en-US',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/console/`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('html[data-view="fleet"] #fleet tbody tr');
    const alerts = await page.$$eval('#view section:first-of-type li, #view section:first-of-type p', (els) => els.map((e) => e.textContent));
    const row = await page.$$eval('#fleet tbody tr:not(.pad) td', (tds) => tds.map((td) => td.textContent));
    if (mode === 'raised') {
      assert.ok(alerts.some((a) => /421.*: .*jam/.test(a) && /printer out of paper/.test(a) && /bin full/.test(a)), `the faults alert: ${alerts}`);
      assert.ok(alerts.some((a) => /PET bin 100 % full/.test(a)), `the bin alert: ${alerts}`);
      assert.ok(row.some((c) => /PET 100 %/.test(c)), `the row shows the bin's fill: ${row}`);
      assert.ok(row.includes('out of paper'), `the row shows the printer: ${row}`);
      const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
      assert.deepEqual(result.violations.map((v) => v.id), [], 'axe: the fleet with alerts');
      await page.screenshot({ path: join(artifacts, 'fleet-alerts-1280.png'), fullPage: true });
    } else {
      assert.deepEqual(alerts, ['No alerts.'], 'cleared: no alert');
      assert.ok(row.includes('OK') && row.some((c) => /PET 0 %/.test(c)), `the row: printer OK, the bin empty: ${row}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
